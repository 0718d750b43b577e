package io.lvsj.keepalived.metrics;

import io.lvsj.keepalived.vrrp.RouterStats;
import io.lvsj.keepalived.vrrp.VrrpState;
import io.lvsj.metrics.model.Families;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The VRRP families: per {@code vrrp_instance} (labels {@code vrrp_instance}, {@code interface},
 * {@code vrid}) its state, priorities, adverts and drops by reason, and each sync group's state.
 * Pure: from a {@link VrrpView}. The label is {@code vrrp_instance}, not {@code instance}, which
 * Prometheus gives every target.
 */
final class VrrpCollector {
    /** The states an instance is in while it runs, in keepalived's order. */
    static final List<VrrpState> STATES = List.of(VrrpState.INIT, VrrpState.BACKUP, VrrpState.MASTER, VrrpState.FAULT);
    private static final String[] INSTANCE = {"vrrp_instance", "interface", "vrid"};
    private static final String[] INSTANCE_STATE = {"vrrp_instance", "interface", "vrid", "state"};
    private static final String[] INSTANCE_REASON = {"vrrp_instance", "interface", "vrid", "reason"};

    /** Why an advert was dropped, with the counter keepalived (or keepalived-j) keeps for it. */
    private record Drop(String reason, ToLongFunction<RouterStats> count) {
    }

    private static final List<Drop> DROPS = List.of(
            new Drop("length", s -> s.packetLenErr),
            new Drop("ttl", s -> s.ipTtlErr),
            new Drop("version", s -> s.versionErr),
            new Drop("type", s -> s.invalidTypeRcvd),
            new Drop("advert_interval", s -> s.advertIntervalErr),
            new Drop("checksum", s -> s.checksumErr),
            new Drop("address_list", s -> s.addrListErr),
            new Drop("auth_type_invalid", s -> s.invalidAuthtype),
            new Drop("auth_type_mismatch", s -> s.authtypeMismatch),
            new Drop("auth_failure", s -> s.authFailure),
            new Drop("destination", s -> s.destinationErr),
            new Drop("not_a_peer", s -> s.peerErr));

    private VrrpCollector() {
    }

    static List<MetricSnapshot> families(VrrpView view) {
        Families.Gauge state = Families.gauge("lvsj_vrrp_state",
                "1 for the state the VRRP instance is in (INIT, BACKUP, MASTER, FAULT), 0 for the others.", INSTANCE_STATE);
        Families.Gauge effective = Families.gauge("lvsj_vrrp_priority",
                "The instance's effective priority: its configured priority changed by tracked scripts, "
                        + "interfaces and files.", INSTANCE);
        Families.Gauge base = Families.gauge("lvsj_vrrp_base_priority", "The instance's configured priority.", INSTANCE);
        Families.Gauge vips = Families.gauge("lvsj_vrrp_virtual_addresses_set",
                "1 while the instance's virtual addresses are on this host.", INSTANCE);
        Families.Counter sent = Families.counter("lvsj_vrrp_adverts_sent", "Adverts the instance has sent.", INSTANCE);
        Families.Counter received = Families.counter("lvsj_vrrp_adverts_received",
                "Adverts for the instance that were received, dropped ones included.", INSTANCE);
        Families.Counter zeroSent = Families.counter("lvsj_vrrp_priority_zero_adverts_sent",
                "Priority 0 adverts sent (a master stepping down).", INSTANCE);
        Families.Counter zeroReceived = Families.counter("lvsj_vrrp_priority_zero_adverts_received",
                "Priority 0 adverts received (the master stepping down).", INSTANCE);
        Families.Counter becameMaster = Families.counter("lvsj_vrrp_became_master",
                "Times the instance became MASTER.", INSTANCE);
        Families.Counter releasedMaster = Families.counter("lvsj_vrrp_released_master",
                "Times the instance left MASTER.", INSTANCE);
        Families.Counter dropped = Families.counter("lvsj_vrrp_adverts_dropped",
                "Adverts dropped, by reason: length, ttl, version, type, advert_interval, checksum, address_list, "
                        + "auth_type_invalid, auth_type_mismatch, auth_failure, destination (unicast and multicast "
                        + "mixed up), not_a_peer.", INSTANCE_REASON);
        for (VrrpView.Instance i : view.instances()) {
            String[] labels = {i.name(), i.interfaceName(), Integer.toString(i.vrid())};
            for (VrrpState s : STATES) {
                state.add(i.state() == s ? 1 : 0, i.name(), i.interfaceName(), labels[2], s.name());
            }
            effective.add(i.effectivePriority(), labels);
            base.add(i.basePriority(), labels);
            vips.add(i.vipSet() ? 1 : 0, labels);
            RouterStats s = i.stats();
            sent.add(s.advertSent, labels);
            received.add(s.advertRcvd, labels);
            zeroSent.add(s.priZeroSent, labels);
            zeroReceived.add(s.priZeroRcvd, labels);
            becameMaster.add(s.becomeMaster, labels);
            releasedMaster.add(s.releaseMaster, labels);
            for (Drop d : DROPS) {
                dropped.add(d.count().applyAsLong(s), i.name(), i.interfaceName(), labels[2], d.reason());
            }
        }
        Families.Gauge group = Families.gauge("lvsj_vrrp_sync_group_state",
                "1 for the state the VRRP sync group is in, 0 for the others.", "sync_group", "state");
        for (VrrpView.Group g : view.groups()) {
            for (VrrpState s : STATES) {
                group.add(g.state() == s ? 1 : 0, g.name(), s.name());
            }
        }
        return List.of(state.snapshot(), effective.snapshot(), base.snapshot(), vips.snapshot(), sent.snapshot(),
                received.snapshot(), zeroSent.snapshot(), zeroReceived.snapshot(), becameMaster.snapshot(),
                releasedMaster.snapshot(), dropped.snapshot(), group.snapshot());
    }
}
