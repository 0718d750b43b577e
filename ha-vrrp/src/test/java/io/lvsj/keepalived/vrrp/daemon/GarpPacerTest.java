package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.vrrp.config.GarpPacing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Gratuitous ARP / NA pacing as keepalived 2.2.7 paces them (vrrp_arp.c, vrrp_ndisc.c,
 * vrrp_arp_thread), traced by hand through its code: the sequences below are what it sends.
 */
class GarpPacerTest {
    /** An address: its name, the interface whose pace it follows, IPv6 or not. */
    record Vip(String name, String device, boolean ipv6) {
    }

    /** Instances with their addresses, recording what is sent and when. */
    static final class Wire implements GarpPacer.Sender<String, Vip> {
        final Map<String, List<Vip>> routers;
        final Set<String> masters = new HashSet<>();
        final List<String> sent = new ArrayList<>();
        long now;

        Wire(Map<String, List<Vip>> routers) {
            this.routers = routers;
            masters.addAll(routers.keySet());
        }

        @Override
        public boolean announces(String router) {
            return masters.contains(router);
        }

        @Override
        public Iterable<Vip> addresses(String router) {
            return routers.get(router);
        }

        @Override
        public String device(Vip address) {
            return address.device();
        }

        @Override
        public boolean ipv6(Vip address) {
            return address.ipv6();
        }

        @Override
        public void send(String router, Vip address) {
            sent.add(address.name() + "@" + now / 1000);
        }

        /** Runs the pacer's wake-ups until {@code until} (microseconds). */
        void runUntil(GarpPacer<String, Vip> pacer, long until) {
            while (pacer.wakeAt() <= until) {
                now = pacer.wakeAt();
                pacer.run(now, routers.keySet(), this);
            }
            now = until;
        }
    }

    static final Vip A = new Vip("A", "eth0", false);
    static final Vip B = new Vip("B", "eth0", false);
    static final Vip A6 = new Vip("A6", "eth0", true);
    static final Vip C = new Vip("C", "eth1", false);

    static GarpPacing.Pace pace(Double garpSeconds, Double gnaSeconds) {
        return new GarpPacing.Pace(seconds(garpSeconds), seconds(gnaSeconds));
    }

    static Optional<Duration> seconds(Double s) {
        return s == null ? Optional.empty() : Optional.of(Duration.ofNanos((long) (s * 1e9)));
    }

    @Test
    void withoutPacingEveryRepeatLeavesAtOnce() {
        GarpPacer<String, Vip> pacer = new GarpPacer<>(GarpPacing.NONE);
        Wire wire = new Wire(Map.of("VI_1", List.of(A, B)));
        pacer.burst("VI_1", 2, 0, wire);
        assertEquals(List.of("A@0", "B@0", "A@0", "B@0"), wire.sent);
        assertEquals(GarpPacer.NEVER, pacer.wakeAt());
    }

    /**
     * vrrp_garp_interval 0.5, garp_master_repeat 3, two VIPs on one interface: A leaves, B and
     * the repeats are queued as one flag each; at 0.5 s A (queued again by the repeats) leaves
     * and B waits; at 1 s B. The second burst (garp_master_delay, 5 s) goes the same way.
     */
    @Test
    void repeatsCollapseIntoOneQueuedAnnouncementPerAddress() {
        GarpPacer<String, Vip> pacer = new GarpPacer<>(new GarpPacing(pace(0.5, null), List.of()));
        Wire wire = new Wire(Map.of("VI_1", List.of(A, B)));
        pacer.burst("VI_1", 3, 0, wire);
        wire.runUntil(pacer, 5_000_000);
        pacer.burst("VI_1", 3, 5_000_000, wire);
        wire.runUntil(pacer, 10_000_000);
        assertEquals(List.of("A@0", "A@500", "B@1000", "A@5000", "A@5500", "B@6000"), wire.sent);
    }

    @Test
    void arpsAndNeighbourAdvertsArePacedApart() {
        GarpPacer<String, Vip> pacer = new GarpPacer<>(new GarpPacing(pace(1.0, 0.2), List.of()));
        Wire wire = new Wire(Map.of("VI_1", List.of(A, A6, B)));
        pacer.burst("VI_1", 1, 0, wire);
        wire.runUntil(pacer, 3_000_000);
        assertEquals(List.of("A@0", "A6@0", "B@1000"), wire.sent);
    }

