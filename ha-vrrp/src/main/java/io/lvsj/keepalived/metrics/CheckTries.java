package io.lvsj.keepalived.metrics;

import io.lvsj.keepalived.healthcheckers.CheckObserver;
import io.lvsj.keepalived.lvs.CheckerRef;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every checker's tries: how long each took (a histogram) and how many failed. Recorded on the
 * checkers' own threads with adders, so a try never waits for a scrape or for another try.
 */
final class CheckTries implements CheckObserver {
    /** Upper bounds in seconds: connect times on a LAN up to the longest connect_timeout in use. */
    static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
            Double.POSITIVE_INFINITY};

    /** One checker's tries so far. */
    static final class Tries {
        private final LongAdder[] buckets = new LongAdder[BOUNDS.length];
        private final DoubleAdder seconds = new DoubleAdder();
        private final LongAdder failures = new LongAdder();

        Tries() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void add(boolean passed, double took) {
            int i = 0;
            while (took > BOUNDS[i]) {
                i++;
            }
            buckets[i].increment();
            seconds.add(took);
            if (!passed) {
                failures.increment();
            }
        }

        /** Tries per bucket (not cumulative). */
        long[] counts() {
            long[] c = new long[buckets.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = buckets[i].sum();
            }
            return c;
        }

        double seconds() {
            return seconds.sum();
        }

        long failures() {
            return failures.sum();
        }
    }

    private final ConcurrentHashMap<CheckerRef, Tries> byChecker = new ConcurrentHashMap<>();

    @Override
    public void tried(CheckerRef checker, boolean passed, long nanos) {
        byChecker.computeIfAbsent(checker, c -> new Tries()).add(passed, nanos / 1e9);
    }

    /** The tries of {@code checker}; a checker not tried yet has none. */
    Tries of(CheckerRef checker) {
        Tries t = byChecker.get(checker);
        return t != null ? t : new Tries();
    }

    /** Forgets checkers a reload retired. */
    void retainOnly(Set<CheckerRef> running) {
        byChecker.keySet().retainAll(running);
    }
}
