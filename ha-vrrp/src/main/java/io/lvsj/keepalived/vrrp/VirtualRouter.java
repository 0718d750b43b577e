package io.lvsj.keepalived.vrrp;

import java.util.List;

import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;

import java.net.InetAddress;

/**
 * One VRRP instance ({@code vrrp_instance}): its configuration and everything the protocol
 * remembers about it, its state, priorities, timers, the master it follows and its advert
 * counters. Changing state is {@link StateTransitions}' job, reacting to adverts
 * {@link Election}'s, keeping sync group members together {@link SyncGroup}'s; this class
 * holds the facts and the small arithmetic on them.
 *
 * <p>Only the VRRP thread touches a router; the accessors serve dumps and tests on that thread.
 */
public final class VirtualRouter {
    /** A deadline that never comes. */
    public static final long NEVER = Long.MAX_VALUE;

    private final VirtualRouterConfig config;
    private final byte[][] carriedAddresses;
    private final long advertInterval;
    private final RouterStats stats = new RouterStats();
    final RouterTimers timers = new RouterTimers();
    final AdvertAuthentication authentication;
    SyncGroup group;

    VrrpState state = VrrpState.INIT;
    VrrpState wantState = VrrpState.BACKUP;
    int effectivePriority;
    /**
     * Why the instance must sit in FAULT on its own account (empty: nothing stops it), in the
     * order found. A sync group member may also be in FAULT for another member's reason.
     */
    List<FaultReason> faults = List.of();
    /**
     * An address owner that heard another owner with a higher address: a configuration error
     * keepalived resolves by lowering the loser to 254 for good (see {@link Election}).
     */
    boolean ownershipConceded;

    /** {@code vrrp_startup_delay}: until then no backup times out (keepalived's {@code vrrp_delayed_start_time}). */
    long delayedStartUntil;

    /**
     * Starts the master-down timer {@code interval} from now, or from the end of the startup
     * delay while it lasts, as keepalived computes a backup's {@code sands}.
     */
    void startDownTimer(long now, long interval) {
        timers.start(RouterTimers.Timer.MASTER_DOWN, (now < delayedStartUntil ? delayedStartUntil : now) + interval);
    }

    /** The first reason the instance must sit in FAULT, or {@code null}. */
    FaultReason fault() {
        return faults.isEmpty() ? null : faults.getFirst();
    }

    long masterAdvertInterval;
    /** While a backup follows a lower priority master because of {@code preempt_delay}: until when; 0 when not. */
    long preemptDelayUntil;
    boolean vipSet;
    /**
     * When a master's next {@code garp_extra_if} round may go (keepalived's {@code vmac_garp_timer}):
     * looked at only when an advert is due, so it goes at the first advert after this time.
     */
    long extraGarpAfter;

    private byte[] sourceAddress;
    byte[] masterAddress;
    int masterPriority;

    private int ipId;
    private long ahSequence;
    boolean oldUnicastChecksum;

    VirtualRouter(VirtualRouterConfig config) {
        this.config = config;
        this.carriedAddresses = config.virtualAddresses().stream().map(a -> a.address().getAddress())
                .toArray(byte[][]::new);
        this.advertInterval = config.advertIntervalCentis() * 10_000L;
        this.masterAdvertInterval = advertInterval;
        this.effectivePriority = config.priority();
        this.authentication = new AdvertAuthentication(config.authentication());
        if (config.sourceAddress() != null) {
            this.sourceAddress = config.sourceAddress().getAddress();
        }
    }

    public VirtualRouterConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public int vrid() {
        return config.vrid();
    }

    public VrrpState state() {
        return state;
    }

    /** The state the protocol wants (MASTER once the down timer ran out, even if a sync group holds us back). */
    public VrrpState wantState() {
        return wantState;
    }

    public int effectivePriority() {
        return effectivePriority;
    }

    public int basePriority() {
        return config.priority();
    }

    /** Whether our VIPs are installed (we are master, or were when a reload carried us over). */
    public boolean vipSet() {
        return vipSet;
    }

    public long advertIntervalMicros() {
        return advertInterval;
    }

    /** The interval a backup times the master by (a v3 backup adopts the master's, RFC 5798 §6.4.2). */
    public long masterAdvertIntervalMicros() {
        return masterAdvertInterval;
    }

    public RouterStats stats() {
        return stats;
    }

    public SyncGroup group() {
        return group;
    }

    public boolean isIpv4() {
        return config.isIpv4();
    }

    /** The next time something is due, or {@link #NEVER}. */
    public long deadline() {
        return timers.next();
    }

    /** The IP identification of the advert being sent (keepalived counts 1..65535, never 0). */
    public int ipId() {
        return ipId;
    }

    /** The AH sequence number of the advert being sent. */
    public long ahSequence() {
        return ahSequence;
    }

    /** Whether our VRRPv3 checksums use the pre-1.3.6 pseudo-header a unicast peer was seen using. */
    public boolean oldUnicastChecksum() {
        return oldUnicastChecksum;
    }

    /** The advert source: {@code mcast_src_ip}/{@code unicast_src_ip}, else the interface's address, or {@code null}. */
    public byte[] sourceAddress() {
        return sourceAddress;
    }

