package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.wire.AuthType;
import io.lvsj.keepalived.vrrp.wire.AuthenticationHeader;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One VRRP instance's protocol state and its single-instance transitions, ported from
 * keepalived 2.2.7 ({@code vrrp.c}: {@code vrrp_state_backup}, {@code vrrp_state_master_rx},
 * {@code vrrp_state_master_tx}, {@code vrrp_state_goto_master}, {@code vrrp_state_leave_master},
 * {@code vrrp_state_leave_fault}). Pure: time comes in as {@code now} (microseconds on a
 * monotonic clock) and everything outside happens through {@link RouterActions}. Only the
 * VRRP thread touches it.
 *
 * <p>Timers follow keepalived's arithmetic exactly, in microseconds:
 * Master_Down_Interval = down_timer_adverts × Master_Adver_Interval + Skew_Time, where
 * Skew_Time is (256 − priority) × 1 s / 256 in v2 and (256 − priority) × Master_Adver_Interval
 * / 256 in v3.
 */
public final class VirtualRouter {
    /** A disabled timer. */
    public static final long NEVER = Long.MAX_VALUE;
    private static final long SECOND = 1_000_000;

    final VirtualRouterConfig config;
    final int index;
    final boolean ipv4;
    final byte[][] vipBytes;
    final boolean nopreempt;
    final long preemptDelay;
    final long adverInt;
    final RouterStats stats = new RouterStats();
    SyncGroup group;

    VrrpState state = VrrpState.INIT;
    VrrpState wantState;
    int basePriority;
    int effectivePriority;
    int totalPriority;
    long masterAdverInt;
    long msDownTimer;
    long sands = NEVER;
    /** When preemption becomes allowed, or 0 while no preempt delay runs. */
    long preemptTime;
    boolean vipSet;
    boolean notifiesSent;
    /** Tracked objects (interfaces, weight-0 scripts and files) currently down. */
    int faults;
    /** Weight-0 scripts that have not reported yet. */
    int scriptsInit;

    byte[] sourceAddress;
    final byte[] packetSource;
    byte[] masterAddress;
    int masterPriority;

    int ipId;
    long ahSequence;
    boolean ahCycle;
    /** Unicast v3 peers use pre-1.3.6 checksums (found on receipt, as OLD_CHKSUM_COMPAT builds do). */
    boolean oldUnicastChecksum;

    private AuthenticationHeader authenticationHeader;

    /** Set across a reload for a master that stays master: it advertises at once. */
    boolean reloadMaster;

    long garpDelayAt = NEVER;
    long lowerPrioGarpAt = NEVER;
    long garpRefreshAt = NEVER;

    VirtualRouter(VirtualRouterConfig config, int index) {
        this.config = config;
        this.index = index;
        this.ipv4 = config.isIpv4();
        this.vipBytes = config.virtualAddresses().stream().map(v -> v.address().getAddress()).toArray(byte[][]::new);
        this.packetSource = new byte[ipv4 ? 4 : 16];
        this.basePriority = config.priority();
        this.effectivePriority = basePriority;
        this.totalPriority = basePriority;
        // keepalived clears nopreempt and preempt_delay for the owner and for state MASTER.
        boolean mayDelay = basePriority != Vrrp.OWNER && !config.initialMaster();
        this.nopreempt = config.nopreempt() && mayDelay;
        this.preemptDelay = config.nopreempt() || !mayDelay ? 0 : config.preemptDelay().toNanos() / 1000;
        this.wantState = config.initialMaster() || basePriority == Vrrp.OWNER ? VrrpState.MASTER : VrrpState.BACKUP;
        this.adverInt = config.advertIntervalCentis() * 10_000L;
        this.masterAdverInt = adverInt;
        this.sourceAddress = config.sourceAddress() == null ? null : config.sourceAddress().getAddress();
    }

    // ---- read-only view for the shell, dumps and tests ----

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

    public VrrpState wantState() {
        return wantState;
    }

    public int effectivePriority() {
        return effectivePriority;
    }

    public int basePriority() {
        return basePriority;
    }

    public boolean vipSet() {
        return vipSet;
    }

    public long advertIntervalMicros() {
        return adverInt;
    }

