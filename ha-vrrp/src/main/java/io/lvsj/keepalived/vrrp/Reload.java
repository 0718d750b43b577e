package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The instance side of a reload: keepalived's {@code vrrp_exist()}, {@code clear_diff_vrrp()} and {@code restore_vrrp_state()}. */
final class Reload {
    private Reload() {
    }

    /** The same virtual router in both configurations, whatever it is called. */
    static boolean same(VirtualRouter a, VirtualRouter b) {
        VirtualRouterConfig x = a.config;
        VirtualRouterConfig y = b.config;
        if (x.vrid() != y.vrid() || a.ipv4 != b.ipv4 || !java.util.Objects.equals(x.interfaceName(), y.interfaceName())
                || x.isUnicast() != y.isUnicast()) {
            return false;
        }
        return !x.isUnicast() || Arrays.equals(a.sourceAddress, b.sourceAddress);
    }

    /**
     * Masters advertise first (so no backup times out during the reload); gone instances step
     * down; matched ones keep counters, AH sequence and addresses. Returns old → new.
     */
    static Map<VirtualRouter, VirtualRouter> carryOver(List<VirtualRouter> old, List<VirtualRouter> next, long now,
                                                       RouterActions out) {
        for (VirtualRouter o : old) {
            if (o.state == VrrpState.MASTER) {
                o.sendAdvert(o.effectivePriority, out);
            }
        }
        Map<VirtualRouter, VirtualRouter> matched = new LinkedHashMap<>();
        for (VirtualRouter o : old) {
            VirtualRouter n = next.stream().filter(c -> !matched.containsValue(c) && same(o, c)).findFirst()
                    .orElse(null);
            if (n != null) {
                matched.put(o, n);
                continue;
            }
            if (o.state == VrrpState.MASTER) {
                o.restoreInterface(true, false, out);
            }
            if (o.state != VrrpState.FAULT) {
                // keepalived notifies a deleted instance as FAULT unless notify_deleted is set
                o.state = VrrpState.FAULT;
                o.group = null;
                o.notifyState(out);
            }
        }
        matched.forEach((o, n) -> carry(o, n, now, out));
        return matched;
    }

    private static void carry(VirtualRouter o, VirtualRouter n, long now, RouterActions out) {
        List<VirtualAddress> before = addresses(o.config);
        List<VirtualAddress> after = addresses(n.config);
        if (o.vipSet) {
            List<VirtualAddress> gone = new ArrayList<>(before);
            gone.removeIf(a -> contains(after, a));
            if (!gone.isEmpty()) {
                out.removeAddresses(o, gone);
            }
            List<io.lvsj.keepalived.vrrp.config.VirtualRoute> goneRoutes = new ArrayList<>(o.config.virtualRoutes());
            goneRoutes.removeAll(n.config.virtualRoutes());
            if (!goneRoutes.isEmpty()) {
                out.removeRoutes(o, goneRoutes);
            }
        }
        copy(o.stats, n.stats);
        n.ahSequence = o.ahSequence;
        n.ahCycle = o.ahCycle;
        n.ipId = o.ipId;
        n.oldUnicastChecksum = o.oldUnicastChecksum;
        n.masterAddress = o.masterAddress;
        n.masterPriority = o.masterPriority;
        n.vipSet = o.vipSet;
        n.notifiesSent = o.notifiesSent;
        if (n.vipSet) {
            out.installAddresses(n); // adds what is new; what stays is left alone
            if (after.stream().anyMatch(a -> !contains(before, a))) { // new addresses are announced
                out.sendGratuitous(n, n.config.garp().masterRepeat());
                long refresh = n.config.garp().masterRefresh().toNanos() / 1000;
                n.garpRefreshAt = refresh > 0 ? now + refresh : VirtualRouter.NEVER;
            }
        }
    }

    /**
     * keepalived's reload step in {@code vrrp_complete_init()}: a matched instance keeps the
     * state it had unless it was or now is in FAULT (which it works out afresh), and a sync
     * group whose members are all MASTER is MASTER.
     */
    static void restoreStates(Map<VirtualRouter, VirtualRouter> matched, Collection<SyncGroup> groups) {
        matched.forEach((o, n) -> {
            if (o.state != VrrpState.FAULT && n.state != VrrpState.FAULT && n.scriptsInit == 0) {
                n.state = o.state;
                n.wantState = o.state;
            }
        });
        for (SyncGroup g : groups) {
            if (g.faults == 0 && g.membersInit == 0 && !g.members.isEmpty()
                    && g.members.stream().allMatch(m -> m.state == VrrpState.MASTER)) {
                g.state = VrrpState.MASTER;
            }
        }
    }

    private static List<VirtualAddress> addresses(VirtualRouterConfig c) {
        List<VirtualAddress> all = new ArrayList<>(c.virtualAddresses());
        all.addAll(c.excludedAddresses());
        return all;
    }

    private static boolean contains(List<VirtualAddress> list, VirtualAddress a) {
        String device = a.device();
        return list.stream().anyMatch(b -> b.address().equals(a.address()) && b.prefixLength() == a.prefixLength()
                && java.util.Objects.equals(b.device(), device));
    }

    private static void copy(RouterStats from, RouterStats to) {
        to.advertRcvd = from.advertRcvd;
        to.advertSent = from.advertSent;
        to.becomeMaster = from.becomeMaster;
        to.releaseMaster = from.releaseMaster;
        to.packetLenErr = from.packetLenErr;
        to.advertIntervalErr = from.advertIntervalErr;
        to.ipTtlErr = from.ipTtlErr;
        to.invalidTypeRcvd = from.invalidTypeRcvd;
        to.addrListErr = from.addrListErr;
        to.invalidAuthtype = from.invalidAuthtype;
        to.authtypeMismatch = from.authtypeMismatch;
        to.authFailure = from.authFailure;
        to.priZeroRcvd = from.priZeroRcvd;
        to.priZeroSent = from.priZeroSent;
        to.checksumErr = from.checksumErr;
        to.versionErr = from.versionErr;
    }
}