    /** The master we last heard from, or {@code null}. */
    public InetAddress masterAddress() {
        return masterAddress == null ? null : Addresses.inet(masterAddress);
    }

    /** The priority the last master advertised. */
    public int masterPriority() {
        return masterPriority;
    }

    /** The interface's address the shell found, for an instance configured without a source; before start. */
    public void useSourceAddress(byte[] address) {
        if (config.sourceAddress() == null && address != null) {
            sourceAddress = address.clone();
        }
    }

    /** The interface got an address and we had none: a change the engine then acts on. */
    boolean learnSourceAddress(byte[] address) {
        if (sourceAddress != null || address == null || address.length != (isIpv4() ? 4 : 16)) {
            return false;
        }
        sourceAddress = address.clone();
        return true;
    }

    /**
     * The address we send from was deleted: one the interface chose is replaced by
     * {@code replacement} (another of its addresses) or, without one, lost; a configured one
     * stays (keepalived's {@code netlink_if_address_filter}; its {@code track_src_ip} would
     * lose it, but 2.2.7 compares the wrong bytes and never does). Returns whether the
     * instance now has no source (a fault the engine then acts on).
     */
    boolean loseSourceAddress(byte[] removed, byte[] replacement) {
        if (sourceAddress == null || !java.util.Arrays.equals(sourceAddress, removed) || config.sourceAddress() != null) {
            return false;
        }
        if (replacement != null) {
            sourceAddress = replacement.clone();
            return false;
        }
        sourceAddress = null;
        return true;
    }

    /** The addresses carried in our adverts, as bytes, for the receive check. */
    byte[][] carriedAddresses() {
        return carriedAddresses;
    }

    /** An address owner that wants to be MASTER: it takes over at once instead of waiting (keepalived.md §3.4). */
    boolean isOwnerWantingMaster() {
        return config.priority() == 255 && config.initialMaster() && group == null && !ownershipConceded;
    }

    /** {@code nopreempt}, which {@code state MASTER} switches off (keepalived.md §3.4). */
    boolean nopreempt() {
        return config.nopreempt() && !config.initialMaster();
    }

    /** {@code preempt_delay} in microseconds, 0 when off; {@code state MASTER} switches it off too. */
    long preemptDelayMicros() {
        return config.initialMaster() ? 0 : config.preemptDelay().toNanos() / 1000;
    }

    long skew() {
        return MasterDownInterval.skew(config.version(), effectivePriority, masterAdvertInterval);
    }

    long masterDownInterval() {
        return MasterDownInterval.of(config.downTimerAdverts(), config.version(), effectivePriority,
                masterAdvertInterval);
    }

    /** Sends an advert through {@code actions}, counting it and advancing the IP id and AH sequence. */
    void sendAdvert(int priority, RouterActions actions) {
        ipId = ipId >= 0xffff ? 1 : ipId + 1;
        ahSequence = (ahSequence + 1) & 0xffffffffL;
        stats.advertSent++;
        if (priority == 0) {
            stats.priZeroSent++;
        }
        actions.sendAdvert(this, priority);
        if (priority == 0) {
            // keepalived logs every priority 0 it sends (on FAULT, shutdown, reload removal).
            actions.log("(" + name() + ") sent 0 priority");
        }
    }

    /**
     * An authenticated AH advert carried {@code sequence}: our own count continues from the
     * highest one seen. keepalived keeps one counter per instance this way (observed on
     * 2.2.7: restarted, it went on from its peer's number, not from 1), and refuses a
     * number at or below it, so a router that restarted must catch up before it is heard.
     */
    void followAhSequence(long sequence) {
        if (sequence > ahSequence) {
            ahSequence = sequence;
        }
    }

    /** Compares an advertiser's address with our source: negative when theirs is lower (RFC 5798 §6.4.3). */
    int compareWithOurAddress(byte[] theirs) {
        if (sourceAddress == null) {
            return 1;
        }
        return java.util.Arrays.compareUnsigned(theirs, sourceAddress);
    }

    /** Takes over what a reload carries from the same instance of the previous configuration (keepalived.md §2.7). */
    void carryFrom(VirtualRouter before) {
        state = before.state;
        wantState = before.wantState;
        vipSet = before.vipSet;
        faults = before.faults;
        masterAddress = before.masterAddress;
        masterPriority = before.masterPriority;
        masterAdvertInterval = config.version() == 3 && before.state == VrrpState.BACKUP
                ? before.masterAdvertInterval : advertInterval;
        preemptDelayUntil = before.preemptDelayUntil;
        ownershipConceded = before.ownershipConceded && config.priority() == 255;
        effectivePriority = before.effectivePriority;
        timers.start(RouterTimers.Timer.MASTER_DOWN, before.timers.at(RouterTimers.Timer.MASTER_DOWN));
        if (sourceAddress == null) {
            sourceAddress = before.sourceAddress;
        }
        ipId = before.ipId;
        ahSequence = before.ahSequence;
        oldUnicastChecksum = before.oldUnicastChecksum;
        authentication.carryFrom(before.authentication);
        stats.copyFrom(before.stats);
    }

    @Override
    public String toString() {
        return name() + "[" + state + " " + effectivePriority + "]";
    }
}
