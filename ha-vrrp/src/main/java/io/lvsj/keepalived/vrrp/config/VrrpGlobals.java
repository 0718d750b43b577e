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
 * @param garpPacing        {@code vrrp_garp_interval}, {@code vrrp_gna_interval}, {@code garp_group}
 * @param logUnknownVrids   {@code log_unknown_vrids}: an advert for no instance of ours is logged
 * @param fifoWriteStatesOnReload {@code fifo_write_vrrp_states_on_reload}: a reload writes the states it kept
 *                          to the notify FIFO
 * @param notification      {@code smtp_server}, {@code notification_email} and the rest of the e-mail
 *                          alerts' settings, or {@code null} for none
 */
public record VrrpGlobals(String nftTable, int nftPriority, boolean nftCounters, boolean nftByIndex,
                          boolean disableLocalIgmp, java.time.Duration startupDelay, GarpPacing garpPacing,
                          boolean logUnknownVrids, boolean fifoWriteStatesOnReload,
                          io.lvsj.keepalived.config.GlobalDefs.Notification notification) {
    public static final VrrpGlobals DEFAULTS = new VrrpGlobals("keepalived", -1, false, false, false,
            java.time.Duration.ZERO, GarpPacing.NONE, false, false);

    /** Without e-mail alerts. */
    public VrrpGlobals(String nftTable, int nftPriority, boolean nftCounters, boolean nftByIndex,
                       boolean disableLocalIgmp, java.time.Duration startupDelay, GarpPacing garpPacing,
                       boolean logUnknownVrids, boolean fifoWriteStatesOnReload) {
        this(nftTable, nftPriority, nftCounters, nftByIndex, disableLocalIgmp, startupDelay, garpPacing, logUnknownVrids,
                fifoWriteStatesOnReload, null);
    }

    public VrrpGlobals {
        garpPacing = garpPacing == null ? GarpPacing.NONE : garpPacing;
    }

    public VrrpGlobals(String nftTable, int nftPriority, boolean nftCounters, boolean nftByIndex,
                       boolean disableLocalIgmp, java.time.Duration startupDelay, GarpPacing garpPacing) {
        this(nftTable, nftPriority, nftCounters, nftByIndex, disableLocalIgmp, startupDelay, garpPacing, false, false);
    }

    /** Without gratuitous ARP pacing. */
    public VrrpGlobals(String nftTable, int nftPriority, boolean nftCounters, boolean nftByIndex,
                       boolean disableLocalIgmp, java.time.Duration startupDelay) {
        this(nftTable, nftPriority, nftCounters, nftByIndex, disableLocalIgmp, startupDelay, GarpPacing.NONE, false,
                false);
    }
}
