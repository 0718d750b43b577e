package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.vrrp.config.VrrpConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Benchmark (not a test): failover time and memory of keepalived-j against Debian's
 * keepalived 2.2.7, same configs, same run, same lab segment.
 *
 * <p>Both implementations read the same keepalived.conf text ({@link KeepalivedConf}):
 * keepalived-j through its command line ({@link CliRouter}) with bin/keepalived-j's JVM flags.
 *
 * <p>Failover: two routers of one implementation (priority 150 and 100). A fixed time after
 * one of the master's adverts is seen on the segment (so both implementations die at the
 * same phase, and the theoretical failover is master-down interval minus that phase) the
 * master dies: its bridge port goes down (it is off the network from that instant) and its
 * process is SIGKILLed. A client pings the VIP every 5 ms; the failover
 * time runs from the port going down to the first reply, which only the backup can send
 * after installing the VIP and announcing it (gratuitous ARP / unsolicited NA).
 *
 * <p>Memory: one router with N instances, all master, after 10 s: resident set size from
 * {@code /proc/PID/smaps_rollup} (keepalived: parent + VRRP child).
 *
 * <pre>FailoverBenchmark [ROUNDS [INSTANCES [ONLY]]]</pre> (ONLY: keep configs whose name contains it, e.g. "v3")
 */
public final class FailoverBenchmark {
    private FailoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String only = args.length > 2 ? args[2] : "";
        Path dir = Evidence.directory("benchmark");
        List<String> table = new ArrayList<>();
        table.add("| config | keepalived 2.2.7 | keepalived-j | ratio (keepalived / keepalived-j) |");
        table.add("|---|---|---|---|");
        for (Segment segment : List.of(new Segment(2, false, false, 100), new Segment(3, false, false, 10))) {
            if (!segment.toString().contains(only)) {
                continue;
            }
            List<Long> keepalived = failovers(segment, false, rounds, dir);
            List<Long> java = failovers(segment, true, rounds, dir);
            table.add("| " + segment + ", master dies " + phaseMillis(segment) + " ms after an advert (theory "
                    + (segment.masterDownMillis() - phaseMillis(segment)) + " ms) | "
                    + summary(keepalived) + " | " + summary(java) + " | "
                    + String.format("%.2f", (double) median(keepalived) / median(java)) + " |");
            System.out.println("rounds " + segment + ": keepalived " + keepalived + " keepalived-j " + java);
        }
        table.add("");
        table.add("| resident memory, " + instances + " instances | keepalived 2.2.7 (parent + VRRP child) | "
                + "keepalived-j | ratio |");
        table.add("|---|---|---|---|");
        long ka = keepalivedMemory(instances, dir);
        for (List<String> flags : List.of(LAUNCHER_FLAGS, List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-Xmx24m", "-Xss512k", "-XX:MaxMetaspaceSize=48m", "-XX:ReservedCodeCacheSize=16m"))) {
            long j = javaMemory(instances, flags, dir);
            table.add("| JVM flags: `" + String.join(" ", flags) + "`" + (flags == LAUNCHER_FLAGS ? " (bin/keepalived-j)"
                    : "") + " | " + ka / 1024 + " MB | " + j / 1024 + " MB | "
                    + String.format("%.1fx", (double) j / ka) + " |");
        }
        table.forEach(System.out::println);
    }

    /** When the master dies after its advert: 10% of the interval, so the theory is MDI - 0.1 interval. */
    static long phaseMillis(Segment segment) {
        return segment.intervalCentis() * 10L / 10;
    }

