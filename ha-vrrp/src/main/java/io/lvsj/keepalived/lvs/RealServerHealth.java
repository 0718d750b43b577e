package io.lvsj.keepalived.lvs;

/**
 * What the checkers say about a real server: alive when every checker is up, and its weight:
 * the configured weight plus what {@code misc_dynamic} and {@code FILE_CHECK} checkers add
 * (unclamped; IPVS gets {@link #ipvsWeight()}).
 */
public record RealServerHealth(boolean alive, long weight) {

    /** keepalived's {@code real_weight}: the weight clamped to what IPVS takes, 0..2^31-1. */
    public int ipvsWeight() {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, weight));
    }
}
