package io.lvsj.keepalived.vrrp.firewall;

import io.lvsj.nft.NftClient.Family;

/**
 * keepalived's nftables objects in {@code nft}'s words, each piece in the order keepalived's
 * {@code vrrp_nftables.c} creates it, so the rule set lists the same (sets, chains and rules
 * are listed in the order made). The comments name the keepalived function each mirrors.
 *
 * @param table    {@code nftables} (keepalived's default "keepalived")
 * @param priority {@code nftables_priority} of the base chains (-1)
 * @param counters {@code nftables_counters}: a counter in every rule
 */
record NftScripts(String table, int priority, boolean counters) {

    private String t(Family f) {
        return f.word() + " " + table;
    }

    private String verdict(String verdict) {
        return (counters ? "counter " : "") + verdict;
    }

    /** {@code nft_setup_ipv4}/{@code nft_setup_ipv6}: the table and its output chain. */
    String table(Family f) {
        return "add table " + t(f) + "\n"
                + "add chain " + t(f) + " out { type filter hook output priority " + priority + "; policy accept; }\n";
    }

    /** {@code nft_setup_ipv4_vips}: the input chain, the vips set and the two drop rules. */
    String ipv4Vips() {
        Family f = Family.IP;
        return "add chain " + t(f) + " in { type filter hook input priority " + priority + "; policy accept; }\n"
                + "add set " + t(f) + " vips { type ipv4_addr; }\n"
                + "add rule " + t(f) + " in ip daddr @vips " + verdict("drop") + "\n"
                + "add rule " + t(f) + " out ip saddr @vips " + verdict("drop") + "\n";
    }

    /**
     * {@code nft_setup_ipv6_vips}: neighbour discovery is let through, link-local addresses go
     * to chains of their own (matched with their interface), the others are dropped.
     */
    String ipv6Vips() {
        Family f = Family.IP6;
        String linkLocal = "fe80::/10";
        return "add chain " + t(f) + " in { type filter hook input priority " + priority + "; policy accept; }\n"
                + "add chain " + t(f) + " in_link_local\n"
                + "add chain " + t(f) + " out_link_local\n"
                + "add set " + t(f) + " vips { type ipv6_addr; }\n"
                + "add set " + t(f) + " neighbor-discovery { type icmpv6_type; flags constant;"
                + " elements = { nd-neighbor-solicit, nd-neighbor-advert }; }\n"
                + "add rule " + t(f) + " in icmpv6 type @neighbor-discovery " + verdict("accept") + "\n"
                + "add rule " + t(f) + " in ip6 daddr " + linkLocal + " " + verdict("goto in_link_local") + "\n"
                + "add rule " + t(f) + " out icmpv6 type @neighbor-discovery " + verdict("accept") + "\n"
                + "add rule " + t(f) + " out ip6 saddr " + linkLocal + " " + verdict("goto out_link_local") + "\n"
                + "add rule " + t(f) + " in ip6 daddr @vips " + verdict("drop") + "\n"
                + "add rule " + t(f) + " out ip6 saddr @vips " + verdict("drop") + "\n";
    }

    /**
     * {@code setup_link_local_checks}: the set of link-local VIPs with their interface (by
     * index, or by name: {@code vips_link_local_name}) and the rules that use it.
     */
    String linkLocal(boolean byName) {
        Family f = Family.IP6;
        String set = byName ? "vips_link_local_name" : "vips_link_local";
        return "add set " + t(f) + " " + set + " { type ipv6_addr . " + (byName ? "ifname" : "iface_index") + "; }\n"
                + "add rule " + t(f) + " in_link_local ip6 daddr . " + (byName ? "iifname" : "iif") + " @" + set + " "
                + verdict("drop") + "\n"
                + "add rule " + t(f) + " out_link_local ip6 saddr . " + (byName ? "oifname" : "oif") + " @" + set + " "
                + verdict("drop") + "\n";
    }

    /**
     * {@code nft_setup_igmp}: multicast reports a VMAC would send are sent from its parent
     * instead (so the switch learns the group on the parent's MAC), and an IPv6 VMAC sends no
     * router solicitations.
     */
    String vmac(Family f) {
        StringBuilder s = new StringBuilder("add map " + t(f) + " vmac_map { type iface_index : iface_index; }\n");
        if (f == Family.IP6) {
            s.append("add set ").append(t(f)).append(" vmac_set { type iface_index; }\n");
            s.append("add rule ").append(t(f)).append(" out icmpv6 type mld2-listener-report meta oifkind \"macvlan\"")
                    .append(" dup to ip6 daddr device oif map @vmac_map ").append(verdict("drop")).append('\n');
            s.append("add rule ").append(t(f)).append(" out icmpv6 type nd-router-solicit meta oifkind \"macvlan\"")
                    .append(" oif @vmac_set ").append(verdict("drop")).append('\n');
        } else {
            s.append("add rule ").append(t(f)).append(" out ip protocol igmp meta oifkind \"macvlan\"")
                    .append(" dup to ip daddr device oif map @vmac_map ").append(verdict("drop")).append('\n');
        }
        return s.toString();
    }
}