    private static String summary(List<Long> millis) {
        return median(millis) + " ms (" + Collections.min(millis) + "–" + Collections.max(millis) + ")";
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Failover times in milliseconds for {@code rounds} crashes of the master. */
    private static List<Long> failovers(Segment segment, boolean java, int rounds, Path dir) throws Exception {
        List<Long> times = new ArrayList<>();
        try (Lan lan = Lan.create(2); VipWatch vips = new VipWatch(lan.nodes)) {
            Restartable one = restartable(lan, 1, java, segment, 150, dir);
            Restartable two = restartable(lan, 2, java, segment, 100, dir);
            try {
                one.start();
                two.start();
                for (int round = 0; round < rounds; round++) {
                    vips.awaitSole(segment.vip(), 1, 3 * segment.masterDownMillis() + 5000);
                    VipWatch.sleep(500);
                    try (Pinger ping = Pinger.start(lan.client, segment.vip());
                         AdvertSniffer adverts = AdvertSniffer.open(lan.client)) {
                        VipWatch.sleep(100);
                        adverts.awaitAdvert(Segment.VRID, 150, 5000);
                        VipWatch.sleep(phaseMillis(segment));
                        lan.unplug(1);
                        // The port is down once the command returns: from here only the backup can answer
                        // (allow 2 ms for replies already in flight).
                        long dead = System.currentTimeMillis();
                        one.kill();
                        times.add(ping.firstReplyAfter(dead + 2, 20_000) - dead);
                    }
                    lan.plug(1);
                    one.start();
                }
            } finally {
                one.stop();
                two.stop();
            }
        }
        return times;
    }

    /** A router that can be started again after a kill, of either implementation. */
    private interface Restartable {
        void start();

        void kill();

        void stop();
    }

    /** bin/keepalived-j's JVM flags, so the benchmark measures what users run. */
    static final List<String> LAUNCHER_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmn4m",
            "-XX:-UsePerfData", "-Xshare:auto");

    private static Restartable restartable(Lan lan, int router, boolean java, Segment segment, int priority,
                                           Path dir) {
        VrrpConfig config = RouterMain.config(segment, router, 2, priority, 1);
        Router r = java ? new CliRouter(lan.node(router), dir.resolve("j-router" + router), LAUNCHER_FLAGS)
                : new KeepalivedRouter(lan.node(router), dir.resolve("k-router" + router));
        return new Restartable() {
            public void start() {
                r.start(config);
            }

            public void kill() {
                r.kill();
            }

            public void stop() {
                if (r.running()) {
                    r.stop();
                }
            }
        };
    }

    private static long keepalivedMemory(int instances, Path dir) throws IOException {
        Segment segment = new Segment(2, false, false, 100);
        try (Lan lan = Lan.create(1)) {
            KeepalivedRouter r = new KeepalivedRouter(lan.node(1), dir.resolve("k-memory"));
            r.start(RouterMain.config(segment, 1, 1, 150, instances));
            try {
                VipWatch.sleep(10_000);
                long parent = Long.parseLong(Files.readString(dir.resolve("k-memory/keepalived.pid")).trim());
                long child = Long.parseLong(Files.readString(dir.resolve("k-memory/vrrp.pid")).trim());
                return rssKb(parent) + rssKb(child);
            } finally {
                r.stop();
            }
        }
    }

    private static long javaMemory(int instances, List<String> flags, Path dir) {
        Segment segment = new Segment(2, false, false, 100);
        try (Lan lan = Lan.create(1)) {
            CliRouter r = new CliRouter(lan.node(1), dir.resolve("j-memory"), flags);
            r.start(RouterMain.config(segment, 1, 1, 150, instances));
            try {
                VipWatch.sleep(10_000);
                return rssKb(r.pid());
            } finally {
                r.stop();
            }
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Rss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("no Rss in smaps_rollup of " + pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ping -D -i 0.005} from the client, collecting reply times (Unix milliseconds). */
    private static final class Pinger implements AutoCloseable {
        private final Process process;
        private final List<Long> replies = new CopyOnWriteArrayList<>();

        private Pinger(Process process) {
            this.process = process;
            Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.US_ASCII))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("[") && line.contains("bytes from")) {
                            double seconds = Double.parseDouble(line.substring(1, line.indexOf(']')));
                            replies.add((long) (seconds * 1000));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the pinger was closed
                }
            });
        }

        static Pinger start(String namespace, java.net.InetAddress vip) throws IOException {
            return new Pinger(new ProcessBuilder("ip", "netns", "exec", namespace, "stdbuf", "-oL", "ping", "-n", "-D",
                    "-i", "0.005",
                    vip.getHostAddress()).redirectErrorStream(true).start());
        }

        long firstReplyAfter(long millis, long timeoutMillis) {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (System.currentTimeMillis() < deadline) {
                for (long t : replies) {
                    if (t >= millis) {
                        return t;
                    }
                }
                VipWatch.sleep(2);
            }
            throw new AssertionError("no reply from the VIP within " + timeoutMillis + " ms");
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
