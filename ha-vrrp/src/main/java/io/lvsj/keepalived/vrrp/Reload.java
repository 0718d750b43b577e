package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.RouterTimers.Timer;
import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRoute;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * keepalived's SIGHUP for VRRP (keepalived.md §2.7): a reload must not flap what did not
 * change. In order:
 * <ol>
 *   <li>every master advertises at once, so no backup times out during the reload;</li>
 *   <li>each new instance that is "the same" as an old one (same VRID, family, interface,
 *       unicast or multicast and unicast source; the name does not matter) keeps its state,
 *       counters and AH sequence; a master removes only the addresses and routes that are
 *       gone, installs the set it now has and announces the new addresses;</li>
 *   <li>old instances with no successor leave: a master sends priority 0 and removes its
 *       VIPs, and each reports FAULT;</li>
 *   <li>instances that are new start as at start-up, but remove nothing.</li>
 * </ol>
 * Unchanged states are not notified again (with {@code fifo_write_vrrp_states_on_reload} they
 * are written to the notify FIFO again, and only there).
 */
final class Reload {
    private Reload() {
    }

    static void takeOver(VrrpEngine next, VrrpEngine previous, long now, RouterActions actions) {
        for (VirtualRouter old : previous.routers()) {
            if (old.state == VrrpState.MASTER) {
                old.sendAdvert(old.effectivePriority, actions);
            }
        }
        Map<VirtualRouter, VirtualRouter> successors = match(next.routers(), previous.routers());
        for (VirtualRouter r : next.routers()) {
            VirtualRouter before = successors.get(r);
            if (before != null) {
                carry(r, before, now, actions);
            }
        }
        for (VirtualRouter old : previous.routers()) {
            if (!successors.containsValue(old)) {
                retire(old, actions);
            }
        }
        List<VirtualRouter> added = next.routers().stream().filter(r -> !successors.containsKey(r)).toList();
        added.forEach(r -> next.assess(r, actions));
        StateTransitions.reportStartFaults(added, actions);
        for (VirtualRouter r : added) {
            boolean faulted = r.fault() != null || (r.group != null && r.group.faulted());
            StateTransitions.initialise(r, now, false, faulted, actions);
        }
        next.groups().forEach(SyncGroup::restoreFromMembers);
        if (next.config().globals().fifoWriteStatesOnReload()) {
            // keepalived's vrrp_init_state on reload: what kept its state is written to the FIFO again
            for (SyncGroup g : next.groups()) {
                if (g.members().stream().allMatch(successors::containsKey)) {
                    actions.fifoGroupState(g, g.state());
                }
            }
            for (VirtualRouter r : next.routers()) {
                if (successors.containsKey(r)) {
                    actions.fifoState(r, r.state);
                }
            }
        }
        for (VirtualRouter r : next.routers()) {
            if (successors.containsKey(r)) {
                next.reassess(r, now, actions);
            }
        }
    }

    /** New instance → the old instance it continues; each old one continues at most once. */
    private static Map<VirtualRouter, VirtualRouter> match(List<VirtualRouter> next, List<VirtualRouter> previous) {
        Map<VirtualRouter, VirtualRouter> successors = new IdentityHashMap<>();
        List<VirtualRouter> unclaimed = new ArrayList<>(previous);
        for (VirtualRouter r : next) {
            for (VirtualRouter old : unclaimed) {
                if (same(r.config(), old.config())) {
                    successors.put(r, old);
                    unclaimed.remove(old);
                    break;
                }
            }
        }
        return successors;
    }

    /** keepalived.md §2.7 "Matching": what makes two instances the same router on the wire. */
    static boolean same(VirtualRouterConfig a, VirtualRouterConfig b) {
        return a.vrid() == b.vrid() && a.isIpv4() == b.isIpv4() && a.interfaceName().equals(b.interfaceName())
                && a.isUnicast() == b.isUnicast() && (!a.isUnicast() || Objects.equals(a.sourceAddress(),
                b.sourceAddress()));
    }

    private static void carry(VirtualRouter r, VirtualRouter before, long now, RouterActions actions) {
        r.carryFrom(before);
        if (!r.vipSet) {
            return;
        }
        List<io.lvsj.keepalived.vrrp.config.VirtualRule> goneRules = missing(before.config().virtualRules(),
                r.config().virtualRules());
        if (!goneRules.isEmpty()) {
            actions.removeRules(before, goneRules);
        }
        List<VirtualRoute> goneRoutes = missing(before.config().virtualRoutes(), r.config().virtualRoutes());
        if (!goneRoutes.isEmpty()) {
            actions.removeRoutes(before, goneRoutes);
        }
        List<VirtualAddress> goneAddresses = missingAddresses(before.config(), r.config());
        if (!goneAddresses.isEmpty()) {
            actions.removeAddresses(before, goneAddresses);
        }
        actions.installAddresses(r);
        if (r.state == VrrpState.MASTER) {
            r.timers.start(Timer.ADVERT, now);
            if (!missingAddresses(r.config(), before.config()).isEmpty()) {
                StateTransitions.announceAddresses(r, now, actions);
            } else if (!r.config().garp().masterRefresh().isZero()) {
                r.timers.start(Timer.GARP_REFRESH, now + StateTransitions.micros(r.config().garp().masterRefresh()));
            }
        }
    }

    /** An old instance nobody continues: it leaves the segment and reports FAULT (keepalived.md §2.7 step 5). */
    private static void retire(VirtualRouter old, RouterActions actions) {
        if (old.state == VrrpState.MASTER) {
            old.sendAdvert(0, actions);
        }
        if (old.vipSet) {
            actions.removeAddresses(old);
            old.vipSet = false;
        }
        old.timers.stopAll();
        VrrpState was = old.state;
        old.state = VrrpState.DELETED;
        // keepalived notifies FAULT (DELETED with notify_deleted), and nothing for one already in FAULT
        if (old.config().notifyDeleted()) {
            actions.notifyState(old, VrrpState.DELETED);
        } else if (was != VrrpState.FAULT) {
            actions.notifyState(old, VrrpState.FAULT);
        }
    }

    private static <T> List<T> missing(List<T> from, List<T> in) {
        return from.stream().filter(x -> !in.contains(x)).toList();
    }

    /** The addresses (VIPs and excluded VIPs) of {@code from} that {@code in} does not have, on the same device. */
    private static List<VirtualAddress> missingAddresses(VirtualRouterConfig from, VirtualRouterConfig in) {
        List<String> kept = addresses(in).stream().map(a -> a.describe(in.interfaceName())).toList();
        return addresses(from).stream().filter(a -> !kept.contains(a.describe(from.interfaceName()))).toList();
    }

    private static List<VirtualAddress> addresses(VirtualRouterConfig c) {
        List<VirtualAddress> all = new ArrayList<>(c.virtualAddresses());
        all.addAll(c.excludedAddresses());
        return all;
    }
}
