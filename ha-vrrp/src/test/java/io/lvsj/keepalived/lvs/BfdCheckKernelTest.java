package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.daemon.KeepalivedJ;
import io.lvsj.lab.BackgroundProcess;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BFD_CHECK against the real thing: a director namespace runs a virtual server with two real
 * servers, the first followed by a BFD_CHECK on a {@code bfd_instance} whose peer, in a second
 * namespace, is Debian's keepalived running only that session. Debian's keepalived
 * ({@code keepalived -C}: the checker process and its BFD process) and then keepalived-j, run
 * the same way, must each keep the server in IPVS while the peer runs, remove it within the
 * session's detection time after the peer stops, put it back after the peer restarts, and log
 * the same "BFD check of" lines (none at a reload, which keeps the checker and its state).
 */
@KernelTest
class BfdCheckKernelTest {
    /** min_rx = min_tx = 200 ms, multiplier 3. */
    static final long DETECTION_MS = 600;
    /** ipvsadm's polling and a loaded lab's scheduling, beyond the detection time. */
    static final long SLACK_MS = 900;
    static final String FOLLOWED = "  -> 198.51.100.2:80";
    static final String OTHER = "  -> 198.51.100.3:80";

    static String bfdInstance(String name, String neighbor, String source) {
        return "bfd_instance " + name + " {\n  neighbor_ip " + neighbor + "\n  source_ip " + source
                + "\n  min_rx 200\n  min_tx 200\n  multiplier 3\n}\n";
    }

    static final String DIRECTOR = "global_defs {\n  router_id lab\n}\n"
            + bfdInstance("peer", "198.51.100.2", "198.51.100.1") + """
            virtual_server 203.0.113.40 80 {
              lb_algo rr
              lb_kind NAT
              protocol TCP
              real_server 198.51.100.2 80 {
                BFD_CHECK {
                  name peer
                }
              }
              real_server 198.51.100.3 80 {
              }
            }
            """;

    static final String PEER = "global_defs {\n  router_id peer\n}\n"
            + bfdInstance("director", "198.51.100.1", "198.51.100.2");

    /** One implementation's run: the "BFD check of" lines it logged and how long each removal took. */
    record Run(List<String> lines, long removedAfterMs, String log) {
    }

    interface Daemon extends AutoCloseable {
        String log();

        void reload();

        void stop() throws Exception;
    }

    @Test
    void realServerFollowsItsBfdSessionAsWithKeepalived(LabNamespace ours) throws Exception {
        Path dir = Files.createTempDirectory("ck-bfd");
        Path conf = dir.resolve("director.conf");
        Path peerConf = dir.resolve("peer.conf");
        Files.writeString(conf, DIRECTOR);
        Files.writeString(peerConf, PEER);
        Run theirs;
        try (LabNamespace director = LabNamespace.create("ck-bfd-ka")) {
            theirs = run(director, dir, () -> {
                BackgroundProcess p = BackgroundProcess.start(List.of("ip", "netns", "exec", director.name(),
                        "keepalived", "-C", "-n", "-l", "-D", "-f", conf.toString(),
                        "-p", dir.resolve("ka.pid").toString(), "-c", dir.resolve("ka-check.pid").toString(),
                        "-b", dir.resolve("ka-bfd.pid").toString()), dir.resolve("keepalived.log"));
                return new Daemon() {
                    public String log() {
                        return p.log();
                    }

                    public void reload() {
                        p.signal("HUP");
                    }

                    public void stop() throws Exception {
                        p.stop(Duration.ofSeconds(30));
                    }

                    public void close() throws Exception {
                        p.close();
                    }
                };
            });
        }
        Run ourRun = run(ours, dir, () -> {
            KeepalivedJ j = KeepalivedJ.start(ours.name(), conf, dir.resolve("ours"), "-C",
                    "-b", dir.resolve("ours/keepalived_bfd.pid").toString());
            j.awaitLog("Startup complete", Duration.ofSeconds(120));
            return new Daemon() {
                public String log() {
                    return j.log();
                }

                public void reload() {
                    j.signal("HUP");
                }

                public void stop() throws Exception {
                    assertEquals(0, j.stop(), j.log());
                }

                public void close() throws Exception {
                    j.close();
                }
            };
        });
        System.out.println("keepalived removed the server " + theirs.removedAfterMs() + " ms after its peer stopped,"
                + " keepalived-j " + ourRun.removedAfterMs() + " ms");
        assertEquals(List.of("BFD check of [peer] RS([198.51.100.2]:tcp:80) is DOWN",
                "BFD check of [peer] RS([198.51.100.2]:tcp:80) is UP",
                "BFD check of [peer] RS([198.51.100.2]:tcp:80) is DOWN",
                "BFD check of [peer] RS([198.51.100.2]:tcp:80) is UP"), theirs.lines(), theirs.log());
        assertEquals(theirs.lines(), ourRun.lines(), ourRun.log());
    }

