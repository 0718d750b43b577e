package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.bfd.BfdDaemon;
import io.lvsj.keepalived.bfd.BfdEvents;
import io.lvsj.keepalived.bfd.BfdSettings;
import io.lvsj.keepalived.bfd.BfdState;
import io.lvsj.log.LogOutput;
import io.lvsj.sys.NetNamespace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * keepalived-j's BFD sessions against keepalived's own BFD process and against FRR's bfdd, in
 * namespaces on the lab segment: the session comes up, and goes down within its detection time
 * when the peer stops.
 */
@Tag("interop")
@Execution(ExecutionMode.CONCURRENT)
class BfdInteropTest {

    /** A keepalived.conf with a BFD session to {@code neighbor} and a VRRP instance (so keepalived writes its pid files). */
    static String keepalivedBfd(String neighbor, String source, int vrid) {
        return "global_defs {\n  router_id lab\n}\n"
                + "bfd_instance peer {\n  neighbor_ip " + neighbor + "\n  source_ip " + source + "\n  min_rx 100\n"
                + "  min_tx 100\n  multiplier 3\n}\n"
                + "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id " + vrid + "\n  priority 50\n"
                + "  virtual_ipaddress {\n    198.51.100." + vrid + "/32\n  }\n}\n";
    }

    static BfdSettings ours(String neighbor, String source) {
        return new BfdSettings("peer", Segment.ip(neighbor), Segment.ip(source), 100_000, 100_000, 1_000_000, 3, false,
                255, 0);
    }

