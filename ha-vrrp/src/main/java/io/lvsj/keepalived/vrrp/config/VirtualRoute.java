package io.lvsj.keepalived.vrrp.config;

import java.net.InetAddress;

/**
 * One {@code virtual_routes} (or {@code static_routes}) entry, the subset of {@code ip route}
 * keepalived-j installs: {@code [src IP] PREFIX|default [via GW] [dev IF] [metric N] [table N]
 * [scope S]}.
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
 */
public record VirtualRoute(InetAddress destination, int prefixLength, InetAddress gateway, String device,
                           InetAddress source, int metric, int table, int scope, boolean ipv6) {
    public static final int MAIN_TABLE = 254;

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
