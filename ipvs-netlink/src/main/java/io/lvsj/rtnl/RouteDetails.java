package io.lvsj.rtnl;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rest of {@code ip route}'s grammar for a {@link Route}: what keepalived's
 * {@code virtual_routes} and {@code static_routes} may say beyond destination, gateway,
 * device, source, metric, table and scope.
 *
 * @param type        {@code RTN_*} (1 unicast, 2 local, 3 broadcast, 4 anycast, 5 multicast, 6 blackhole,
 *                    7 unreachable, 8 prohibit, 9 throw, 10 nat)
 * @param protocol    {@code RTPROT_*}: who made it (keepalived's is 18)
 * @param tos         {@code tos}/{@code dsfield}
 * @param from        source prefix ({@code from}), or {@code null}
 * @param fromLength  its length
 * @param flags       {@code RTNH_F_*} of the route ({@code onlink} = 4)
 * @param realms      {@code realms} (RTA_FLOW), 0 for none
 * @param metrics     {@code RTAX_*} numbers to values (mtu 2, window 3, rtt 4 ... as {@code ip route} takes them)
 * @param locked      bit mask of locked metrics (RTAX_LOCK)
 * @param congestionControl {@code congctl} (RTAX_CC_ALGO), or {@code null}
 * @param preference  {@code pref} (RTA_PREF: 0 medium, 1 high, 3 low), or -1 for none
 * @param expires     {@code expires} seconds (RTA_EXPIRES), or -1 for none
 * @param nextHops    {@code nexthop ...} of a multipath route (RTA_MULTIPATH); empty for a single path
 */
public record RouteDetails(int type, int protocol, int tos, InetAddress from, int fromLength, int flags, long realms,
                           Map<Integer, Long> metrics, int locked, String congestionControl, int preference,
                           long expires, List<NextHop> nextHops) {
    public static final int RTN_UNICAST = 1;
    public static final int RTPROT_KEEPALIVED = 18;
    /** {@code RTNH_F_ONLINK}. */
    public static final int ONLINK = 4;
    /** A plain unicast route as keepalived adds it. */
    public static final RouteDetails KEEPALIVED = new RouteDetails(RTN_UNICAST, RTPROT_KEEPALIVED, 0, null, 0, 0, 0,
            Map.of(), 0, null, -1, -1, List.of());

    /** One path of a multipath route: {@code nexthop via GW dev IF weight N [onlink] [realms R]}. */
    public record NextHop(InetAddress gateway, int interfaceIndex, int weight, int flags, long realms) {
    }

    public RouteDetails {
        metrics = Map.copyOf(metrics);
        nextHops = List.copyOf(nextHops);
        Objects.checkIndex(type, 256);
        Objects.checkIndex(protocol, 256);
    }
}
