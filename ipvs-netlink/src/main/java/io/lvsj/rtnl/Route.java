package io.lvsj.rtnl;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A unicast route (keepalived's {@code virtual_routes} and {@code static_routes}).
 *
 * @param destination        destination network, {@code null} for a default route
 * @param prefixLength       its prefix length
 * @param gateway            next hop, or {@code null} for a directly connected route
 * @param interfaceIndex     output interface, 0 = let the kernel choose from the gateway
 * @param preferredSource    source address for locally originated packets, or {@code null}
 * @param metric             {@code RTA_PRIORITY}
 * @param table              routing table (254 = main)
 * @param scope              route scope
 * @param ipv6               whether this is an IPv6 route (needed for a default route with no addresses)
 */
public record Route(InetAddress destination, int prefixLength, InetAddress gateway, int interfaceIndex,
                    InetAddress preferredSource, int metric, int table, Scope scope, boolean ipv6) {
    public static final int TABLE_MAIN = 254;

    public Route {
        Objects.requireNonNull(scope, "scope");
    }
}
