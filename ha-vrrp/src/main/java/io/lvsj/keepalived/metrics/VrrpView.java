package io.lvsj.keepalived.metrics;

import io.lvsj.keepalived.vrrp.RouterStats;
import io.lvsj.keepalived.vrrp.SyncGroup;
import io.lvsj.keepalived.vrrp.VirtualRouter;
import io.lvsj.keepalived.vrrp.VrrpEngine;
import io.lvsj.keepalived.vrrp.VrrpState;

import java.util.ArrayList;
import java.util.List;

/**
 * What the metrics show of the VRRP engine, copied on the VRRP thread (the only one that may
 * read the engine) into values any thread may read.
 */
record VrrpView(List<Instance> instances, List<Group> groups) {

    /** One {@code vrrp_instance}: its identity, state, priorities and a copy of its counters. */
    record Instance(String name, String interfaceName, int vrid, VrrpState state, int basePriority,
                    int effectivePriority, boolean vipSet, RouterStats stats) {
    }

    /** One {@code vrrp_sync_group} and its state. */
    record Group(String name, VrrpState state) {
    }

    static final VrrpView NONE = new VrrpView(List.of(), List.of());

    /** Call on the VRRP thread. */
    static VrrpView of(VrrpEngine engine) {
        List<Instance> instances = new ArrayList<>();
        for (VirtualRouter r : engine.routers()) {
            instances.add(new Instance(r.name(), r.config().interfaceName(), r.vrid(), r.state(), r.basePriority(),
                    r.effectivePriority(), r.vipSet(), r.stats().copy()));
        }
        List<Group> groups = new ArrayList<>();
        for (SyncGroup g : engine.groups()) {
            groups.add(new Group(g.name(), g.state()));
        }
        return new VrrpView(List.copyOf(instances), List.copyOf(groups));
    }
}
