package io.lvsj.fullnat;

import io.lvsj.ipvs.ServiceKey;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What LVS-J's rules in one family's firewall say, read back from the firewall itself: the
 * FullNAT table they implement, how many connections each local address has taken (the
 * rule's packet counter: the NAT table sees only a connection's first packet), LVS-J's chains
 * as they exist, and whether the built-in chain jumps to them.
 *
 * @param table       the services the rules implement
 * @param connections per (service, local address), connections source-NATed to it since its rule was made
 * @param chains      LVS-J's chains that exist, rules or not
 * @param hooks       how many jumps from the built-in POSTROUTING chain exist (iptables; for nftables 1 when
 *                    LVS-J's table exists, its chain being a base chain of its own)
 */
public record FirewallView(FullNatTable table, Map<LocalAddressUse, Long> connections, Set<String> chains,
                           int hooks) {

    /** A local address of one service. */
    public record LocalAddressUse(ServiceKey.Inet key, InetAddress address) {
    }

    public FirewallView {
        connections = Map.copyOf(connections);
        chains = Set.copyOf(chains);
    }

    public static FirewallView none() {
        return new FirewallView(FullNatTable.empty(), Map.of(), Set.of(), 0);
    }

    public boolean hooked() {
        return hooks > 0;
    }

    public long connections(ServiceKey.Inet key, InetAddress address) {
        return connections.getOrDefault(new LocalAddressUse(key, address), 0L);
    }

    /**
     * Builds the view from the comments of LVS-J's rules, in rule order: each service's local
     * addresses and its real servers in rule order.
     */
    static FirewallView fromRules(List<RuleComment> comments, Map<LocalAddressUse, Long> counters, Set<String> chains,
                                  int hooks) {
        Map<ServiceKey.Inet, FullNatService> services = new LinkedHashMap<>();
        for (RuleComment c : comments) {
            switch (c) {
                case RuleComment.Destination d -> services.put(d.key(),
                        services.getOrDefault(d.key(), FullNatService.empty(d.key())).withRealServer(d.server()));
                case RuleComment.LocalAddress l -> {
                    FullNatService s = services.getOrDefault(l.key(), FullNatService.empty(l.key()));
                    if (!s.localAddresses().contains(l.address())) {
                        services.put(l.key(), s.withLocalAddress(l.address()));
                    }
                }
                case RuleComment.Hook _ -> {
                }
            }
        }
        return new FirewallView(new FullNatTable(services), counters, chains, hooks);
    }
}