    @Test
    void aSessionWithKeepalivedsBfdComesUpAndExpiresWhenItStops() {
        Path dir = Evidence.directory("bfd keepalived");
        try (Lan lan = Lan.create(2)) {
            KeepalivedRouter keepalived = new KeepalivedRouter(lan.node(1), dir.resolve("keepalived"));
            keepalived.start(keepalivedBfd("192.0.2.2", "192.0.2.1", 31));
            StringBuffer log = new StringBuffer();
            BfdEvents events = new BfdEvents();
            try (BfdDaemon bfd = BfdDaemon.start(List.of(ours("192.0.2.1", "192.0.2.2")),
                    NetNamespace.named(lan.node(2)), LogOutput.lines(l -> log.append(l).append('\n'), true), events)) {
                try {
                    awaitNegotiated(bfd);
                    LocalStateInteropTest.awaitLog(keepalived, "(peer) Entering Up state");
                    keepalived.stop();
                    long took = awaitState(bfd, BfdState.DOWN, 5_000);
                    assertTrue(took < 3 * 100 + 200, "down in " + took + " ms, detection time 300 ms");
                    assertTrue(log.toString().contains("(peer) Entering Down state (Local diagnostic - "), log.toString());
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n--- keepalived-j\n" + log + "\n--- keepalived\n"
                            + keepalived.log(), e);
                }
            } finally {
                keepalived.close();
            }
        }
    }

    /** FRR's bfdd (Debian's frr package) running alone in a namespace, with one peer; stopped by its pid. */
    static final class Bfdd implements AutoCloseable {
        private final Path dir;
        private final io.lvsj.lab.BackgroundProcess process;

        Bfdd(String namespace, String peer, String local) throws java.io.IOException {
            dir = java.nio.file.Files.createTempDirectory("lvsj-bfdd-");
            java.nio.file.Files.writeString(dir.resolve("bfdd.conf"), "bfd\n peer " + peer + " local-address " + local
                    + "\n  receive-interval 100\n  transmit-interval 100\n  detect-multiplier 3\n !\n!\n");
            Shell.must("chown", "-R", "frr:frr", dir.toString());
            process = io.lvsj.lab.BackgroundProcess.start(List.of("ip", "netns", "exec", namespace,
                    "/usr/lib/frr/bfdd", "-f", dir.resolve("bfdd.conf").toString(), "-i",
                    dir.resolve("bfdd.pid").toString(), "--vty_socket", dir.toString(), "-z",
                    dir.resolve("zserv.api").toString(), "--bfdctl", dir.resolve("bfdd.sock").toString(), "-A",
                    "127.0.0.1", "-P", "0", "-u", "frr", "-g", "frr", "--log", "stdout"), dir.resolve("bfdd.log"));
        }

        void stop() throws InterruptedException {
            process.stop(java.time.Duration.ofSeconds(10));
        }

        @Override
        public void close() throws Exception {
            if (process.alive()) {
                stop();
            }
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void aSessionWithFrrsBfddComesUpAndExpiresWhenItStops() throws Exception {
        try (Lan lan = Lan.create(2); Bfdd bfdd = new Bfdd(lan.node(1), "192.0.2.2", "192.0.2.1")) {
            StringBuffer log = new StringBuffer();
            try (BfdDaemon bfd = BfdDaemon.start(List.of(ours("192.0.2.1", "192.0.2.2")),
                    NetNamespace.named(lan.node(2)), LogOutput.lines(l -> log.append(l).append('\n'), true),
                    new BfdEvents())) {
                try {
                    awaitNegotiated(bfd);
                    bfdd.stop();
                    long took = awaitState(bfd, BfdState.DOWN, 5_000);
                    assertTrue(took < 3 * 100 + 200, "down in " + took + " ms, detection time 300 ms");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n--- keepalived-j\n" + log, e);
                }
            }
        }
    }

    /** A VRRPv3 instance at 0.1 s on eth0 with VIP 192.0.2.100, tracking BFD session {@code track} (weight 0) if given. */
    static String vrrp(int priority, String track) {
        return "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority " + priority
                + "\n  version 3\n  advert_int 0.1\n"
                + (track == null ? "" : "  track_bfd {\n    " + track + "\n  }\n")
                + "  virtual_ipaddress {\n    192.0.2.100/24\n  }\n}\n";
    }

    static String bfdInstance(String neighbor, String source) {
        return "bfd_instance peer {\n  neighbor_ip " + neighbor + "\n  source_ip " + source + "\n  min_rx 100\n"
                + "  min_tx 100\n  multiplier 3\n}\n";
    }

    /** Detection time 300 ms, then a VRRPv3 backup at priority 100 takes over one skew (61 ms) after priority 0. */
    static final long FAILOVER_BOUND = 300 + 61 + 250;

    /**
     * keepalived-j's {@code track_bfd}: its master tracks a session to FRR's bfdd; when bfdd stops,
     * the session expires within its detection time, the instance faults, and Debian's
     * keepalived takes the VIP over.
     */
    @Test
    void keepalivedJsTrackedBfdSessionEndingFailsTheMasterOver() throws Exception {
        Path dir = Evidence.directory("track-bfd keepalived-j");
        try (Lan lan = Lan.create(2); VipWatch vips = new VipWatch(lan.nodes);
             Bfdd bfdd = new Bfdd(lan.node(1), "192.0.2.2", "192.0.2.1")) {
            KeepalivedRouter backup = new KeepalivedRouter(lan.node(1), dir.resolve("keepalived"));
            CliRouter master = new CliRouter(lan.node(2), dir.resolve("keepalived-j"), List.of());
            try {
                backup.start("global_defs {\n  router_id lab\n}\n" + vrrp(100, null));
                master.start("global_defs {\n  router_id lab\n}\n" + bfdInstance("192.0.2.1", "192.0.2.2")
                        + vrrp(150, "peer"));
                vips.awaitSole(Segment.ip("192.0.2.100"), 2, 15_000);
                LocalStateInteropTest.awaitLog(master, "VRRP_Instance(VI_1) Tracked BFD instance peer is UP");
                VipWatch.sleep(1500); // the poll sequence brings the detection time down to 300 ms
                bfdd.stop();
                long took = vips.awaitSole(Segment.ip("192.0.2.100"), 1, 5_000);
                assertTrue(took < FAILOVER_BOUND, "failed over in " + took + " ms");
                LocalStateInteropTest.awaitLog(master, "VRRP_Instance(VI_1) Tracked BFD instance peer is DOWN");
                assertTrue(master.log().contains("(peer) Expired after"), master.log());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- keepalived-j\n" + master.log() + "\n--- keepalived\n"
                        + backup.log(), e);
            } finally {
                master.close();
                backup.close();
            }
        }
    }

    /**
     * The other role: keepalived's master tracks a session to keepalived-j's BFD; when
     * keepalived-j stops, keepalived's session expires and a third router takes the VIP over.
     */
    @Test
    void keepalivedsTrackedSessionToKeepalivedJEndingFailsTheMasterOver() {
        Path dir = Evidence.directory("track-bfd keepalived");
        try (Lan lan = Lan.create(3); VipWatch vips = new VipWatch(lan.nodes)) {
            CliRouter peer = new CliRouter(lan.node(1), dir.resolve("keepalived-j"), List.of());
            KeepalivedRouter master = new KeepalivedRouter(lan.node(2), dir.resolve("keepalived"));
            KeepalivedRouter backup = new KeepalivedRouter(lan.node(3), dir.resolve("backup"));
            try {
                peer.start("global_defs {\n  router_id lab\n}\n" + bfdInstance("192.0.2.2", "192.0.2.1")
                        + vrrp(50, null).replace("virtual_router_id 51", "virtual_router_id 52")
                        .replace("192.0.2.100", "192.0.2.152"));
                backup.start("global_defs {\n  router_id lab\n}\n" + vrrp(100, null));
                master.start("global_defs {\n  router_id lab\n}\n" + bfdInstance("192.0.2.1", "192.0.2.2")
                        + vrrp(150, "peer"));
                vips.awaitSole(Segment.ip("192.0.2.100"), 2, 15_000);
                VipWatch.sleep(1500);
                peer.stop();
                long took = vips.awaitSole(Segment.ip("192.0.2.100"), 3, 5_000);
                assertTrue(took < FAILOVER_BOUND + 1000, "failed over in " + took + " ms (keepalived-j's stop included)");
                assertTrue(master.log().contains("(peer) Entering Down state"), master.log());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- keepalived-j\n" + peer.log() + "\n--- keepalived\n"
                        + master.log(), e);
            } finally {
                peer.close();
                master.close();
                backup.close();
            }
        }
    }

    /** Waits for the session to be up with the detection time its configuration asks for (3 x 100 ms). */
    static void awaitNegotiated(BfdDaemon bfd) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!bfd.statuses().get("peer").equals(new BfdDaemon.Status(BfdState.UP, 300_000))) {
            if (System.nanoTime() > deadline) {
                assertEquals(new BfdDaemon.Status(BfdState.UP, 300_000), bfd.statuses().get("peer"));
            }
            VipWatch.sleep(10);
        }
    }

    static long awaitState(BfdDaemon bfd, BfdState state, long millis) {
        long start = System.nanoTime();
        while (bfd.states().get("peer") != state) {
            if (System.nanoTime() - start > millis * 1_000_000) {
                assertEquals(state, bfd.states().get("peer"));
            }
            VipWatch.sleep(5);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
