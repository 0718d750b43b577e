package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.lvsj.keepalived.vrrp.Peer.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The single-instance state machine against keepalived 2.2.7's timings and transitions, on a fake clock. */
class VrrpEngineTest {
    static final long S = 1_000_000;
    /** v2, priority 100: 3 s + (256 - 100) × 3906 µs. */
    static final long MDI_100 = 3 * S + 156 * 3906;

    final RecordingActions out = new RecordingActions();

    static VirtualRouterConfig.Builder v2(int priority) {
        return VirtualRouterConfig.builder("VI_1", "eth0", 51).priority(priority)
                .virtualAddresses(List.of(VirtualAddress.of(ip("192.0.2.100"), 24))).sourceAddress(ip("192.0.2.1"));
    }

    VrrpEngine start(VirtualRouterConfig.Builder config) {
        VrrpEngine engine = new VrrpEngine(VrrpConfig.of(List.of(config.build())));
        engine.start(0, iface -> true, Map.of(), out);
        return engine;
    }

    static Peer peer(String address) {
        return new Peer(address, 2, 51, 100, List.of(ip("192.0.2.100")), null);
    }

    @Test
    void vrrpStartupDelayHoldsEveryTimeoutBackUntilItHasPassed() {
        var globals = new io.lvsj.keepalived.vrrp.config.VrrpGlobals("keepalived", -1, false, false, false,
                Duration.ofMillis(5500));
        VrrpEngine e = new VrrpEngine(new VrrpConfig(List.of(v2(100).build()), List.of(), List.of(), List.of(), null,
                null, false, List.of(), List.of(), globals, List.of(), List.of()));
        e.start(0, iface -> true, Map.of(), out);
        assertTrue(out.logged("Delaying startup for 5.5 seconds"));
        assertEquals(5_500_000 + MDI_100, e.nextDeadline());
        VirtualRouter r = e.router("VI_1");
        e.receive(r, peer("192.0.2.2").advert(50), 2 * S, out); // lower: ignored, as after the delay
        e.runTimers(5_500_000 + MDI_100 - 1, out);
        assertEquals(VrrpState.BACKUP, r.state());
        e.runTimers(5_500_000 + MDI_100, out);
        assertEquals(VrrpState.MASTER, r.state());
    }

    @Test
    void startsInBackupAndTakesOverAfterTheMasterDownInterval() {
        VrrpEngine e = start(v2(100));
        VirtualRouter r = e.router("VI_1");
        assertEquals(VrrpState.BACKUP, r.state());
        assertTrue(out.logged("(VI_1) Entering BACKUP STATE (init)"));
        assertEquals(List.of("remove VI_1", "notify VI_1 BACKUP"), out.take());
        assertEquals(MDI_100, e.nextDeadline());

        e.runTimers(MDI_100 - 1, out);
        assertEquals(VrrpState.BACKUP, r.state());
        e.runTimers(MDI_100, out);
        assertEquals(VrrpState.MASTER, r.state());
        assertEquals(List.of("advert VI_1 100", "install VI_1", "garp VI_1 5", "notify VI_1 MASTER"), out.take());
        assertTrue(out.logged("(VI_1) Entering MASTER STATE"));
        // The second GARP burst comes garp_master_delay (5 s) later; adverts every second.
        assertEquals(MDI_100 + S, e.nextDeadline());
        e.runTimers(MDI_100 + S, out);
        assertEquals(List.of("advert VI_1 100"), out.take());
        for (int i = 2; i <= 5; i++) {
            e.runTimers(MDI_100 + i * S, out);
        }
        assertEquals(List.of("advert VI_1 100", "advert VI_1 100", "advert VI_1 100", "garp VI_1 5",
                "advert VI_1 100"), out.take());
    }

    @Test
    void addressOwnerTakesOverAtOnce() {
        VrrpEngine e = start(v2(255).initialMaster(true));
        assertEquals(1, e.nextDeadline());
        e.runTimers(1, out);
        assertEquals(VrrpState.MASTER, e.router("VI_1").state());
        assertFalse(out.calls.contains("notify VI_1 BACKUP"), "an owner never reports BACKUP at start");
    }

    @Test
    void stateMasterBuysNothingBelowPriority255() {
        VrrpEngine e = start(v2(150).initialMaster(true));
        assertEquals(3 * S + 106 * 3906, e.nextDeadline(), "keepalived measured 3.41 s for this");
    }

