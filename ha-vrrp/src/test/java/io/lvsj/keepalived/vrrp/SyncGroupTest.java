package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.SyncGroupConfig;
import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.lvsj.keepalived.vrrp.Peer.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** vrrp_sync_group: members move together, as keepalived's vrrp_sync.c moves them. */
class SyncGroupTest {
    static final long S = 1_000_000;
    final RecordingActions out = new RecordingActions();

    static VirtualRouterConfig member(String name, String iface, int vrid, String vip) {
        return VirtualRouterConfig.builder(name, iface, vrid).priority(100).sourceAddress(ip("192.0.2.1"))
                .virtualAddresses(List.of(VirtualAddress.of(ip(vip)))).build();
    }

    VrrpEngine start() {
        VrrpEngine e = new VrrpEngine(new VrrpConfig(
                List.of(member("VI_A", "eth0", 51, "192.0.2.100"), member("VI_B", "eth1", 52, "198.51.100.100")),
                List.of(new SyncGroupConfig("G", List.of("VI_A", "VI_B"), null)), List.of(), List.of(), null, null,
                false));
        e.start(0, i -> true, Map.of(), out);
        return e;
    }

    @Test
    void startsInBackupAndNotifiesTheGroup() {
        VrrpEngine e = start();
        assertTrue(out.calls.contains("group G BACKUP"));
        assertEquals(VrrpState.BACKUP, e.groups().getFirst().state());
    }

    @Test
    void oneMemberTimingOutTakesTheOthersToMaster() {
        VrrpEngine e = start();
        VirtualRouter a = e.router("VI_A");
        VirtualRouter b = e.router("VI_B");
        // B hears a master, A does not: A times out but must wait for B to want MASTER too.
        Peer masterOfB = new Peer("198.51.100.2", 2, 52, 100, List.of(ip("198.51.100.100")), null);
        e.receive(b, masterOfB.advert(200), S, out);
        e.runTimers(e.router("VI_A").deadline(), out);
        assertEquals(VrrpState.BACKUP, a.state(), "held in BACKUP by its group");
        assertEquals(VrrpState.MASTER, a.wantState());
        // B's master stops: B times out, wants MASTER, and the group goes over together.
        for (long t = 2 * S; a.state() != VrrpState.MASTER && t < 20 * S; t += S / 10) {
            e.runTimers(t, out);
        }
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(VrrpState.MASTER, b.state());
        assertTrue(out.calls.contains("group G MASTER"));
        assertTrue(out.logged("VRRP_Group(G) Syncing instances to MASTER state"));
    }

    @Test
    void aMemberSteppingDownTakesTheGroupToBackup() {
        VrrpEngine e = start();
        VirtualRouter a = e.router("VI_A");
        for (long t = S; t < 10 * S; t += S) {
            e.runTimers(t, out);
        }
        assertEquals(VrrpState.MASTER, e.router("VI_B").state());
        out.take();
        e.receive(a, new Peer("192.0.2.2", 2, 51, 100, List.of(ip("192.0.2.100")), null).advert(200), 10 * S, out);
        assertEquals(VrrpState.BACKUP, a.state());
        assertEquals(VrrpState.BACKUP, e.router("VI_B").state());
        List<String> calls = out.take();
        assertTrue(calls.contains("remove VI_B"), calls.toString());
        assertTrue(calls.contains("group G BACKUP"));
    }

    @Test
    void aMemberFaultFaultsTheGroupAndRecoveryBringsItBack() {
        VrrpEngine e = start();
        for (long t = S; t < 10 * S; t += S) {
            e.runTimers(t, out);
        }
        out.take();
        e.interfaceChanged("eth1", false, 10 * S, out);
        assertEquals(VrrpState.FAULT, e.router("VI_A").state());
        assertEquals(VrrpState.FAULT, e.router("VI_B").state());
        List<String> calls = out.take();
        assertTrue(calls.containsAll(List.of("advert VI_B 0", "advert VI_A 0", "group G FAULT")), calls.toString());
        e.interfaceChanged("eth1", true, 11 * S, out);
        assertEquals(VrrpState.BACKUP, e.router("VI_A").state());
        assertEquals(VrrpState.BACKUP, e.router("VI_B").state());
        assertTrue(out.calls.contains("group G BACKUP"));
    }
}
