package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.TrackFileConfig;
import io.lvsj.keepalived.vrrp.config.Tracked;
import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import io.lvsj.keepalived.vrrp.config.VrrpScriptConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.lvsj.keepalived.vrrp.Peer.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** track_interface, track_script and track_file weights and faults, as keepalived applies them. */
class TrackingTest {
    static final long S = 1_000_000;
    final RecordingActions out = new RecordingActions();

    VrrpEngine start(int priority, List<Tracked> tracked, List<VrrpScriptConfig> scripts, List<TrackFileConfig> files,
                     Map<String, Long> fileValues) {
        VirtualRouterConfig c = VirtualRouterConfig.builder("VI_1", "eth0", 51).priority(priority)
                .sourceAddress(ip("192.0.2.1")).virtualAddresses(List.of(VirtualAddress.of(ip("192.0.2.100"))))
                .tracked(tracked).build();
        VrrpEngine e = new VrrpEngine(new VrrpConfig(List.of(c), List.of(), scripts, files, null, null, false));
        e.start(0, i -> !i.equals("down0"), fileValues, out);
        return e;
    }

    static VrrpScriptConfig script(String name, int weight, int rise, int fall) {
        return new VrrpScriptConfig(name, List.of("/bin/true"), Duration.ofSeconds(1), null, weight, false, rise, fall,
                false, null, null);
    }

    @Test
    void weightedInterfacesMoveThePriorityWithinOneTo254() {
        VrrpEngine e = start(100, List.of(Tracked.iface("eth1", 30), Tracked.iface("down0", -20),
                Tracked.iface("eth2", 200)), List.of(), List.of(), Map.of());
        VirtualRouter r = e.router("VI_1");
        assertEquals(254, r.effectivePriority(), "100 + 30 + 200 clamps to 254; down0 is down with -20");
        e.interfaceChanged("eth2", false, S, out);
        assertEquals(130 - 20, r.effectivePriority());
        assertTrue(out.logged("(VI_1) Changing effective priority from 254 to 110"));
        e.interfaceChanged("down0", true, 2 * S, out);
        assertEquals(130, r.effectivePriority());
    }

    @Test
    void anOwnersPriorityNeverMoves() {
        VrrpEngine e = start(255, List.of(Tracked.iface("eth1", -50)), List.of(), List.of(), Map.of());
        e.interfaceChanged("eth1", false, S, out);
        assertEquals(255, e.router("VI_1").effectivePriority());
    }

    @Test
    void aWeightZeroScriptHoldsTheInstanceUntilItFirstSucceeds() {
        VrrpEngine e = start(100, List.of(Tracked.script("chk", 0)), List.of(script("chk", 0, 1, 1)), List.of(),
                Map.of());
        VirtualRouter r = e.router("VI_1");
        assertEquals(VrrpState.FAULT, r.state(), "waiting for the script's first result");
        // keepalived 2.2.7 says nothing here (observed): no state line, only the FAULT notify.
        assertTrue(out.logs.stream().noneMatch(l -> l.contains("FAULT")), out.logs.toString());
        assertTrue(out.calls.contains("notify VI_1 FAULT"), out.calls.toString());
        e.scriptResult("chk", true, "succeeded", S, out);
        assertEquals(VrrpState.BACKUP, r.state());
        assertTrue(out.logged("VRRP_Script(chk) succeeded"));
        e.scriptResult("chk", false, "failed", 2 * S, out);
        assertEquals(VrrpState.FAULT, r.state());
        e.scriptResult("chk", true, "succeeded", 3 * S, out);
        assertEquals(VrrpState.BACKUP, r.state());
    }

    @Test
    void riseAndFallFilterAWeightedScript() {
        VrrpEngine e = start(100, List.of(Tracked.script("chk", 20)), List.of(script("chk", 20, 2, 3)), List.of(),
                Map.of());
        VirtualRouter r = e.router("VI_1");
        assertEquals(100, r.effectivePriority());
        e.scriptResult("chk", true, "succeeded", S, out);
        assertEquals(120, r.effectivePriority(), "the first result decides");
        e.scriptResult("chk", false, "failed", 2 * S, out);
        e.scriptResult("chk", false, "failed", 3 * S, out);
        assertEquals(120, r.effectivePriority(), "fall 3: two failures are not enough");
        e.scriptResult("chk", false, "failed", 4 * S, out);
        assertEquals(100, r.effectivePriority());
        e.scriptResult("chk", true, "succeeded", 5 * S, out);
        assertEquals(100, r.effectivePriority(), "rise 2: one success is not enough");
        e.scriptResult("chk", true, "succeeded", 6 * S, out);
        assertEquals(120, r.effectivePriority());
    }

    @Test
    void aFailingScriptMakesTheMasterGiveWay() {
        VrrpEngine e = start(100, List.of(Tracked.script("chk", -60)), List.of(script("chk", -60, 1, 1)), List.of(),
                Map.of());
        VirtualRouter r = e.router("VI_1");
        e.scriptResult("chk", true, "succeeded", 0, out);
        e.runTimers(e.nextDeadline(), out);
        assertEquals(VrrpState.MASTER, r.state());
        e.scriptResult("chk", false, "failed", 5 * S, out);
        assertEquals(40, r.effectivePriority());
        // A backup at 100 now preempts: we answer its advert and step down.
        e.receive(r, new Peer("192.0.2.2", 2, 51, 100, List.of(ip("192.0.2.100")), null).advert(100), 5 * S + 1, out);
        assertEquals(VrrpState.BACKUP, r.state());
    }

    @Test
    void trackedFilesScaleTheirValueAndWeightZeroFaultsOnNonZero() {
        TrackFileConfig f = new TrackFileConfig("f", Path.of("/tmp/x"), 1, false, false, 0);
        TrackFileConfig g = new TrackFileConfig("g", Path.of("/tmp/y"), 0, false, false, 0);
        VrrpEngine e = start(100, List.of(Tracked.file("f", 2), Tracked.file("g", 0)), List.of(), List.of(f, g),
                Map.of("f", 5L, "g", 0L));
        VirtualRouter r = e.router("VI_1");
        assertEquals(110, r.effectivePriority());
        e.fileValue("f", -10, S, out);
        assertEquals(80, r.effectivePriority());
        e.fileValue("g", 1, 2 * S, out);
        assertEquals(VrrpState.FAULT, r.state());
        e.fileValue("g", 0, 3 * S, out);
        assertEquals(VrrpState.BACKUP, r.state());
    }
}
