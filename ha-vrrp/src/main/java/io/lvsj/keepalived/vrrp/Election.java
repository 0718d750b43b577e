package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.RouterTimers.Timer;
import io.lvsj.keepalived.vrrp.config.GarpSettings;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;

/**
 * What an advert that passed {@link AdvertCheck} does to a BACKUP or a MASTER (RFC 3768
 * §6.4.2 and §6.4.3, RFC 5798 §6.4.2 and §6.4.3, with keepalived's additions from
 * keepalived.md §3.4: preempt_delay, the answer to a lower priority, higher_prio_send_advert).
 */
final class Election {
    private Election() {
    }

    /**
     * A backup hears an advert. Priority 0 means the master is leaving: take over after the
     * skew. A master we accept re-arms the down timer; a lower priority we would preempt is
     * discarded without re-arming it, so we take over when the timer runs out.
     */
    static void backupHears(VirtualRouter r, Reception in, long now, RouterActions actions) {
        int priority = in.view.priority();
        if (priority == 0) {
            r.stats().priZeroRcvd++;
            actions.logDetail("(" + r.name() + ") Backup received priority 0 advertisement");
            r.startDownTimer(now, r.skew());
            return;
        }
        if (!accepts(r, priority, now)) {
            actions.log("(" + r.name() + ") received lower priority (" + priority + ") advert from "
                    + Addresses.text(in.source()) + " - discarding");
            return;
        }
        follow(r, in, now);
    }

    /**
     * RFC 5798 §6.4.2: accept when preemption is off or the advert's priority is at least
     * ours. keepalived adds {@code preempt_delay}: a lower priority master is still followed
     * until the delay, counted from its first advert, has passed.
     */
    private static boolean accepts(VirtualRouter r, int priority, long now) {
        if (priority >= r.effectivePriority || r.nopreempt()) {
            r.preemptDelayUntil = 0;
            return true;
        }
        long delay = r.preemptDelayMicros();
        if (delay == 0) {
            return false;
        }
        if (r.preemptDelayUntil == 0) {
            r.preemptDelayUntil = now + delay;
        }
        return now < r.preemptDelayUntil;
    }

    /** Takes the advert's sender as our master: remember it, adopt its v3 interval, re-arm the down timer. */
    private static void follow(VirtualRouter r, Reception in, long now) {
        r.masterAddress = in.source().clone();
        r.masterPriority = in.view.priority();
        if (r.config().version() == 3) {
            r.masterAdvertInterval = in.view.intervalCentis() * 10_000L;
        }
        r.wantState = VrrpState.BACKUP;
        r.startDownTimer(now, r.masterDownInterval());
    }

    /**
     * A master hears an advert. Priority 0: answer at once so the leaving router's backups
     * hear us. A better router (higher priority, or equal and a higher address): step down.
     * A worse one: it thinks there is no master, so tell it now, with an advert, gratuitous
     * ARPs and the MASTER_RX_LOWER_PRI notify, which heals a split brain quickly.
     */
    static void masterHears(VirtualRouter r, Reception in, long now, RouterActions actions) {
        VirtualRouterConfig c = r.config();
        int priority = in.view.priority();
        String from = Addresses.text(in.source());
        if (priority == 0) {
            r.stats().priZeroRcvd++;
            advertiseNow(r, now, actions);
            return;
        }
        concedeOwnership(r, priority, in.source(), actions);
        int ours = r.effectivePriority;
        boolean sameButHigherAddress = priority == ours && r.compareWithOurAddress(in.source()) > 0;
        if (priority > ours || sameButHigherAddress) {
            actions.log("(" + r.name() + ") Master received advert from " + from + (sameButHigherAddress
                    ? " with same priority " + priority + " but higher IP address than ours"
                    : " with higher priority " + priority + ", ours " + ours));
            if (c.higherPrioSendAdvert()) {
                r.sendAdvert(ours, actions);
            }
            StateTransitions.stepDown(r, now, actions);
            follow(r, in, now);
            if (r.group != null) {
                r.group.memberSteppedDown(now, actions);
            }
            return;
        }
        actions.log("(" + r.name() + ") Received advert from " + from + (priority == ours
                ? " with same priority " + priority + " but lower IP address than ours"
                : " with lower priority " + priority + ", ours " + ours) + ", forcing new election");
        if (!c.lowerPrioNoAdvert()) {
            advertiseNow(r, now, actions);
        }
        if (r.group == null) {
            lowerPriorityGratuitous(r, now, actions);
        } else {
            r.group.members().stream().filter(m -> m.state == VrrpState.MASTER)
                    .forEach(m -> lowerPriorityGratuitous(m, now, actions));
        }
        actions.notifyEvent(r, RouterEvent.MASTER_RX_LOWER_PRI);
    }

    /**
     * Two routers both claim to own the addresses (priority 255): a configuration error. As
     * keepalived 2.2.7's vrrp_state_master_rx does, a master at 255 that hears another 255
     * (not its own address) says so and lowers itself to 254 for good, whichever address is
     * higher: the first of two owners to hear the other gives way (with two keepalived-s, the
     * one already running), and an owner that never gives way (not a keepalived) is let win.
     */
    private static void concedeOwnership(VirtualRouter r, int priority, byte[] source, RouterActions actions) {
        if (priority != 255 || r.effectivePriority != 255 || r.compareWithOurAddress(source) == 0) {
            return;
        }
        actions.log("(" + r.name() + ") CONFIGURATION ERROR: local instance and a remote instance are both configured"
                + " as address owner, please fix - reducing local priority");
        r.ownershipConceded = true;
        r.effectivePriority = 254;
    }

    private static void advertiseNow(VirtualRouter r, long now, RouterActions actions) {
        r.sendAdvert(r.effectivePriority, actions);
        r.timers.start(Timer.ADVERT, now + r.advertIntervalMicros());
    }

    /** {@code garp_lower_prio_repeat} at once and again after {@code garp_lower_prio_delay} (keepalived.md §3.10). */
    private static void lowerPriorityGratuitous(VirtualRouter r, long now, RouterActions actions) {
        GarpSettings garp = r.config().garp();
        if (garp.lowerPrioRepeat() <= 0) {
            return;
        }
        actions.sendGratuitous(r, garp.lowerPrioRepeat());
        if (!garp.lowerPrioDelay().isZero()) {
            r.timers.start(Timer.GARP_LOWER_PRIORITY, now + StateTransitions.micros(garp.lowerPrioDelay()));
        }
    }
}