    interface Starter {
        Daemon start() throws Exception;
    }

    /**
     * The director in {@code director}, its peer in a namespace of its own: the server is in
     * while the peer runs, out after it stops, in again after it restarts.
     */
    static Run run(LabNamespace director, Path dir, Starter starter) throws Exception {
        try (LabNamespace peer = LabNamespace.create("ck-bfd-p")) {
            director.run("ip", "link", "add", "ck-peer", "type", "veth", "peer", "name", "eth0", "netns", peer.name())
                    .requireSuccess();
            director.run("ip", "addr", "add", "198.51.100.1/29", "dev", "ck-peer").requireSuccess();
            director.run("ip", "link", "set", "ck-peer", "up").requireSuccess();
            peer.run("ip", "addr", "add", "198.51.100.2/29", "dev", "eth0").requireSuccess();
            peer.run("ip", "link", "set", "eth0", "up").requireSuccess();
            BackgroundProcess bfd = startPeer(peer, dir, 1);
            long removed;
            String log;
            try (Daemon daemon = starter.start()) {
                try {
                    await("the server in while the peer runs", Duration.ofSeconds(20),
                            () -> has(director, FOLLOWED) && has(director, OTHER));
                    Thread.sleep(1500); // the poll sequence brings the session from 1 s to its 200 ms intervals
                    assertTrue(has(director, FOLLOWED));
                    bfd.stop(Duration.ofSeconds(30));
                    long stopped = System.nanoTime();
                    await("the server out after the peer stopped", Duration.ofSeconds(10), () -> !has(director, FOLLOWED));
                    removed = (System.nanoTime() - stopped) / 1_000_000;
                    assertTrue(has(director, OTHER), "the other server stays");
                    assertTrue(removed <= DETECTION_MS + SLACK_MS, "removed " + removed + " ms after the peer stopped");
                    bfd = startPeer(peer, dir, 2);
                    await("the server back after the peer restarted", Duration.ofSeconds(20),
                            () -> has(director, FOLLOWED));
                    // a reload: the BFD process reports the session Up again, which the kept checker already says
                    daemon.reload();
                    Thread.sleep(2000);
                    assertTrue(has(director, FOLLOWED), "kept across the reload");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n--- director\n" + daemon.log() + "\n--- peer\n"
                            + bfd.log(), e);
                } finally {
                    bfd.close();
                }
                daemon.stop();
                log = daemon.log();
            }
            return new Run(bfdLines(log), removed, log);
        }
    }

    static BackgroundProcess startPeer(LabNamespace peer, Path dir, int n) {
        return BackgroundProcess.start(List.of("ip", "netns", "exec", peer.name(), "keepalived", "-n", "-l",
                "-f", dir.resolve("peer.conf").toString(), "-p", dir.resolve("peer.pid").toString(),
                "-b", dir.resolve("peer-bfd.pid").toString()), dir.resolve("peer-" + n + ".log"));
    }

    static boolean has(LabNamespace ns, String destination) {
        return ns.ipvsadm("-Ln").requireSuccess().stdout().lines().anyMatch(l -> l.startsWith(destination + " "));
    }

    /** The "BFD check of" lines of a log, in order, after their time stamps. */
    static List<String> bfdLines(String log) {
        List<String> out = new ArrayList<>();
        log.lines().map(l -> l.replaceFirst("^.*? \\d{4}: ", "")).filter(l -> l.startsWith("BFD check of"))
                .forEach(out::add);
        return out;
    }

    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }
}
