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
 * @param details            type, protocol and the rest of {@code ip route}'s options
 */
public record Route(InetAddress destination, int prefixLength, InetAddress gateway, int interfaceIndex,
                    InetAddress preferredSource, int metric, int table, Scope scope, boolean ipv6,
                    RouteDetails details) {
    public static final int TABLE_MAIN = 254;

    public Route {
        Objects.requireNonNull(scope, "scope");
        details = details == null ? RouteDetails.KEEPALIVED : details;
    }

    /** A plain unicast route with keepalived's protocol. */
    public Route(InetAddress destination, int prefixLength, InetAddress gateway, int interfaceIndex,
                 InetAddress preferredSource, int metric, int table, Scope scope, boolean ipv6) {
        this(destination, prefixLength, gateway, interfaceIndex, preferredSource, metric, table, scope, ipv6,
                RouteDetails.KEEPALIVED);
    }

    /** How {@code RTM_NEWROUTE} treats a route that matches one already there ({@code ip route prepend|add|append|replace}). */
    public enum Mode {
        /** NLM_F_CREATE: before any like it (keepalived's default). */
        PREPEND,
        /** NLM_F_CREATE|NLM_F_EXCL: EEXIST if one like it is there. */
        ADD,
        /** NLM_F_CREATE|NLM_F_APPEND: after any like it. */
        APPEND,
        /** NLM_F_CREATE|NLM_F_REPLACE. */
        REPLACE
    }
}