    /** The global pace is a copy per interface; a garp_group's is shared by its interfaces. */
    @Test
    void aGroupSharesItsPaceAcrossItsInterfacesWhileTheDefaultIsPerInterface() {
        Wire wire = new Wire(Map.of("VI_1", List.of(A, C)));
        GarpPacer<String, Vip> separate = new GarpPacer<>(new GarpPacing(pace(1.0, null), List.of()));
        separate.burst("VI_1", 1, 0, wire);
        assertEquals(List.of("A@0", "C@0"), wire.sent);

        wire.sent.clear();
        GarpPacer<String, Vip> grouped = new GarpPacer<>(new GarpPacing(pace(1.0, null),
                List.of(new GarpPacing.Group(pace(0.3, null), List.of("eth0", "eth1")))));
        grouped.burst("VI_1", 1, 0, wire);
        wire.runUntil(grouped, 2_000_000);
        assertEquals(List.of("A@0", "C@300"), wire.sent);
    }

    /** A group with only gna_interval leaves its interfaces' ARPs unpaced, the global pace not applying. */
    @Test
    void aGroupWithoutAGarpIntervalLeavesArpsUnpaced() {
        GarpPacer<String, Vip> pacer = new GarpPacer<>(new GarpPacing(pace(1.0, null),
                List.of(new GarpPacing.Group(pace(null, 1.0), List.of("eth0")))));
        Wire wire = new Wire(Map.of("VI_1", List.of(A, B)));
        pacer.burst("VI_1", 1, 0, wire);
        assertEquals(List.of("A@0", "B@0"), wire.sent);
    }

    /**
     * The wake-up is an interval after the first queuing, not when the interface's time comes:
     * an address queued 0.1 s after the last ARP left waits until 0.6 s, as in keepalived.
     */
    @Test
    void theWakeUpIsAnIntervalAfterTheQueuing() {
        GarpPacer<String, Vip> pacer = new GarpPacer<>(new GarpPacing(pace(0.5, null), List.of()));
        Wire wire = new Wire(Map.of("VI_1", List.of(A), "VI_2", List.of(B)));
        pacer.burst("VI_1", 1, 0, wire);
        wire.now = 100_000;
        pacer.burst("VI_2", 1, 100_000, wire);
        wire.runUntil(pacer, 2_000_000);
        assertEquals(List.of("A@0", "B@600"), wire.sent);
    }

    @Test
    void anInstanceNoLongerMasterDropsWhatItQueued() {
        GarpPacer<String, Vip> pacer = new GarpPacer<>(new GarpPacing(pace(0.5, null), List.of()));
        Wire wire = new Wire(Map.of("VI_1", List.of(A, B)));
        pacer.burst("VI_1", 1, 0, wire);
        wire.masters.clear();
        wire.runUntil(pacer, 2_000_000);
        assertEquals(List.of("A@0"), wire.sent);
        assertEquals(Set.of(), pacer.pending("VI_1"));

        wire.masters.add("VI_1");
        wire.now = 3_000_000;
        pacer.burst("VI_1", 1, 3_000_000, wire);
        pacer.forget("VI_1");
        wire.runUntil(pacer, 5_000_000);
        assertEquals(List.of("A@0", "A@3000"), wire.sent);
    }

    /** A source-address announcement (sent at once, unpaced) still sets the interface's next time. */
    @Test
    void anImmediateAnnouncementDelaysTheNext() {
        GarpPacer<String, Vip> pacer = new GarpPacer<>(new GarpPacing(pace(1.0, null), List.of()));
        Wire wire = new Wire(Map.of("VI_1", List.of(A)));
        pacer.sent("eth0", false, 0);
        wire.now = 200_000;
        pacer.burst("VI_1", 1, 200_000, wire);
        wire.runUntil(pacer, 3_000_000);
        assertEquals(List.of("A@1200"), wire.sent);
    }
}
