package io.lvsj.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OwnedSnapshotTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @Test
    void theOwnerComputesAtMostOncePerMaxAge() {
        List<Runnable> posted = new ArrayList<>();
        AtomicInteger computed = new AtomicInteger();
        OwnedSnapshot<Integer> s = new OwnedSnapshot<>(work -> {
            posted.add(work);
            work.run(); // an owner that answers at once
        }, computed::incrementAndGet, Duration.ofSeconds(1), Duration.ofMillis(100), clock::get);
        assertEquals(Optional.of(1), s.get());
        clock.addAndGet(500_000_000L);
        assertEquals(Optional.of(1), s.get());
        assertEquals(1, posted.size());
        clock.addAndGet(600_000_000L);
        assertEquals(Optional.of(2), s.get());
        assertEquals(2, posted.size());
    }

    @Test
    void aSilentOwnerCostsPatienceOnceThenNothing() {
        List<Runnable> posted = new ArrayList<>();
        OwnedSnapshot<String> s = new OwnedSnapshot<>(posted::add, () -> "value", Duration.ofSeconds(1),
                Duration.ofMillis(50), System::nanoTime);
        long started = System.nanoTime();
        assertEquals(Optional.empty(), s.get());
        assertTrue(System.nanoTime() - started >= 50_000_000L, "waited for the owner");
        started = System.nanoTime();
        assertEquals(Optional.empty(), s.get());
        assertTrue(System.nanoTime() - started < 40_000_000L, "did not wait again");
        assertEquals(1, posted.size(), "one request, not one per reader");
        assertTrue(s.silentNanos() >= 50_000_000L);
        posted.getFirst().run();
        assertEquals(0, s.silentNanos());
        assertEquals(Optional.of("value"), s.get());
    }

    @Test
    void manyReadersShareOneRequest() throws Exception {
        ExecutorService owner = Executors.newSingleThreadExecutor();
        AtomicInteger computed = new AtomicInteger();
        OwnedSnapshot<Integer> s = new OwnedSnapshot<>(owner::execute, () -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return computed.incrementAndGet();
        }, Duration.ofSeconds(10), Duration.ofSeconds(5), System::nanoTime);
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Optional<Integer>>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(readers.submit(s::get));
            }
            for (var r : results) {
                assertEquals(Optional.of(1), r.get());
            }
        } finally {
            owner.shutdown();
        }
        assertEquals(1, computed.get());
    }

    @Test
    void anOwnerThatTakesNoMoreWorkIsNotWaitedFor() {
        OwnedSnapshot<String> s = new OwnedSnapshot<>(work -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }, () -> "x", Duration.ofSeconds(1), Duration.ofSeconds(10), System::nanoTime);
        long started = System.nanoTime();
        assertEquals(Optional.empty(), s.get());
        assertTrue(System.nanoTime() - started < 1_000_000_000L);
        assertEquals(0, s.silentNanos());
    }
}
