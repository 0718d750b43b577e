package io.lvsj.keepalived.vrrp;

import java.util.ArrayList;
import java.util.List;

/** Records what the core asked for, as short lines ("advert VI_1 150", "notify VI_1 MASTER"). */
final class RecordingActions implements RouterActions {
    final List<String> calls = new ArrayList<>();
    final List<String> logs = new ArrayList<>();

    @Override
    public void sendAdvert(VirtualRouter router, int priority) {
        calls.add("advert " + router.name() + " " + priority);
    }

    @Override
    public void installAddresses(VirtualRouter router) {
        calls.add("install " + router.name());
    }

    @Override
    public void removeAddresses(VirtualRouter router) {
        calls.add("remove " + router.name());
    }

    @Override
    public void removeAddresses(VirtualRouter router, List<io.lvsj.keepalived.vrrp.config.VirtualAddress> addresses) {
        calls.add("remove " + router.name() + " " + addresses.stream().map(a -> a.address().getHostAddress()).toList());
    }

    @Override
    public void removeRoutes(VirtualRouter router, List<io.lvsj.keepalived.vrrp.config.VirtualRoute> routes) {
        calls.add("remove routes " + router.name() + " " + routes.stream().map(r -> r.describe()).toList());
    }

    @Override
    public void removeRules(VirtualRouter router, List<io.lvsj.keepalived.vrrp.config.VirtualRule> rules) {
        calls.add("remove rules " + router.name() + " " + rules.stream().map(r -> r.describe()).toList());
    }

    @Override
    public void sendGratuitous(VirtualRouter router, int repeat) {
        calls.add("garp " + router.name() + " " + repeat);
    }

    @Override
    public void announceSource(VirtualRouter router) {
        calls.add("announce " + router.name());
    }

    @Override
    public void notifyState(VirtualRouter router, VrrpState state) {
        calls.add("notify " + router.name() + " " + state);
    }

    @Override
    public void notifyGroup(SyncGroup group, VrrpState state) {
        calls.add("group " + group.name() + " " + state);
    }

    @Override
    public void sendExtraGratuitous(VirtualRouter router) {
        calls.add("extra garp " + router.name());
    }

    @Override
    public void fifoState(VirtualRouter router, VrrpState state) {
        calls.add("fifo " + router.name() + " " + state);
    }

    @Override
    public void fifoGroupState(SyncGroup group, VrrpState state) {
        calls.add("fifo group " + group.name() + " " + state);
    }

    @Override
    public void notifyEvent(VirtualRouter router, RouterEvent event) {
        calls.add("event " + router.name() + " " + event);
    }

    @Override
    public void log(String message) {
        logs.add(message);
    }

    @Override
    public void logDetail(String message) {
        logs.add("detail: " + message);
    }

    /** The calls since the last take, and forget them. */
    List<String> take() {
        List<String> taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }

    boolean logged(String fragment) {
        return logs.stream().anyMatch(l -> l.contains(fragment));
    }
}
