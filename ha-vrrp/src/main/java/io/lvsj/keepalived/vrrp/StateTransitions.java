package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.RouterTimers.Timer;
import io.lvsj.keepalived.vrrp.config.GarpSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The moves of one instance between INIT, BACKUP, MASTER and FAULT, each with the effects
 * keepalived produces for it, in keepalived's order (keepalived.md §3.4, RFC 3768 §6.4,
 * RFC 5798 §6.4). These act on a single instance; keeping a sync group's members together
 * is {@link SyncGroup}'s business, deciding when to move {@link Election}'s and the engine's.
 */
final class StateTransitions {
    private StateTransitions() {
    }

    /**
     * INIT to BACKUP (or FAULT when {@code faulted}), at start-up or for an instance a reload
     * adds. At start-up leftover VIPs from a previous run are removed first. An address owner
     * that wants MASTER does not report BACKUP: it takes over on the next timer run.
     */
    static void initialise(VirtualRouter r, long now, boolean atStartUp, boolean faulted, RouterActions actions) {
        r.timers.stopAll();
        r.wantState = VrrpState.BACKUP;
        if (atStartUp) {
            actions.removeAddresses(r);
        }
        if (faulted) {
            r.state = VrrpState.FAULT;
            actions.notifyState(r, VrrpState.FAULT);
            return;
        }
        r.state = VrrpState.BACKUP;
        if (r.isOwnerWantingMaster()) {
            r.startDownTimer(now, 1);
            return;
        }
        actions.log("(" + r.name() + ") Entering BACKUP STATE (init)");
        actions.notifyState(r, VrrpState.BACKUP);
        announceIfUnicast(r, actions);
        r.startDownTimer(now, firstDownInterval(r));
    }

    /**
     * What keepalived 2.2.7 logs for the instances {@code starting} (at start-up, or new in a
     * reload) that begin in FAULT, before any of them is initialised: every reason, tracked
     * interfaces first, then files, then each instance's own; then "entering FAULT state" for
     * each, a sync group's members included. Never "Entering FAULT STATE (init)", and not a
     * word for an instance held only by a weight-0 script that has not run yet (observed).
     */
    static void reportStartFaults(List<VirtualRouter> starting, RouterActions actions) {
        record Reason(int order, int index, String text) {
        }
        List<Reason> reasons = new ArrayList<>();
        for (int i = 0; i < starting.size(); i++) {
            VirtualRouter r = starting.get(i);
            for (FaultReason f : r.faults) {
                String text = f.describe(r.name());
                if (text != null) {
                    reasons.add(new Reason(f.order(), i, text));
                }
            }
        }
        reasons.sort(Comparator.comparingInt(Reason::order).thenComparingInt(Reason::index));
        reasons.forEach(reason -> actions.log(reason.text()));
        for (VirtualRouter r : starting) {
            boolean groupFault = r.group != null && r.group.faulted();
            boolean silent = r.faults.stream().allMatch(f -> f.describe(r.name()) == null);
            if (groupFault && r.faults.isEmpty() || !r.faults.isEmpty() && !silent) {
                actions.log("(" + r.name() + ") entering FAULT state");
            }
        }
    }

    /**
     * A sync group member configured {@code state MASTER} waits one advert interval and the
     * smallest skew, so the members that want MASTER all want it soon and together
     * (keepalived.md §3.4 "At startup"); everyone else waits a full Master_Down_Interval.
     */
    private static long firstDownInterval(VirtualRouter r) {
        if (r.group != null && r.config().initialMaster()) {
            long interval = r.advertIntervalMicros();
            return interval + MasterDownInterval.skew(r.config().version(), 255, interval);
        }
        return r.masterDownInterval();
    }

    /**
     * BACKUP to MASTER (RFC 3768 §6.4.2 "Master_Down_Timer fires"; keepalived.md §3.4): an
     * advert first, so the old master lets go before our gratuitous ARPs; then the VIPs and
     * routes; then the first GARP burst, with the second and the refreshes scheduled; then
     * the notifies.
     */
    static void becomeMaster(VirtualRouter r, long now, RouterActions actions) {
        r.state = VrrpState.MASTER;
        r.wantState = VrrpState.MASTER;
        r.masterAdvertInterval = r.advertIntervalMicros();
        r.preemptDelayUntil = 0;
        r.authentication.forgetSequence();
        r.timers.stopAll();
        actions.log("(" + r.name() + ") Entering MASTER STATE");
        r.sendAdvert(r.effectivePriority, actions);
        r.timers.start(Timer.ADVERT, now + r.advertIntervalMicros());
        actions.installAddresses(r);
        r.vipSet = true;
        announceAddresses(r, now, actions);
        r.extraGarpAfter = now + micros(r.config().garp().extraInterval());
        r.stats().becomeMaster++;
        actions.notifyState(r, VrrpState.MASTER);
    }

