package io.lvsj.syncd.daemon;

import io.lvsj.syncd.wire.Rejection;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What lvs-syncd has relayed and dropped since it started, counted where it happens (any
 * thread) and read as one {@link Status}. The one place the numbers live, so a metrics
 * endpoint can read them the same way the status command does.
 */
public final class Counters {
    final LongAdder kernelDatagrams = new LongAdder();
    final LongAdder kernelRecords = new LongAdder();
    final LongAdder clusterMessagesOut = new LongAdder();
    final LongAdder clusterRecordsOut = new LongAdder();
    final LongAdder clusterMessagesIn = new LongAdder();
    final LongAdder clusterRecordsIn = new LongAdder();
    final LongAdder injectedDatagrams = new LongAdder();
    final LongAdder injectedRecords = new LongAdder();
    final LongAdder notInjected = new LongAdder();
    final LongAdder injectLosses = new LongAdder();
    final LongAdder tableFull = new LongAdder();
    final LongAdder statesGiven = new LongAdder();
    final LongAdder stateRecordsReceived = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    private final Map<Rejection, LongAdder> kernelDrops = new EnumMap<>(Rejection.class);
    private final Map<Rejection, LongAdder> clusterDrops = new EnumMap<>(Rejection.class);

    public Counters() {
        for (Rejection r : Rejection.values()) {
            kernelDrops.put(r, new LongAdder());
            clusterDrops.put(r, new LongAdder());
        }
    }

    void droppedFromKernel(Rejection r) {
        kernelDrops.get(r).increment();
    }

    void droppedFromCluster(Rejection r) {
        clusterDrops.get(r).increment();
    }

    /** Drops by where and why, only those that happened: {@code "kernel size_mismatch" -> 3}. */
    Map<String, Long> drops() {
        Map<String, Long> d = new java.util.LinkedHashMap<>();
        kernelDrops.forEach((r, n) -> {
            if (n.sum() > 0) {
                d.put("kernel " + r.label(), n.sum());
            }
        });
        clusterDrops.forEach((r, n) -> {
            if (n.sum() > 0) {
                d.put("cluster " + r.label(), n.sum());
            }
        });
        return d;
    }
}
