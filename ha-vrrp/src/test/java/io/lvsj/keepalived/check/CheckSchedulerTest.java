package io.lvsj.keepalived.check;

import io.lvsj.keepalived.check.net.Endpoint;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckSchedulerTest {
    static final CheckSpec.Tcp SPEC = new CheckSpec.Tcp(Endpoint.of(InetAddress.getLoopbackAddress(), 1),
            CheckTiming.every(Duration.ofMillis(50)).withRetry(0, Duration.ofMillis(50)));

    @Test
    void aSlowCheckNeverDelaysAnother() throws Exception {
        try (CheckScheduler scheduler = new CheckScheduler()) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger fastTries = new AtomicInteger();
            Probe slow = state -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Attempt.passed();
            };
            Probe fast = state -> {
                fastTries.incrementAndGet();
                return Attempt.passed();
            };
            Checker<String> a = new Checker<>("slow", SPEC, CheckerLogic.of(SPEC, 1), slow,
                    CheckerState.initial(false, 0), scheduler, r -> { });
            Checker<String> b = new Checker<>("fast", SPEC, CheckerLogic.of(SPEC, 1), fast,
                    CheckerState.initial(false, 0), scheduler, r -> { });
            a.start(Duration.ZERO);
            b.start(Duration.ZERO);
            Thread.sleep(600);
            assertTrue(fastTries.get() >= 6, "the fast check ran " + fastTries.get() + " times every 50 ms while the slow one hung");
            release.countDown();
            a.stop();
            b.stop();
        }
    }

    @Test
    void thousandsOfChecksNeedNoThreadEach() throws Exception {
        try (CheckScheduler scheduler = new CheckScheduler()) {
            int n = 5000;
            CountDownLatch done = new CountDownLatch(n * 3);
            List<Checker<Integer>> checkers = new CopyOnWriteArrayList<>();
            int threadsBefore = Thread.activeCount();
            for (int i = 0; i < n; i++) {
                Checker<Integer> c = new Checker<>(i, SPEC, CheckerLogic.of(SPEC, 1), state -> {
                    done.countDown();
                    return Attempt.passed();
                }, CheckerState.initial(false, 0), scheduler, r -> { });
                checkers.add(c);
                c.start(Duration.ofMillis(i % 50));
            }
            assertTrue(done.await(20, TimeUnit.SECONDS), "every check ran three times");
            assertTrue(Thread.activeCount() - threadsBefore < 50, "platform threads grew by "
                    + (Thread.activeCount() - threadsBefore));
            checkers.forEach(Checker::stop);
            Thread.sleep(100);
            assertEquals(0, scheduler.pending(), "stopped checkers leave nothing scheduled");
        }
    }

    @Test
    void anAsynchronousTryIsEndedAtItsTimeout() throws Exception {
        // a listener whose accept queue is full drops SYNs: the connect never completes
        try (java.net.ServerSocket full = new java.net.ServerSocket()) {
            full.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            List<java.net.Socket> fillers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                java.net.Socket s = new java.net.Socket();
                try {
                    s.connect(full.getLocalSocketAddress(), 200);
                } catch (java.io.IOException e) {
                    // full already
                }
                fillers.add(s);
            }
            CheckSpec.Tcp spec = new CheckSpec.Tcp(Endpoint.of(InetAddress.getLoopbackAddress(), full.getLocalPort())
                    .withConnectTimeout(Duration.ofMillis(300)), CheckTiming.every(Duration.ofSeconds(5)));
            CountDownLatch reported = new CountDownLatch(1);
            List<Checker.Report<String>> reports = new CopyOnWriteArrayList<>();
            try (CheckScheduler scheduler = new CheckScheduler()) {
                Checker<String> c = new Checker<>("x", spec, CheckerLogic.of(spec, 1),
                        new io.lvsj.keepalived.check.probe.TcpConnectProbe(spec,
                                io.lvsj.keepalived.check.net.NetworkContext.host()),
                        CheckerState.initial(false, 1), scheduler, r -> {
                    reports.add(r);
                    reported.countDown();
                });
                long start = System.nanoTime();
                c.start(Duration.ZERO);
                assertTrue(reported.await(3, TimeUnit.SECONDS));
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms >= 280 && ms < 1500, "ended after " + ms + " ms for a 300 ms timeout");
                assertEquals(Step.Verdict.DOWN, reports.getFirst().step().verdict());
                assertTrue(((Attempt.Failed) reports.getFirst().attempt()).reason().endsWith("timeout"));
                c.stop();
            } finally {
                for (java.net.Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aStoppedCheckerReportsNothingMore() throws Exception {
        try (CheckScheduler scheduler = new CheckScheduler()) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<Checker.Report<String>> reports = new CopyOnWriteArrayList<>();
            Checker<String> c = new Checker<>("x", SPEC, CheckerLogic.of(SPEC, 1), state -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Attempt.failed("late");
            }, CheckerState.initial(false, 0), scheduler, reports::add);
            c.start(Duration.ZERO);
            assertTrue(started.await(5, TimeUnit.SECONDS));
            c.stop();
            release.countDown();
            Thread.sleep(200);
            assertEquals(List.of(), reports, "the result of a try in flight at stop is dropped");
        }
    }
}
