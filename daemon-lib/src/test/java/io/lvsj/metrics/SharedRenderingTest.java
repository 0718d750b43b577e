package io.lvsj.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SharedRenderingTest {
    @Test
    void aRenderingIsSharedUntilItIsMaxAgeOld() {
        AtomicLong clock = new AtomicLong();
        AtomicInteger renders = new AtomicInteger();
        SharedRendering r = new SharedRendering(() -> new byte[]{(byte) renders.incrementAndGet()},
                Duration.ofMillis(100), clock::get);
        assertEquals(1, r.get()[0]);
        clock.set(99_000_000L);
        assertEquals(1, r.get()[0]);
        clock.set(100_000_000L);
        assertEquals(2, r.get()[0]);
        assertEquals(2, renders.get());
    }
}