    @Test
    void aHigherPriorityMasterKeepsUsBackup() {
        VrrpEngine e = start(v2(100));
        VirtualRouter r = e.router("VI_1");
        Peer master = peer("192.0.2.2");
        for (long t = S; t < 10 * S; t += S) {
            e.runTimers(t, out);
            e.receive(r, master.advert(150), t, out);
        }
        assertEquals(VrrpState.BACKUP, r.state());
        assertEquals(9 * S + MDI_100, e.nextDeadline(), "each advert re-arms the down timer");
        assertEquals(ip("192.0.2.2"), r.masterAddress());
        assertEquals(9, r.stats().advertRcvd);
    }

    @Test
    void aLowerPriorityIsDiscardedSoWePreemptAtTheFirstDeadline() {
        VrrpEngine e = start(v2(150));
        VirtualRouter r = e.router("VI_1");
        long mdi = 3 * S + 106 * 3906;
        e.receive(r, peer("192.0.2.2").advert(100), S, out);
        assertTrue(out.logged("(VI_1) received lower priority (100) advert from 192.0.2.2 - discarding"));
        assertEquals(mdi, e.nextDeadline(), "the timer is not re-armed");
        e.runTimers(mdi, out);
        assertEquals(VrrpState.MASTER, r.state());
    }

    @Test
    void nopreemptAcceptsALowerPriorityMaster() {
        VrrpEngine e = start(v2(150).nopreempt(true));
        VirtualRouter r = e.router("VI_1");
        Peer low = peer("192.0.2.2");
        for (long t = S; t < 20 * S; t += S) {
            e.receive(r, low.advert(100), t, out);
            e.runTimers(t, out);
        }
        assertEquals(VrrpState.BACKUP, r.state());
    }

    @Test
    void preemptDelayHoldsOffTakeoverFromTheFirstLowerPriorityAdvert() {
        VrrpEngine e = start(v2(150).preemptDelay(Duration.ofSeconds(10)));
        VirtualRouter r = e.router("VI_1");
        Peer low = peer("192.0.2.2");
        long t = S;
        for (; r.state() == VrrpState.BACKUP && t < 30 * S; t += S) {
            e.receive(r, low.advert(100), t, out);
            e.runTimers(t, out);
        }
        // Adverts keep re-arming the timer until the delay (10 s after the first) has passed;
        // the advert at 11 s is discarded and the down timer set at 10 s runs out.
        assertEquals(VrrpState.MASTER, r.state());
        long mdi = 3 * S + 106 * 3906;
        assertTrue(t - S >= 10 * S + mdi - S && t - S <= 11 * S + mdi, "took over at " + (t - S));
    }

    @Test
    void priorityZeroMeansTakeOverAfterTheSkew() {
        VrrpEngine e = start(v2(100));
        VirtualRouter r = e.router("VI_1");
        Peer master = peer("192.0.2.2");
        e.receive(r, master.advert(150), S, out);
        e.receive(r, master.advert(0), 2 * S, out);
        assertEquals(2 * S + 156 * 3906, e.nextDeadline());
        assertEquals(1, r.stats().priZeroRcvd);
    }

    @Test
    void masterStepsDownForAHigherPriorityAndAnswersALowerOne() {
        VrrpEngine e = start(v2(100));
        VirtualRouter r = e.router("VI_1");
        e.runTimers(MDI_100, out);
        out.take();
        e.receive(r, peer("192.0.2.2").advert(50), MDI_100 + 10, out);
        assertEquals(List.of("advert VI_1 100", "garp VI_1 5", "event VI_1 MASTER_RX_LOWER_PRI"), out.take());
        assertTrue(out.logged("(VI_1) Received advert from 192.0.2.2 with lower priority 50, ours 100, forcing new election"));
        assertEquals(MDI_100 + 10 + S, e.nextDeadline(), "the advert timer restarts after answering");

        e.receive(r, peer("192.0.2.3").advert(200), MDI_100 + 20, out);
        assertEquals(VrrpState.BACKUP, r.state());
        assertEquals(List.of("remove VI_1", "notify VI_1 BACKUP"), out.take(), "no priority 0 when outvoted");
        assertTrue(out.logged("(VI_1) Master received advert from 192.0.2.3 with higher priority 200, ours 100"));
        assertTrue(out.logged("(VI_1) Entering BACKUP STATE"));
    }

