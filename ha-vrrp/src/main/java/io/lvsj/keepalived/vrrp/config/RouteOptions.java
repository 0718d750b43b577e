package io.lvsj.keepalived.vrrp.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * Everything of a {@code virtual_routes}/{@code static_routes} line beyond {@link VirtualRoute}'s
 * own fields, as keepalived sends it.
 *
 * @param type       {@code RTN_*} (the keyword before the prefix: unicast, blackhole, unreachable ...)
 * @param protocol   {@code protocol}; keepalived's own (18) unless given
 * @param tos        {@code tos}
 * @param from       {@code from} prefix, or {@code null}
 * @param onlink     {@code onlink}
 * @param realms     {@code realms}, 0 for none
 * @param metrics    {@code RTAX_*} numbers to values (mtu, advmss, rtt, window ...)
 * @param locked     bit mask of the metrics written with {@code lock}
 * @param congestionControl {@code congctl}, or {@code null}
 * @param preference {@code pref} (0 medium, 1 high, 3 low), -1 for none
 * @param expires    {@code expires} seconds, -1 for none
 * @param nextHops   the {@code nexthop}s of a multipath route
 * @param mode       {@code prepend} (keepalived's default), {@code add} or {@code append}
 */
public record RouteOptions(int type, int protocol, int tos, InetAddress from, int fromLength, boolean onlink,
                           long realms, Map<Integer, Long> metrics, int locked, String congestionControl,
                           int preference, long expires, List<NextHop> nextHops, Mode mode) {
    public static final int UNICAST = 1;
    public static final int KEEPALIVED = 18;
    /** A plain unicast route with keepalived's protocol, prepended. */
    public static final RouteOptions PLAIN = new RouteOptions(UNICAST, KEEPALIVED, 0, null, 0, false, 0, Map.of(), 0,
            null, -1, -1, List.of(), Mode.PREPEND);

    /** How the route goes in when one like it is there. */
    public enum Mode { PREPEND, ADD, APPEND }

    /** {@code nexthop [via GW] [dev IF] [weight N] [onlink] [realms R]}. */
    public record NextHop(InetAddress via, String device, int weight, boolean onlink, long realms) {
    }

    public RouteOptions {
        metrics = Map.copyOf(metrics);
        nextHops = List.copyOf(nextHops);
        mode = mode == null ? Mode.PREPEND : mode;
    }
}