    /** The first GARP / unsolicited NA burst, and the schedule of the second and of the refreshes (keepalived.md §3.10). */
    static void announceAddresses(VirtualRouter r, long now, RouterActions actions) {
        GarpSettings garp = r.config().garp();
        if (garp.masterRepeat() > 0) {
            actions.sendGratuitous(r, garp.masterRepeat());
        }
        if (!garp.masterDelay().isZero()) {
            r.timers.start(Timer.GARP_SECOND_BURST, now + micros(garp.masterDelay()));
        }
        if (!garp.masterRefresh().isZero()) {
            r.timers.start(Timer.GARP_REFRESH, now + micros(garp.masterRefresh()));
        }
    }

    /**
     * MASTER to BACKUP because a better master spoke (RFC 3768 §6.4.3): the VIPs go at once
     * and no priority 0 is sent, since the winner is already advertising.
     */
    static void stepDown(VirtualRouter r, long now, RouterActions actions) {
        r.timers.stopAll();
        r.state = VrrpState.BACKUP;
        r.wantState = VrrpState.BACKUP;
        actions.removeAddresses(r);
        r.vipSet = false;
        r.stats().releaseMaster++;
        actions.log("(" + r.name() + ") Entering BACKUP STATE");
        actions.notifyState(r, VrrpState.BACKUP);
        r.startDownTimer(now, r.masterDownInterval());
    }

    /**
     * Into FAULT. A master first sends priority 0 so a backup takes over after its skew
     * instead of a whole Master_Down_Interval (keepalived.md §3.5), and removes its VIPs.
     * Nothing is timed in FAULT.
     */
    static void enterFault(VirtualRouter r, RouterActions actions) {
        actions.log("(" + r.name() + ") Entering FAULT STATE");
        if (r.state == VrrpState.MASTER) {
            r.sendAdvert(0, actions);
            actions.removeAddresses(r);
            r.vipSet = false;
            r.stats().releaseMaster++;
        }
        r.timers.stopAll();
        r.state = VrrpState.FAULT;
        r.wantState = VrrpState.FAULT;
        actions.notifyState(r, VrrpState.FAULT);
    }

    /** Out of FAULT: BACKUP, timing a master from now; an owner that wants MASTER takes over at once. */
    static void leaveFault(VirtualRouter r, long now, RouterActions actions) {
        r.state = VrrpState.BACKUP;
        r.wantState = VrrpState.BACKUP;
        r.masterAdvertInterval = r.advertIntervalMicros();
        if (r.isOwnerWantingMaster()) {
            r.startDownTimer(now, 1);
            return;
        }
        actions.log("(" + r.name() + ") Entering BACKUP STATE");
        actions.notifyState(r, VrrpState.BACKUP);
        announceIfUnicast(r, actions);
        r.startDownTimer(now, r.masterDownInterval());
    }

    /** keepalived's shutdown (keepalived.md §2.8): a master sends priority 0 and removes its VIPs; everyone reports STOP. */
    static void stop(VirtualRouter r, RouterActions actions) {
        if (r.state == VrrpState.MASTER) {
            r.sendAdvert(0, actions);
        }
        if (r.vipSet) {
            actions.removeAddresses(r);
            r.vipSet = false;
        }
        r.timers.stopAll();
        r.state = VrrpState.INIT;
        r.wantState = VrrpState.INIT;
        actions.notifyState(r, VrrpState.STOP);
    }

    /**
     * A unicast backup announces its own address as it comes up, so a master that had it in
     * its neighbour cache with a stale MAC sends its adverts to the right place.
     */
    private static void announceIfUnicast(VirtualRouter r, RouterActions actions) {
        if (r.config().isUnicast()) {
            actions.announceSource(r);
        }
    }

    static long micros(java.time.Duration d) {
        return d.toNanos() / 1000;
    }
}
