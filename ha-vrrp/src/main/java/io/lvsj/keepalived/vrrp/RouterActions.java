package io.lvsj.keepalived.vrrp;

/**
 * What the state machine asks the outside world to do. The core calls these and never does
 * I/O itself; the daemon's implementation sends packets, changes addresses and runs scripts,
 * a test's records the calls. Implementations must not block: the VRRP timers wait for them.
 */
public interface RouterActions {
    /** Send one advert with {@code priority} (to the group, or to every unicast peer). */
    void sendAdvert(VirtualRouter router, int priority);

    /** Add the VIPs and excluded VIPs, then the virtual routes, then the virtual rules. */
    void installAddresses(VirtualRouter router);

    /** Remove the virtual rules, then the virtual routes, then the addresses. */
    void removeAddresses(VirtualRouter router);

    /** Remove only {@code routes} (a reload dropped them from the instance). */
    void removeRoutes(VirtualRouter router, java.util.List<io.lvsj.keepalived.vrrp.config.VirtualRoute> routes);

    /** Remove only {@code rules} (a reload dropped them from the instance). */
    void removeRules(VirtualRouter router, java.util.List<io.lvsj.keepalived.vrrp.config.VirtualRule> rules);

    /** Remove only {@code addresses} (a reload dropped them from the instance). */
    void removeAddresses(VirtualRouter router, java.util.List<io.lvsj.keepalived.vrrp.config.VirtualAddress> addresses);

    /** Send {@code repeat} gratuitous ARPs / unsolicited NAs for every (excluded) VIP. */
    void sendGratuitous(VirtualRouter router, int repeat);

    /**
     * {@code garp_extra_if}: one gratuitous ARP / unsolicited NA on each interface other than
     * the instance's that its (excluded) VIPs use, for the first VIP there.
     */
    void sendExtraGratuitous(VirtualRouter router);

    /** Announce our own source address (a unicast instance coming up, so the master re-learns our MAC). */
    void announceSource(VirtualRouter router);

    /** The instance entered {@code state}: notify scripts, FIFO. */
    void notifyState(VirtualRouter router, VrrpState state);

    /** The sync group entered {@code state}. */
    void notifyGroup(SyncGroup group, VrrpState state);

    /**
     * The state {@code router} kept across a reload, to the notify FIFO only
     * ({@code fifo_write_vrrp_states_on_reload}).
     */
    default void fifoState(VirtualRouter router, VrrpState state) {
    }

    /** The state {@code group} kept across a reload, to the notify FIFO only. */
    default void fifoGroupState(SyncGroup group, VrrpState state) {
    }

    /** A non-state event to notify. */
    void notifyEvent(VirtualRouter router, RouterEvent event);

    /** A log line as keepalived words it (operators grep for these). */
    void log(String message);

    /** A log line keepalived only writes with {@code -D} (log detail). */
    void logDetail(String message);
}
