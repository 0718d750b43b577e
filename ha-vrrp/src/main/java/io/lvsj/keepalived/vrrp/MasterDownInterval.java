package io.lvsj.keepalived.vrrp;

/**
 * Master_Down_Interval and Skew_Time (RFC 3768 §6.1, RFC 5798 §6.1), in microseconds, with
 * keepalived's arithmetic so that a keepalived-j backup and a keepalived backup of the same
 * priority time out at the same instant (keepalived.md §3.3).
 */
final class MasterDownInterval {
    static final long SECOND = 1_000_000;

    private MasterDownInterval() {
    }

    /**
     * Skew_Time. VRRPv2 says (256 − Priority) / 256 seconds whatever the interval; keepalived
     * counts it in whole 1/256 s ticks truncated to 3906 µs, and so do we. VRRPv3 scales it by
     * the master's advert interval: ((256 − Priority) × Master_Adver_Interval) / 256.
     */
    static long skew(int version, int priority, long masterAdvertInterval) {
        int weight = 256 - priority;
        return version == 2 ? weight * (SECOND / 256) : weight * masterAdvertInterval / 256;
    }

    /**
     * Master_Down_Interval: {@code adverts} master intervals plus the skew. The RFCs say three;
     * keepalived's {@code down_timer_adverts} lets an operator change that.
     */
    static long of(int adverts, int version, int priority, long masterAdvertInterval) {
        return adverts * masterAdvertInterval + skew(version, priority, masterAdvertInterval);
    }
}
