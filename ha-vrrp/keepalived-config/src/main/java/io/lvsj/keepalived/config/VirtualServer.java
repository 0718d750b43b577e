package io.lvsj.keepalived.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A {@code virtual_server}: an IPVS service and its real servers, with keepalived's defaults
 * applied (scheduler wlc, NAT forwarding and protocol UDP when unset, each with an error; quorum
 * 1; persistence 360 s when the keyword has no value or the port is 0).
 *
 * @param drainOnReload keepalived-j's {@code drain_on_reload SECONDS} extension: what a reload
 *                      removes goes to weight 0 first and is deleted once it has no active
 *                      connections, or after this long; empty = removed at once (keepalived)
 * @param vipBindDevice {@code vip_bind_dev IFNAME} (Alibaba's and DPVS's keyword, a keepalived-j
 *                      extension): the interface that holds the virtual server's addresses, as /32
 *                      or /128, while its quorum holds; a routing daemon exporting the interface
 *                      announces them. Empty for fwmarks and addresses that are no unicast host
 *                      address (the parser says so)
 * @param localAddressGroup {@code laddr_group_name} (extension, with {@code lb_kind FNAT}): the
 *                      {@link LocalAddressGroup} of its FullNAT local addresses
 */
public record VirtualServer(Location location, Key key, Optional<Boolean> ipv6, Optional<Protocol> protocol,
                            String scheduler, Set<Flag> flags, Forwarding forwarding, OptionalLong persistenceTimeout,
                            Optional<String> persistenceGranularity, Optional<String> persistenceEngine,
                            Duration delayLoop, Duration connectTimeout, OptionalLong retry,
                            Optional<Duration> delayBeforeRetry, Optional<Duration> warmup, boolean inhibitOnFailure,
                            boolean alpha, boolean omega, long quorum, long hysteresis, Optional<Script> quorumUp,
                            Optional<Script> quorumDown, Optional<SorryServer> sorryServer, boolean haSuspend,
                            Optional<String> virtualhost, boolean smtpAlert, Optional<String> snmpName, int weight,
                            List<RealServer> realServers, Optional<Duration> drainOnReload,
                            Optional<String> vipBindDevice, Optional<String> localAddressGroup) {

    /** How the service is named: by address and port, by firewall mark, or by group. */
    public sealed interface Key {
    }

    public record Address(InetAddress address, int port) implements Key {
    }

    public record Fwmark(long mark) implements Key {
    }

    public record Group(String name) implements Key {
    }

    public enum Protocol { TCP, UDP, SCTP }

    /** Scheduler and service flags keywords. */
    public enum Flag {
        OPS("ops"), HASHED("hashed"), FLAG_1("flag-1"), FLAG_2("flag-2"), FLAG_3("flag-3"),
        SH_PORT("sh-port"), SH_FALLBACK("sh-fallback"), MH_PORT("mh-port"), MH_FALLBACK("mh-fallback");

        private final String keyword;

        Flag(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** {@code sorry_server IP [PORT]}, {@code sorry_server_inhibit}, {@code sorry_server_lvs_method}. */
    public record SorryServer(InetAddress address, int port, boolean inhibit, Forwarding forwarding) {
    }

    public VirtualServer {
        flags = Set.copyOf(flags);
        realServers = List.copyOf(realServers);
    }

    /** Whether any of its servers (real or sorry) is reached by FullNAT. */
    public boolean usesFullNat() {
        return forwarding.method() == Forwarding.Method.FNAT
                || realServers.stream().anyMatch(r -> r.forwarding().method() == Forwarding.Method.FNAT)
                || sorryServer.map(s -> s.forwarding().method() == Forwarding.Method.FNAT).orElse(false);
    }
}
