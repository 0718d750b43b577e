package io.lvsj.keepalived.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A line of {@code virtual_routes} or {@code static_routes}: {@code ip route add}'s grammar
 * without abbreviations. Tracked routes (the default) carry protocol 18 (keepalived), as
 * keepalived sets it.
 */
public record Route(Location location, boolean ipv6, Prefix destination, int type,
                    Optional<InetAddress> preferredSource, Optional<Prefix> from, Optional<InetAddress> via,
                    Optional<String> device, long table, OptionalLong metric, OptionalInt scope,
                    OptionalInt protocol, OptionalInt tos, boolean onlink, OptionalLong realms,
                    Map<Metric, Long> metrics, Set<Metric> locked, Optional<String> congestionControl,
                    OptionalInt preference, OptionalLong expires, List<NextHop> nextHops,
                    Mode mode, boolean noTrack, Optional<String> trackGroup) {

    /** {@code RTN_UNICAST}: a plain route. */
    public static final int UNICAST = 1;
    /** {@code RT_TABLE_MAIN}. */
    public static final int MAIN_TABLE = 254;
    /** {@code RTPROT_KEEPALIVED}. */
    public static final int PROTOCOL_KEEPALIVED = 18;

    /** Route metrics ({@code RTAX_*}) and their keywords. */
    public enum Metric {
        MTU("mtu", true), ADVMSS("advmss", true), HOPLIMIT("hoplimit", false), RTT("rtt", true),
        RTTVAR("rttvar", true), REORDERING("reordering", true), WINDOW("window", false), CWND("cwnd", true),
        SSTHRESH("ssthresh", true), RTO_MIN("rto_min", true), INITCWND("initcwnd", false),
        INITRWND("initrwnd", false), FEATURES("features", false), QUICKACK("quickack", false),
        FASTOPEN_NO_COOKIE("fastopen_no_cookie", false), TTL_PROPAGATE("ttl-propagate", false);

        private final String keyword;
        private final boolean lockable;

        Metric(String keyword, boolean lockable) {
            this.keyword = keyword;
            this.lockable = lockable;
        }

        public String keyword() {
            return keyword;
        }

        public boolean lockable() {
            return lockable;
        }
    }

    /** How the route is installed: {@code prepend} (keepalived's default), {@code add} or {@code append}. */
    public enum Mode { PREPEND, ADD, APPEND }

    /** One {@code nexthop} of a multipath route (or an {@code or} alternative). */
    public record NextHop(Optional<InetAddress> via, Optional<String> device, OptionalInt weight, boolean onlink,
                          OptionalLong realms) {
    }

    public Route {
        metrics = Map.copyOf(metrics);
        locked = Set.copyOf(locked);
        nextHops = List.copyOf(nextHops);
    }
}