    @Test
    void equalPrioritiesAreBrokenByTheHigherAddress() {
        VrrpEngine e = start(v2(100));
        VirtualRouter r = e.router("VI_1");
        e.runTimers(MDI_100, out);
        e.receive(r, peer("192.0.2.0").advert(100), MDI_100 + 1, out);
        assertEquals(VrrpState.MASTER, r.state(), "192.0.2.0 < our 192.0.2.1");
        e.receive(r, peer("192.0.2.9").advert(100), MDI_100 + 2, out);
        assertEquals(VrrpState.BACKUP, r.state());
        assertTrue(out.logged("with same priority 100 but higher IP address than ours"));
    }

    @Test
    void masterAnswersPriorityZeroWithAnAdvert() {
        VrrpEngine e = start(v2(100));
        VirtualRouter r = e.router("VI_1");
        e.runTimers(MDI_100, out);
        out.take();
        e.receive(r, peer("192.0.2.2").advert(0), MDI_100 + 5, out);
        assertEquals(List.of("advert VI_1 100"), out.take());
        assertEquals(VrrpState.MASTER, r.state());
    }

    @Test
    void shutdownSendsPriorityZeroAndNotifiesStop() {
        VrrpEngine e = start(v2(100));
        e.runTimers(MDI_100, out);
        out.take();
        e.shutdown(MDI_100 + 5, out);
        assertEquals(List.of("advert VI_1 0", "remove VI_1", "notify VI_1 STOP"), out.take());
        assertEquals(1, e.router("VI_1").stats().priZeroSent);
        assertEquals(VirtualRouter.NEVER, e.nextDeadline());
    }

    @Test
    void v3UsesCentisecondTimersAndAdoptsTheMastersInterval() {
        VrrpEngine e = start(v2(100).version(3).advertIntervalCentis(10));
        VirtualRouter r = e.router("VI_1");
        // 3 × 100 ms + 156 × 10 cs × 625 / 16 µs = 300 ms + 60.9375 ms.
        assertEquals(300_000 + 60_937, e.nextDeadline());
        Peer master = new Peer("192.0.2.2", 3, 51, 50, List.of(ip("192.0.2.100")), null);
        e.receive(r, master.advert(150), 100_000, out);
        assertEquals(500_000, r.masterAdvertIntervalMicros(), "a v3 backup times out by the master's interval");
        assertEquals(100_000 + 3 * 500_000 + (156L * 50 * 625) / 16, e.nextDeadline());
    }

    @Test
    void trackedInterfaceDownFaultsTheMasterWithAPriorityZero() {
        VrrpEngine e = start(v2(100));
        VirtualRouter r = e.router("VI_1");
        e.runTimers(MDI_100, out);
        out.take();
        e.interfaceChanged("eth0", false, MDI_100 + 5, out);
        assertEquals(VrrpState.FAULT, r.state());
        assertEquals(List.of("advert VI_1 0", "remove VI_1", "notify VI_1 FAULT"), out.take());
        assertTrue(out.logged("(VI_1) Entering FAULT STATE"));
        assertEquals(VirtualRouter.NEVER, e.nextDeadline());
        e.interfaceChanged("eth0", true, 10 * S, out);
        assertEquals(VrrpState.BACKUP, r.state());
        assertEquals(List.of("notify VI_1 BACKUP"), out.take());
        assertEquals(10 * S + MDI_100, e.nextDeadline());
    }

    @Test
    void adsInFaultAreIgnored() {
        VrrpEngine e = new VrrpEngine(VrrpConfig.of(List.of(v2(100).build())));
        e.start(0, iface -> false, Map.of(), out);
        VirtualRouter r = e.router("VI_1");
        assertEquals(VrrpState.FAULT, r.state());
        assertTrue(out.logged("(VI_1): entering FAULT state (interface eth0 down)"));
        e.receive(r, peer("192.0.2.2").advert(100), S, out);
        assertEquals(0, r.stats().advertRcvd);
    }

    @Test
    void anInterfaceMissingAtStartHoldsTheInstanceInFaultUntilItAppears() {
        VrrpEngine e = new VrrpEngine(VrrpConfig.of(List.of(v2(100).build())));
        e.start(0, iface -> false, Map.of(), out); // the shell knows no eth0: it does not exist yet
        VirtualRouter r = e.router("VI_1");
        assertEquals(VrrpState.FAULT, r.state());
        assertEquals(List.of("remove VI_1", "notify VI_1 FAULT"), out.take());
        assertEquals(VirtualRouter.NEVER, e.nextDeadline(), "nothing is timed in FAULT");
        e.runTimers(20 * S, out);
        assertEquals(List.of(), out.take());

        e.interfaceChanged("eth0", true, 30 * S, out); // created and up
        assertEquals(VrrpState.BACKUP, r.state());
        assertEquals(List.of("notify VI_1 BACKUP"), out.take());
        assertTrue(out.logged("(VI_1) Entering BACKUP STATE"));
        e.runTimers(30 * S + MDI_100, out);
        assertEquals(VrrpState.MASTER, r.state());
        out.take();

        e.interfaceChanged("eth0", false, 40 * S, out); // deleted again
        assertEquals(VrrpState.FAULT, r.state());
        assertEquals(List.of("advert VI_1 0", "remove VI_1", "notify VI_1 FAULT"), out.take());
        assertTrue(out.logged("(VI_1) sent 0 priority"));
    }

