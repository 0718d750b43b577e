package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.RouterTimers.Timer;
import io.lvsj.keepalived.vrrp.config.GarpSettings;

/**
 * What a master does when its timers run out: keepalived's gratuitous ARP schedule
 * (keepalived.md §3.10: the second burst, the periodic refresh, the second lower-priority
 * burst, {@code garp_extra_if}) and an advert every advert interval (RFC 3768 §6.4.3 "Adver_Timer fires"). When
 * both fall due together the gratuitous ARPs go first, as keepalived 2.2.7 sends them.
 */
final class MasterDuties {
    private MasterDuties() {
    }

    static void run(VirtualRouter r, long now, RouterActions actions) {
        RouterTimers timers = r.timers;
        GarpSettings garp = r.config().garp();
        if (timers.due(Timer.GARP_SECOND_BURST, now)) {
            timers.stop(Timer.GARP_SECOND_BURST);
            actions.sendGratuitous(r, garp.masterRepeat());
        }
        if (timers.due(Timer.GARP_REFRESH, now)) {
            timers.start(Timer.GARP_REFRESH, now + StateTransitions.micros(garp.masterRefresh()));
            actions.sendGratuitous(r, garp.masterRefreshRepeat());
        }
        if (timers.due(Timer.GARP_LOWER_PRIORITY, now)) {
            timers.stop(Timer.GARP_LOWER_PRIORITY);
            actions.sendGratuitous(r, garp.lowerPrioRepeat());
        }
        if (timers.due(Timer.ADVERT, now)) {
            // keepalived's vrrp_state_master_tx: garp_extra_if is looked at on the advert's tick
            if (!garp.extraInterval().isZero() && now > r.extraGarpAfter) {
                actions.sendExtraGratuitous(r);
                r.extraGarpAfter = now + StateTransitions.micros(garp.extraInterval());
            }
            r.sendAdvert(r.effectivePriority, actions);
            timers.start(Timer.ADVERT, now + r.advertIntervalMicros());
        }
    }
}
