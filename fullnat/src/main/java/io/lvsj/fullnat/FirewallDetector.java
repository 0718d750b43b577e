package io.lvsj.fullnat;

/**
 * Picks the back end the host uses, in this order: the one LVS-J's rules were written with
 * (so rules are never split over two); {@code LVSJ_FIREWALL}; iptables when the host's
 * {@code iptables} is the legacy one (its rules live there); nftables when {@code nft} works
 * in this kernel (RHEL 8/9 and Debian's default); legacy iptables; any iptables.
 */
public final class FirewallDetector {
    private FirewallDetector() {
    }

    public static FirewallBackend detect(CommandRunner runner, FirewallBackend recorded, String configured) {
        if (recorded != null) {
            return recorded;
        }
        if (configured != null && !configured.isBlank()) {
            FirewallBackend b = FirewallBackend.ofWord(configured.strip());
            if (b == null) {
                throw new FullNatException("unknown firewall '" + configured.strip()
                        + "' (LVSJ_FIREWALL): use nftables, iptables-legacy, iptables-nft or iptables");
            }
            return b;
        }
        if (CommandRunner.installed("iptables")) {
            CommandRunner.Result v = runner.run("", "iptables", "-V");
            if (v.ok() && v.stdout().contains("legacy")) {
                return FirewallBackend.IPTABLES_LEGACY;
            }
        }
        // A check-only transaction: it reaches the kernel (which may lack the ip family) but changes nothing.
        if (CommandRunner.installed("nft") && runner.run("", "nft", "-c", "add", "table", "ip", NftRules.TABLE).ok()) {
            return FirewallBackend.NFTABLES;
        }
        if (CommandRunner.installed("iptables-legacy-restore")) {
            return FirewallBackend.IPTABLES_LEGACY;
        }
        if (CommandRunner.installed("iptables-restore")) {
            return FirewallBackend.IPTABLES;
        }
        throw new FullNatException("FullNAT needs nftables (nft) or iptables with the ipvs match; neither is installed");
    }
}