    public long masterAdvertIntervalMicros() {
        return masterAdverInt;
    }

    public RouterStats stats() {
        return stats;
    }

    public SyncGroup group() {
        return group;
    }

    public boolean isIpv4() {
        return ipv4;
    }

    /** The next time this router needs attention (advert, master down, delayed GARP). */
    public long deadline() {
        return Math.min(sands, Math.min(garpDelayAt, lowerPrioGarpAt));
    }

    /** The IP id of the advert being sent (keepalived counts from 1 and skips 0). */
    public int ipId() {
        return ipId;
    }

    /** The AH sequence number of the advert being sent. */
    public long ahSequence() {
        return ahSequence;
    }

    /** Whether v3 unicast adverts must use the pre-1.3.6 checksum (a peer was seen using it). */
    public boolean oldUnicastChecksum() {
        return oldUnicastChecksum;
    }

    /** Our advert source address, or {@code null} while the interface has none. */
    public byte[] sourceAddress() {
        return sourceAddress;
    }

    /** The last master heard, or {@code null}. */
    public InetAddress masterAddress() {
        try {
            return masterAddress == null ? null : InetAddress.getByAddress(masterAddress);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The shell sets the interface's primary address when no source is configured. */
    public void useSourceAddress(byte[] address) {
        if (config.sourceAddress() == null) {
            sourceAddress = address == null ? null : address.clone();
        }
    }

    /** The AH verifier (AH instances only), made once. */
    AuthenticationHeader authenticationHeader() {
        if (authenticationHeader == null) {
            authenticationHeader = new AuthenticationHeader(config.authentication().key());
        }
        return authenticationHeader;
    }

    // ---- timers ----

    long skewFor(int priorityValue) {
        if (config.version() == 3) {
            return ((long) priorityValue * (masterAdverInt / 10_000) * 625) / 16;
        }
        return priorityValue * (SECOND / 256);
    }

    long skew() {
        return skewFor(256 - effectivePriority);
    }

    long masterDownInterval() {
        return config.downTimerAdverts() * masterAdverInt + skew();
    }

    /** keepalived's {@code vrrp_init_instance_sands}. */
    void initSands(long now) {
        switch (state) {
            case MASTER -> sands = reloadMaster ? now : now + adverInt;
            case BACKUP -> sands = now + msDownTimer;
            default -> sands = NEVER;
        }
    }

    // ---- sending ----

    void sendAdvert(int priority, RouterActions out) {
        ipId = (ipId + 1) & 0xffff;
        if (ipId == 0) {
            ipId = 1;
        }
        if (config.authentication().type() == AuthType.AH) {
            if (ahSequence > 0xFFFFFFFDL) {
                ahCycle = true;
            } else {
                ahSequence++;
            }
        }
        out.sendAdvert(this, priority);
        stats.advertSent++;
    }

    // ---- master transitions ----

    /** {@code vrrp_state_goto_master}. */
    void gotoMaster(long now, RouterActions out) {
        if (group != null && !group.canGotoMaster(this, now)) {
            wantState = VrrpState.MASTER;
            return;
        }
        if (ahCycle) {
            ahCycle = false;
            ahSequence = 0;
        }
        state = VrrpState.MASTER;
        initSands(now);
        masterTransmit(now, out);
    }

    /** {@code vrrp_state_master_tx}: the advert timer fired (or we just became master). */
    void masterTransmit(long now, RouterActions out) {
        // The advert goes first, so the old master drops the VIPs before our GARPs arrive.
        sendAdvert(effectivePriority, out);
        if (!vipSet) {
            out.log("(" + name() + ") Entering MASTER STATE");
            becomeMaster(now, out);
            long delay = config.garp().masterDelay().toNanos() / 1000;
            garpDelayAt = delay > 0 ? now + delay : NEVER;
        } else if (garpRefreshAt != NEVER && now > garpRefreshAt) {
            out.sendGratuitous(this, config.garp().masterRefreshRepeat());
            garpRefreshAt = now + config.garp().masterRefresh().toNanos() / 1000;
        }
    }

    private void becomeMaster(long now, RouterActions out) {
        stats.becomeMaster++;
        masterAdverInt = adverInt;
        out.installAddresses(this);
        vipSet = true;
        out.sendGratuitous(this, config.garp().masterRepeat());
        long refresh = config.garp().masterRefresh().toNanos() / 1000;
        garpRefreshAt = refresh > 0 ? now + refresh : NEVER;
        notifyState(out);
    }

    /** {@code vrrp_restore_interface}: drop the VIPs, with a priority-0 advert first if {@code advert}. */
    void restoreInterface(boolean advert, boolean force, RouterActions out) {
        if (advert) {
            sendAdvert(Vrrp.STOP, out);
            stats.priZeroSent++;
            out.logDetail("(" + name() + ") sent 0 priority");
        }
        garpDelayAt = NEVER;
        lowerPrioGarpAt = NEVER;
        garpRefreshAt = NEVER;
        if (force || vipSet) {
            out.removeAddresses(this);
            vipSet = false;
        }
    }

    /** {@code vrrp_state_leave_master}: go to {@link #wantState} (BACKUP or FAULT). */
    void leaveMaster(long now, boolean advert, RouterActions out) {
        if (wantState == VrrpState.BACKUP) {
            out.log("(" + name() + ") Entering BACKUP STATE");
            preemptTime = 0;
        } else if (wantState == VrrpState.FAULT) {
            out.log("(" + name() + ") Entering FAULT STATE");
            advert = true; // keepalived always tells the backups when a master faults
        } else {
            return;
        }
        restoreInterface(advert, false, out);
        state = wantState;
        notifyState(out);
        msDownTimer = masterDownInterval();
        initSands(now);
        stats.releaseMaster++;
    }

    /** {@code vrrp_state_leave_fault}: leave FAULT (or INIT) for {@link #wantState}. */
    void leaveFault(long now, RouterActions out) {
        if (wantState == VrrpState.MASTER) {
            gotoMaster(now, out);
        } else {
            if (state != wantState) {
                out.log("(" + name() + ") Entering " + (wantState == VrrpState.BACKUP ? "BACKUP" : "FAULT") + " STATE");
            }
            if (wantState == VrrpState.FAULT && state == VrrpState.MASTER) {
                restoreInterface(true, false, out);
            }
            state = wantState;
            notifyState(out);
            if (state == VrrpState.BACKUP) {
                preemptTime = 0;
            }
        }
        masterAdverInt = adverInt;
        msDownTimer = masterDownInterval();
        initSands(now);
    }

    /** {@code send_instance_notifies}: members of a group already in that state stay quiet. */
    void notifyState(RouterActions out) {
        if (notifiesSent && group != null && state == group.state) {
            return;
        }
        notifiesSent = true;
        out.notifyState(this, state);
    }

    /** {@code vrrp_set_effective_priority}: clamp the tracked total to 1..254 and move the down timer. */
    void setEffectivePriority(RouterActions out) {
        if (basePriority == Vrrp.OWNER) {
            return;
        }
        int newPriority = Math.clamp(totalPriority, 1, Vrrp.OWNER - 1);
        if (newPriority == effectivePriority) {
            return;
        }
        out.log("(" + name() + ") Changing effective priority from " + effectivePriority + " to " + newPriority);
        effectivePriority = newPriority;
        long oldDownTimer = msDownTimer;
        msDownTimer = masterDownInterval();
        if (state == VrrpState.BACKUP && sands != NEVER) {
            sands += msDownTimer - oldDownTimer;
        }
        if (config.notifyPriorityChanges()) {
            out.notifyEvent(this, RouterEvent.PRIORITY_CHANGE);
        }
    }

    /** keepalived's {@code vrrp_saddr_cmp}: the received source against ours, unsigned. */
    int compareSource(byte[] received) {
        if (sourceAddress == null || received.length != sourceAddress.length) {
            return 0;
        }
        return Integer.signum(Arrays.compareUnsigned(received, sourceAddress));
    }

    static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            return Arrays.toString(address);
        }
    }

    @Override
    public String toString() {
        return "(" + name() + ") " + state + " prio " + effectivePriority;
    }

    /** Priority constants. */
    static final class Vrrp {
        static final int OWNER = 255;
        static final int STOP = 0;

        private Vrrp() {
        }
    }
}
