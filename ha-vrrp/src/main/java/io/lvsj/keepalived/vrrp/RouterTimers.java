package io.lvsj.keepalived.vrrp;

import java.util.Arrays;

/**
 * The deadlines one virtual router waits for, in microseconds of the engine's clock. Which
 * ones run depends on the state: a backup waits for its {@link Timer#MASTER_DOWN} timer, a
 * master for its {@link Timer#ADVERT} timer and its gratuitous ARP schedule; a router in
 * FAULT waits for nothing. A timer that is not running is at {@link VirtualRouter#NEVER}.
 */
final class RouterTimers {
    /** The timers of RFC 3768 §6.2 and RFC 5798 §6.2, plus keepalived's gratuitous ARP schedule (keepalived.md §3.10). */
    enum Timer {
        /** Master_Down_Timer: a backup that hears no master for this long takes over. */
        MASTER_DOWN,
        /** Adver_Timer: a master's next advert. */
        ADVERT,
        /** The second GARP burst, {@code garp_master_delay} after becoming master (or after new VIPs on reload). */
        GARP_SECOND_BURST,
        /** The periodic refresh, every {@code garp_master_refresh} while master. */
        GARP_REFRESH,
        /** The second burst after answering a lower priority, {@code garp_lower_prio_delay} later. */
        GARP_LOWER_PRIORITY
    }

    private static final Timer[] ALL = Timer.values();
    private final long[] at = new long[ALL.length];

    RouterTimers() {
        stopAll();
    }

    void start(Timer timer, long deadline) {
        at[timer.ordinal()] = deadline;
    }

    void stop(Timer timer) {
        at[timer.ordinal()] = VirtualRouter.NEVER;
    }

    void stopAll() {
        Arrays.fill(at, VirtualRouter.NEVER);
    }

    long at(Timer timer) {
        return at[timer.ordinal()];
    }

    boolean due(Timer timer, long now) {
        return at[timer.ordinal()] <= now;
    }

    /** The earliest deadline, or {@link VirtualRouter#NEVER}. */
    long next() {
        long next = VirtualRouter.NEVER;
        for (long t : at) {
            next = Math.min(next, t);
        }
        return next;
    }
}
