package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.lvsj.keepalived.vrrp.Peer.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIGHUP as keepalived does it: only what changed changes. */
class ReloadTest {
    static final long S = 1_000_000;
    final RecordingActions out = new RecordingActions();

    static VirtualRouterConfig instance(String name, int vrid, String... vips) {
        return VirtualRouterConfig.builder(name, "eth0", vrid).priority(150).sourceAddress(ip("192.0.2.1"))
                .virtualAddresses(java.util.Arrays.stream(vips).map(v -> VirtualAddress.of(ip(v), 24)).toList())
                .build();
    }

    VrrpEngine masterOf(VirtualRouterConfig... instances) {
        VrrpEngine e = new VrrpEngine(VrrpConfig.of(List.of(instances)));
        e.start(0, i -> true, Map.of(), out);
        e.runTimers(e.nextDeadline(), out);
        out.take();
        return e;
    }

    VrrpEngine reload(VrrpEngine old, long now, VirtualRouterConfig... instances) {
        VrrpEngine next = new VrrpEngine(VrrpConfig.of(List.of(instances)));
        next.takeOver(old, now, i -> true, Map.of(), out);
        return next;
    }

    @Test
    void aMasterKeepsItsStateAndOnlyItsChangedAddressesMove() {
        VrrpEngine old = masterOf(instance("VI_1", 51, "192.0.2.100", "192.0.2.101"));
        VrrpEngine next = reload(old, 10 * S, instance("renamed", 51, "192.0.2.100", "192.0.2.102"));
        VirtualRouter r = next.router("renamed");
        assertEquals(VrrpState.MASTER, r.state());
        assertEquals(List.of("advert VI_1 150", "remove VI_1 [192.0.2.101]", "install renamed", "garp renamed 5"),
                out.take(), "192.0.2.100 is never removed; no notify for an unchanged state");
        assertEquals(10 * S, next.nextDeadline(), "a reloaded master advertises at once");
        assertEquals(1, r.stats().becomeMaster, "counters survive the reload");
        next.runTimers(10 * S, out);
        assertEquals(List.of("advert renamed 150"), out.take(), "it does not become master a second time");
    }

    @Test
    void aDroppedVirtualRouteIsRemovedAndTheOthersStay() {
        io.lvsj.keepalived.vrrp.config.VirtualRoute a = io.lvsj.keepalived.vrrp.config.VirtualRoute.via(
                ip("198.51.100.0"), 24, ip("192.0.2.254"), "eth0");
        io.lvsj.keepalived.vrrp.config.VirtualRoute b = io.lvsj.keepalived.vrrp.config.VirtualRoute.via(
                ip("203.0.113.0"), 24, ip("192.0.2.254"), "eth0");
        VrrpEngine old = masterOf(instance("VI_1", 51, "192.0.2.100").toBuilder().virtualRoutes(List.of(a, b)).build());
        reload(old, S, instance("VI_1", 51, "192.0.2.100").toBuilder().virtualRoutes(List.of(a)).build());
        assertEquals(List.of("advert VI_1 150", "remove routes VI_1 [203.0.113.0/24 via 192.0.2.254 dev eth0]",
                "install VI_1"), out.take());
    }

    @Test
    void anUnchangedBackupStaysQuiet() {
        VrrpEngine old = new VrrpEngine(VrrpConfig.of(List.of(instance("VI_1", 51, "192.0.2.100"))));
        old.start(0, i -> true, Map.of(), out);
        out.take();
        VrrpEngine next = reload(old, S, instance("VI_1", 51, "192.0.2.100"));
        assertEquals(VrrpState.BACKUP, next.router("VI_1").state());
        assertEquals(List.of(), out.take());
    }

    /** fifo_write_vrrp_states_on_reload: what kept its state goes to the FIFO again, and only there. */
    @Test
    void keptStatesGoToTheFifoWhenAskedFor() {
        VrrpEngine old = masterOf(instance("VI_1", 51, "192.0.2.100"));
        VrrpConfig next = new VrrpConfig(List.of(instance("VI_1", 51, "192.0.2.100"), instance("VI_2", 52, "192.0.2.110")),
                List.of(), List.of(), List.of(), null, null, false, List.of(), List.of(),
                new io.lvsj.keepalived.vrrp.config.VrrpGlobals("keepalived", -1, false, false, false,
                        java.time.Duration.ZERO, io.lvsj.keepalived.vrrp.config.GarpPacing.NONE, false, true),
                List.of(), List.of());
        new VrrpEngine(next).takeOver(old, S, i -> true, Map.of(), out);
        assertEquals(List.of("advert VI_1 150", "install VI_1", "notify VI_2 BACKUP", "fifo VI_1 MASTER"), out.take(),
                "the new VI_2 is notified as at start, not written again");
    }

    @Test
    void aDeletedMasterStepsDownAndANewInstanceStarts() {
        VrrpEngine old = masterOf(instance("VI_1", 51, "192.0.2.100"));
        VrrpEngine next = reload(old, S, instance("VI_2", 52, "192.0.2.110"));
        assertEquals(List.of("advert VI_1 150", "advert VI_1 0", "remove VI_1", "notify VI_1 FAULT",
                "notify VI_2 BACKUP"), out.take(), "a new instance removes nothing on reload (only at start-up)");
        assertTrue(out.logged("(VI_2) Entering BACKUP STATE (init)"));
        assertEquals(VrrpState.BACKUP, next.router("VI_2").state());
    }

    @Test
    void aRemovedInstanceIsNotifiedFaultOrWithNotifyDeletedDeleted() {
        VrrpEngine old = masterOf(instance("VI_1", 51, "192.0.2.100"),
                instance("VI_2", 52, "192.0.2.101").toBuilder().notifyDeleted(true).build());
        reload(old, 10 * S, instance("VI_3", 53, "192.0.2.102"));
        List<String> calls = out.take();
        assertTrue(calls.contains("notify VI_1 FAULT"), calls.toString());
        assertTrue(calls.contains("notify VI_2 DELETED"), calls.toString());
    }

    @Test
    void aRemovedInstanceAlreadyInFaultIsNotNotifiedAgain() {
        VrrpEngine old = new VrrpEngine(VrrpConfig.of(List.of(instance("VI_1", 51, "192.0.2.100"))));
        old.start(0, i -> false, Map.of(), out); // its interface is down: FAULT
        out.take();
        reload(old, 10 * S, instance("VI_3", 53, "192.0.2.102"));
        assertTrue(out.take().stream().noneMatch(c -> c.startsWith("notify VI_1")));
    }
}
