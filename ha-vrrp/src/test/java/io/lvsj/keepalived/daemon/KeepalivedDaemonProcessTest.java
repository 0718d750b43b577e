package io.lvsj.keepalived.daemon;

import io.lvsj.lab.BackgroundProcess;
import io.lvsj.lab.Command;
import io.lvsj.lab.LabNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * keepalived-j's command line as a real process on the host, VRRP only (the host kernel has no
 * IPVS; the lab tests run the checkers): INT stops it unless {@code --ignore-sigint}; {@code -l}
 * logs to stderr, as keepalived does; and without {@code -n} it starts itself in the
 * background, in a session of its own, and returns once the daemon has written its pid file.
 */
class KeepalivedDaemonProcessTest {
    static final String CONFIG = """
            vrrp_instance VI_1 {
              state MASTER
              interface eth0
              virtual_router_id 51
              priority 150
              advert_int 1
              virtual_ipaddress {
                192.0.2.100/24
              }
            }
            """;

    private LabNamespace ns;
    private Path dir;
    private Path conf;

    @BeforeEach
    void router() throws Exception {
        ns = LabNamespace.create("dm-kd");
        ns.run("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth1").requireSuccess();
        ns.run("ip", "link", "set", "eth0", "up").requireSuccess();
        ns.run("ip", "link", "set", "eth1", "up").requireSuccess();
        ns.run("ip", "addr", "add", "192.0.2.1/24", "dev", "eth0").requireSuccess();
        dir = Files.createTempDirectory("dm-daemon");
        conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, CONFIG);
    }

    @AfterEach
    void cleanUp() throws Exception {
        ns.close();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    boolean holdsVip() {
        return ns.run("ip", "-o", "addr", "show", "dev", "eth0").stdout().contains(" 192.0.2.100/24");
    }

    @Test
    void interruptStopsTheDaemonUnlessIgnored() throws Exception {
        try (KeepalivedJ ignoring = KeepalivedJ.startFromClassPath(ns.name(), conf, dir.resolve("a"), "-P",
                "--ignore-sigint")) {
            ignoring.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(30));
            ignoring.signal("INT");
            Thread.sleep(1000);
            assertTrue(ignoring.alive(), "--ignore-sigint: INT leaves it running\n" + ignoring.log());
            assertFalse(ignoring.log().contains("Stopping"), ignoring.log());
            assertEquals(0, ignoring.stop(), ignoring.log());
            assertTrue(ignoring.log().contains("(VI_1) sent 0 priority"), ignoring.log());
            assertFalse(holdsVip(), "TERM removed the VIP");
        }
        try (KeepalivedJ plain = KeepalivedJ.startFromClassPath(ns.name(), conf, dir.resolve("b"), "-P")) {
            plain.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(30));
            plain.signal("INT");
            assertEquals(0, plain.awaitExit(Duration.ofSeconds(30)), plain.log());
            assertTrue(plain.log().contains("Stopping"), plain.log());
            assertFalse(holdsVip(), "INT removed the VIP");
        }
    }

    /**
     * The start-up property LibC is built for, in keepalived-j's own process: a daemon that
     * opens its VRRP sockets, rtnetlink, syslog and systemd's socket, becomes master and stops
     * links one FFM downcall stub (ipvs-netlink's LibCStubCountTest proves it for each call).
     */
    @Test
    void theWholeDaemonLinksOneDowncallStub() throws Exception {
        Path classes = dir.resolve("class-load.log");
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        List<String> java = new ArrayList<>(KeepalivedJ.javaCommand());
        java.add(1, "-Xlog:class+load:file=" + classes);
        argv.addAll(java);
        argv.addAll(List.of("-P", "-n", "-l", "-f", conf.toString(), "-p", dir.resolve("keepalived.pid").toString(),
                "-r", dir.resolve("keepalived_vrrp.pid").toString()));
        try (BackgroundProcess daemon = BackgroundProcess.start(argv, dir.resolve("stderr"))) {
            daemon.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(30));
            assertEquals(0, daemon.stop(Duration.ofSeconds(30)), daemon.log()); // the stop path runs too
        }
        List<String> stubs = Files.readAllLines(classes).stream().filter(l -> l.contains("DowncallStub")).toList();
        assertEquals(1, stubs.size(), "downcall stubs generated:\n" + String.join("\n", stubs));
    }

    /** {@code -g FILE}: the parent's lines in FILE, VRRP's in FILE_vrrp (keepalived built with --enable-log-file). */
    @Test
    void theLogFileTakesEachPartsLines() throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        argv.addAll(KeepalivedJ.javaCommand());
        argv.addAll(List.of("-P", "-n", "-G", "--log-file=" + dir.resolve("ka.log"), "-f", conf.toString(),
                "-p", dir.resolve("keepalived.pid").toString(), "-r", dir.resolve("keepalived_vrrp.pid").toString()));
        try (BackgroundProcess daemon = BackgroundProcess.start(argv, dir.resolve("stderr"))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Path vrrp = dir.resolve("ka_vrrp.log");
            while (!(Files.exists(vrrp) && Files.readString(vrrp).contains("(VI_1) Entering MASTER STATE"))) {
                assertTrue(daemon.alive() && System.nanoTime() < deadline, "no MASTER in " + vrrp + ":\n" + daemon.log());
                Thread.sleep(50);
            }
            assertEquals(0, daemon.stop(Duration.ofSeconds(30)), daemon.log());
        }
        String parent = Files.readString(dir.resolve("ka.log"));
        assertTrue(parent.contains(": Starting keepalived-j") && parent.contains(": Stopped keepalived-j"), parent);
        assertTrue(!parent.contains("Entering MASTER STATE"), "VRRP's lines are in their own file: " + parent);
    }

    /** keepalived-j's {@code --json}: the running daemon's VRRP state, on standard output. */
    @Test
    void jsonPrintsTheRunningDaemonsState() throws Exception {
        Path pidFile = dir.resolve("keepalived.pid");
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        argv.addAll(KeepalivedJ.javaCommand());
        argv.addAll(List.of("-P", "-n", "-l", "-G", "-f", conf.toString(), "-p", pidFile.toString(),
                "-r", dir.resolve("keepalived_vrrp.pid").toString()));
        try (BackgroundProcess daemon = BackgroundProcess.start(argv, dir.resolve("stderr"),
                java.util.Map.of("TMPDIR", dir.toString()))) {
            daemon.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(30));
            List<String> json = new ArrayList<>(List.of("env", "TMPDIR=" + dir));
            json.addAll(KeepalivedJ.javaCommand());
            json.addAll(List.of("--json", "-f", conf.toString(), "-p", pidFile.toString()));
            Command.Result r = Command.run(json, "", Duration.ofSeconds(60));
            assertEquals(0, r.status(), r.output());
            assertTrue(r.stdout().contains("\"iname\":\"VI_1\"") && r.stdout().contains("\"state\":2,"), r.stdout());
            assertEquals(0, daemon.stop(Duration.ofSeconds(30)), daemon.log());
        }
        List<String> noDaemon = new ArrayList<>(KeepalivedJ.javaCommand());
        noDaemon.addAll(List.of("--json", "-f", conf.toString(), "-p", pidFile.toString()));
        Command.Result gone = Command.run(noDaemon, "", Duration.ofSeconds(60));
        assertEquals(1, gone.status(), gone.output());
        assertTrue(gone.stderr().contains("no daemon is running"), gone.stderr());
    }

    /**
     * TERM the moment the pid file is written (a service manager may): keepalived's stop, status
     * 0, not the JVM's own end with 143 (the handlers used to go in after the pid file). A shell
     * does it, as a service manager would: kill(1) from Java starts a process first, too late.
     */
    @Test
    void termAsSoonAsThePidFileIsWrittenStopsCleanly() throws Exception {
        Path pidFile = dir.resolve("early.pid");
        List<String> argv = new ArrayList<>(List.of("sh", "-c", """
                PID=$1; shift
                for i in 1 2 3; do
                  rm -f "$PID"
                  "$@" -p "$PID" -r "$PID.vrrp" &
                  while [ ! -s "$PID" ] && kill -0 $! 2>/dev/null; do sleep 0.005; done
                  kill -TERM $!; wait $!; echo "status=$?"
                done
                """, "sh", pidFile.toString(), "ip", "netns", "exec", ns.name()));
        argv.addAll(KeepalivedJ.javaCommand());
        argv.addAll(List.of("-P", "-n", "-l", "-G", "-f", conf.toString()));
        Command.Result r = Command.run(argv, "", Duration.ofSeconds(120));
        assertEquals(List.of("status=0", "status=0", "status=0"),
                r.stdout().lines().filter(l -> l.startsWith("status=")).toList(), r.output());
    }

    /**
     * A shell's background job (and nohup) starts its commands with INT (HUP) ignored, and the
     * JVM then catches neither: keepalived catches them whatever started it, and so must we.
     */
    @Test
    void interruptInheritedAsIgnoredStillStopsTheDaemon() throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "sh", "-c",
                "trap '' INT HUP; exec \"$0\" \"$@\""));
        argv.addAll(KeepalivedJ.javaCommand());
        argv.addAll(List.of("-P", "-n", "-l", "-G", "-f", conf.toString(), "-p", dir.resolve("keepalived.pid").toString(),
                "-r", dir.resolve("keepalived_vrrp.pid").toString()));
        try (BackgroundProcess daemon = BackgroundProcess.start("keepalived-j", argv, dir.resolve("inherited.log"),
                java.util.Map.of())) {
            daemon.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(30));
            daemon.signal("HUP");
            daemon.awaitLog("Reloading", Duration.ofSeconds(30));
            daemon.signal("INT");
            assertEquals(0, daemon.awaitExit(Duration.ofSeconds(30)), daemon.log());
            assertTrue(daemon.log().contains("Stopping"), daemon.log());
        }
    }

    @Test
    void theConsoleLogGoesToStandardErrorAsKeepalivedsDoes() throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        argv.addAll(KeepalivedJ.javaCommand());
        argv.addAll(List.of("-P", "-n", "-l", "-G", "-f", conf.toString(), "-p", dir.resolve("keepalived.pid").toString(),
                "-r", dir.resolve("keepalived_vrrp.pid").toString()));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process daemon = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(err).contains("(VI_1) Entering MASTER STATE")) {
                assertTrue(daemon.isAlive() && System.nanoTime() < deadline, "no MASTER on stderr:\n"
                        + Files.readString(err) + "\nstdout:\n" + Files.readString(out));
                Thread.sleep(50);
            }
            Command.run("kill", "-TERM", Long.toString(daemon.pid())).requireSuccess();
            assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, daemon.exitValue());
            assertEquals("", Files.readString(out), "nothing on stdout");
            assertTrue(Files.readString(err).contains("Stopped keepalived-j"), Files.readString(err));
        } finally {
            daemon.destroyForcibly();
        }
    }

    @Test
    void withoutDontForkTheDaemonRunsInTheBackground() throws Exception {
        Path pidFile = dir.resolve("keepalived.pid");
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        argv.addAll(KeepalivedJ.javaCommand());
        argv.addAll(List.of("-G", "-f", conf.toString(), "-p", pidFile.toString(),
                "-r", dir.resolve("keepalived_vrrp.pid").toString(), "-c", dir.resolve("keepalived_checkers.pid").toString()));
        BackgroundProcess launcher = BackgroundProcess.start(argv, dir.resolve("launcher.log"));
        assertEquals(0, launcher.awaitExit(Duration.ofSeconds(60)), "the command returns once the daemon runs: "
                + launcher.log());

        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertNotEquals(launcher.pid(), pid, "the daemon is another process");
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertEquals(Long.toString(pid), fields[3], "the daemon leads a session of its own (setsid)");
            assertEquals(Long.toString(pid), Files.readString(dir.resolve("keepalived_vrrp.pid")).strip());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!holdsVip()) {
                assertTrue(System.nanoTime() < deadline, "the background daemon never took the VIP");
                Thread.sleep(100);
            }

            Command.run("kill", "-TERM", Long.toString(pid)).requireSuccess();
            daemon.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(Files.exists(pidFile), "the daemon removed its pid file");
            assertFalse(holdsVip(), "and its VIP");
        } finally {
            daemon.destroyForcibly();
        }
    }
}
