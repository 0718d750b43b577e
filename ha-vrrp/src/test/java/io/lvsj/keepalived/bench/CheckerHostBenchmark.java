package io.lvsj.keepalived.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: keepalived-j's checker alone on the host, natively (no emulator), with IPVS kept
 * in memory because the host kernel has none: CPU, memory and checks per second for N TCP real
 * servers at delay_loop 1 s. keepalived cannot run there (its checker exits without IPVS), so
 * this row has no keepalived beside it; {@link CheckerBenchmark} compares the two in the lab.
 *
 *   CheckerHostBenchmark ACCEPT_SERVER_BINARY CLASSPATH N...
 */
public final class CheckerHostBenchmark {
    static final String DIRECTOR = "ck-hbench-d";
    static final String SERVERS = "ck-hbench-s";
    static final Path COUNT = Path.of("/run/ck-hbench-accepts");

    private CheckerHostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String acceptServer = args[0];
        String classpath = args[1];
        List<Integer> sizes = Arrays.stream(args).skip(2).map(Integer::parseInt).toList();
        for (String ns : List.of(DIRECTOR, SERVERS)) {
            CheckerBenchmark.run("ip", "netns", "add", ns);
            CheckerBenchmark.run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        Process server = null;
        try {
            CheckerBenchmark.run("ip", "link", "add", "ck-hb0", "netns", DIRECTOR, "type", "veth", "peer", "name",
                    "ck-hb1", "netns", SERVERS);
            CheckerBenchmark.run("ip", "-n", DIRECTOR, "link", "set", "ck-hb0", "up");
            CheckerBenchmark.run("ip", "-n", SERVERS, "link", "set", "ck-hb1", "up");
            CheckerBenchmark.run("ip", "-n", DIRECTOR, "addr", "add", "10.199.0.1/30", "dev", "ck-hb0");
            CheckerBenchmark.run("ip", "-n", SERVERS, "addr", "add", "10.199.0.2/30", "dev", "ck-hb1");
            CheckerBenchmark.run("ip", "-n", DIRECTOR, "route", "add", "10.200.0.0/16", "via", "10.199.0.2");
            CheckerBenchmark.run("ip", "-n", SERVERS, "route", "add", "local", "10.200.0.0/16", "dev", "lo");
            server = new ProcessBuilder("ip", "netns", "exec", SERVERS, acceptServer, "80", COUNT.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            System.out.println("| real servers | CPU (cores) | RSS | checks/s made (of N/s) |");
            System.out.println("|---|---|---|---|");
            for (int n : sizes) {
                measure(n, classpath);
            }
        } finally {
            if (server != null) {
                server.destroy();
            }
            CheckerBenchmark.run("ip", "netns", "delete", DIRECTOR);
            CheckerBenchmark.run("ip", "netns", "delete", SERVERS);
        }
    }

    static void measure(int n, String classpath) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("ip", "netns", "exec", DIRECTOR, java, "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-Xmx256m", "-cp", classpath, CheckerProcess.class.getName(), Integer.toString(n),
                "--in-memory-ipvs").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(CheckerBenchmark.WARMUP_SECONDS));
            List<Long> pids = List.of(p.pid());
            long cpu0 = CheckerBenchmark.cpuTicks(pids);
            long a0 = Long.parseLong(Files.readString(COUNT).trim());
            long t0 = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(CheckerBenchmark.MEASURE_SECONDS));
            long cpu1 = CheckerBenchmark.cpuTicks(pids);
            long a1 = Long.parseLong(Files.readString(COUNT).trim());
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("| %,d | %.3f | %.1f MB | %,.0f |%n", n, (cpu1 - cpu0) / 100.0 / seconds,
                    CheckerBenchmark.rssKb(pids) / 1024.0, (a1 - a0) / seconds);
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
