package io.lvsj.keepalived.vrrp.config;

import java.net.InetAddress;

/**
 * One {@code virtual_routes} (or {@code static_routes}) entry: {@code [src IP] PREFIX|default
 * [via GW] [dev IF] [metric N] [table N] [scope S]} and the rest of {@code ip route}'s grammar
 * in {@link RouteOptions}.
 *
 * @param destination  the network, or {@code null} for {@code default}
 * @param prefixLength its length
 * @param gateway      {@code via}, or {@code null}
 * @param device       {@code dev}, or {@code null} (an instance's interface for a virtual route)
 * @param source       {@code src}, or {@code null}
 * @param metric       {@code metric} (0: none)
 * @param table        {@code table} (254: main)
 * @param scope        rtnetlink scope number (0 global, 253 link)
 * @param ipv6         whether it is an IPv6 route (a default route has no address to say so)
 * @param options      type, protocol, multipath and the other options
 */
public record VirtualRoute(InetAddress destination, int prefixLength, InetAddress gateway, String device,
                           InetAddress source, int metric, int table, int scope, boolean ipv6, RouteOptions options) {
    public static final int MAIN_TABLE = 254;

    public VirtualRoute {
        options = options == null ? RouteOptions.PLAIN : options;
    }

    /** A plain unicast route. */
    public VirtualRoute(InetAddress destination, int prefixLength, InetAddress gateway, String device,
                        InetAddress source, int metric, int table, int scope, boolean ipv6) {
        this(destination, prefixLength, gateway, device, source, metric, table, scope, ipv6, RouteOptions.PLAIN);
    }

    /** {@code PREFIX via GW dev IF}. */
    public static VirtualRoute via(InetAddress destination, int prefixLength, InetAddress gateway, String device) {
        return new VirtualRoute(destination, prefixLength, gateway, device, null, 0, MAIN_TABLE, 0,
                destination != null ? destination.getAddress().length == 16 : gateway.getAddress().length == 16);
    }

    public String describe() {
        return (destination == null ? "default" : destination.getHostAddress() + "/" + prefixLength)
                + (gateway == null ? "" : " via " + gateway.getHostAddress())
                + (device == null ? "" : " dev " + device)
                + (metric == 0 ? "" : " metric " + metric)
                + (table == MAIN_TABLE ? "" : " table " + table);
    }
}