    @Test
    void aLinkChangeIsMeasuredAgainstWhatTheEngineKnewNotWhatTheShellKnowsNow() {
        // The shell updates its own table of links before it reports the change; the engine
        // must not take its up-to-date answer for "nothing changed".
        java.util.Set<String> up = new java.util.HashSet<>(List.of("eth0"));
        VrrpEngine e = new VrrpEngine(VrrpConfig.of(List.of(v2(100).build())));
        e.start(0, up::contains, Map.of(), out);
        up.remove("eth0");
        e.interfaceChanged("eth0", false, S, out);
        assertEquals(VrrpState.FAULT, e.router("VI_1").state());
    }

    @Test
    void aSourceAddressArrivingLateEndsTheFault() {
        VrrpEngine e = new VrrpEngine(VrrpConfig.of(List.of(v2(100).sourceAddress(null).build())));
        e.start(0, iface -> true, Map.of(), out);
        VirtualRouter r = e.router("VI_1");
        assertEquals(VrrpState.FAULT, r.state(), "no address to send adverts from");
        assertTrue(out.logged("(VI_1) entering FAULT state (no IPv4 address for interface)"));
        e.sourceAddressChanged(r, ip("192.0.2.7").getAddress(), S, out);
        assertEquals(VrrpState.BACKUP, r.state());
        assertEquals(ip("192.0.2.7"), Addresses.inet(r.sourceAddress()));
    }

    @Test
    void aVipDeletedFromOutsideMakesTheMasterStepDownAndComeBackOneSkewLater() {
        VrrpEngine e = start(v2(100));
        VirtualRouter r = e.router("VI_1");
        e.runTimers(MDI_100, out);
        out.take();
        e.vipDeleted(r, MDI_100 + S, out);
        assertEquals(VrrpState.BACKUP, r.state());
        assertEquals(List.of("remove VI_1", "notify VI_1 BACKUP"), out.take());
        assertEquals(MDI_100 + S + 156 * 3906, e.nextDeadline());
        e.runTimers(e.nextDeadline(), out);
        assertEquals(VrrpState.MASTER, r.state());
        assertEquals(List.of("advert VI_1 100", "install VI_1", "garp VI_1 5", "notify VI_1 MASTER"), out.take());
    }

    @Test
    void anOwnerHearingAnOwnerWithAHigherAddressConcedesAndStaysAt254() {
        VrrpEngine e = start(v2(255).initialMaster(true));
        VirtualRouter r = e.router("VI_1");
        e.runTimers(1, out);
        out.take();
        e.receive(r, peer("192.0.2.9").advert(255), S, out);
        assertTrue(out.logged("(VI_1) CONFIGURATION ERROR: local instance and a remote instance are both configured"
                + " as address owner, please fix - reducing local priority"));
        assertTrue(out.logged("(VI_1) Master received advert from 192.0.2.9 with higher priority 255, ours 254"));
        assertEquals(VrrpState.BACKUP, r.state());
        assertEquals(254, r.effectivePriority());
        // The other owner goes quiet: we take over, still at 254.
        e.runTimers(e.nextDeadline(), out);
        assertEquals(VrrpState.MASTER, r.state());
        assertTrue(out.take().contains("advert VI_1 254"));
    }

    /** keepalived's master_rx lowers itself whatever the other owner's address: one that never gives way wins. */
    @Test
    void anOwnerHearingAnOwnerWithALowerAddressConcedesToo() {
        VrrpEngine e = start(v2(255).initialMaster(true));
        VirtualRouter r = e.router("VI_1");
        e.runTimers(1, out);
        out.take();
        e.receive(r, peer("192.0.2.0").advert(255), S, out);
        assertTrue(out.logged("(VI_1) CONFIGURATION ERROR: local instance and a remote instance are both configured"
                + " as address owner, please fix - reducing local priority"));
        assertEquals(VrrpState.BACKUP, r.state());
        assertEquals(254, r.effectivePriority());
    }
}
