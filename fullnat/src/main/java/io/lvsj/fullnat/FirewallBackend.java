package io.lvsj.fullnat;

import io.lvsj.ipvs.AddressFamily;

/**
 * The firewall LVS-J writes its source NAT rules with: nftables in a table of its own, or
 * iptables with the {@code ipvs} match, through the legacy kernel tables or through
 * nf_tables (iptables-nft). The host's choice decides (see {@link FirewallDetector}).
 */
public enum FirewallBackend {
    NFTABLES("nftables", null),
    IPTABLES_LEGACY("iptables-legacy", "-legacy"),
    IPTABLES_NFT("iptables-nft", "-nft"),
    /** Whatever {@code iptables-restore} is on this host. */
    IPTABLES("iptables", "");

    private final String word;
    private final String suffix;

    FirewallBackend(String word, String suffix) {
        this.word = word;
        this.suffix = suffix;
    }

    /** The name users give ({@code LVSJ_FIREWALL=iptables-legacy}) and LVS-J prints. */
    public String word() {
        return word;
    }

    public boolean isIptables() {
        return suffix != null;
    }

    /** {@code iptables-legacy-restore}, {@code ip6tables-nft-save}... */
    String iptablesTool(AddressFamily family, String verb) {
        return (family == AddressFamily.INET ? "iptables" : "ip6tables") + suffix + "-" + verb;
    }

    /** The back end a user named, or {@code null}. */
    public static FirewallBackend ofWord(String word) {
        for (FirewallBackend b : values()) {
            if (b.word.equals(word)) {
                return b;
            }
        }
        return null;
    }
}
