package io.lvsj.keepalived.vrrp.config;

/**
 * The {@code global_defs} settings of the VRRP process that are not per instance.
 *
 * @param nftTable          {@code nftables}: the table keepalived puts its rules in ("keepalived")
 * @param nftPriority       {@code nftables_priority} of its base chains (-1)
 * @param nftCounters       {@code nftables_counters}
 * @param nftByIndex        {@code nftables_ifindex}: link-local VIPs always matched by interface index
 * @param disableLocalIgmp  {@code vrrp_disable_local_igmp}
 * @param startupDelay      {@code vrrp_startup_delay}: no backup times out before it has passed
 */
public record VrrpGlobals(String nftTable, int nftPriority, boolean nftCounters, boolean nftByIndex,
                          boolean disableLocalIgmp, java.time.Duration startupDelay) {
    public static final VrrpGlobals DEFAULTS = new VrrpGlobals("keepalived", -1, false, false, false,
            java.time.Duration.ZERO);
}
