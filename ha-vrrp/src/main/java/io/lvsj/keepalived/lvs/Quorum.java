package io.lvsj.keepalived.lvs;

/**
 * keepalived's quorum rule ({@code update_quorum_state}): the quorum is gained when the live
 * weight reaches {@code quorum + hysteresis}, and lost when it falls below
 * {@code quorum - hysteresis} or to 0. Pure.
 */
public final class Quorum {
    private Quorum() {
    }

    /** The total IPVS weight of the live real servers. */
    public static long liveWeight(VirtualServerSpec spec, VirtualServerHealth health) {
        long sum = 0;
        for (RealServerSpec rs : spec.realServers()) {
            RealServerHealth h = health.realServers().get(rs.key());
            if (h != null && h.alive()) {
                sum += h.ipvsWeight();
            }
        }
        return sum;
    }

    /** The state at start-up ({@code set_quorum_states}). */
    public static boolean initial(long liveWeight, long quorum, long hysteresis) {
        return liveWeight >= quorum + hysteresis;
    }

    /** The state after the live weight changed. */
    public static boolean next(boolean up, long liveWeight, long quorum, long hysteresis) {
        if (!up) {
            return liveWeight >= quorum + hysteresis;
        }
        return !(liveWeight == 0 || liveWeight < quorum - hysteresis);
    }
}
