package io.lvsj.keepalived.bench;

import io.lvsj.ipvs.IpvsClient;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.lab.Command;
import io.lvsj.sys.NetNamespace;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: the benchmark {@code bench/keepalived-j-checkers} runs inside the lab. For each
 * size it runs Debian's keepalived ({@code -C}) and keepalived-j's checker process with the
 * same N TCP real servers at delay_loop 1 s, and measures, after a warm-up: CPU seconds per
 * second, resident memory, checks per second actually made (counted by the servers), and how
 * long a server that starts dropping packets (or refusing) stays in IPVS. Prints a markdown
 * table with the ratios.
 *
 *   CheckerBenchmark ACCEPT_SERVER_BINARY CLASSPATH N...
 */
public final class CheckerBenchmark {
    static final String DIRECTOR = "ck-bench-d";
    static final String SERVERS = "ck-bench-s";
    static final Path COUNT = Path.of("/run/ck-bench-accepts");
    static final int WARMUP_SECONDS = 20;
    static final int MEASURE_SECONDS = 30;
    static final int DETECTIONS = 3;

    private CheckerBenchmark() {
    }

    record Figures(String tool, int n, double cpuPerSecond, long rssKb, double checksPerSecond,
                   double dropDetection, double resetDetection) {
    }

    public static void main(String[] args) throws Exception {
        String acceptServer = args[0];
        String classpath = args[1];
        List<Integer> sizes = Arrays.stream(args).skip(2).map(Integer::parseInt).toList();
        setUp(acceptServer);
        List<Figures> results = new ArrayList<>();
        try {
            for (int n : sizes) {
                results.add(measure("keepalived 2.2.7", n, keepalived(n)));
                System.out.println(results.getLast());
                results.add(measure("keepalived-j", n, keepalivedJ(n, classpath)));
                System.out.println(results.getLast());
            }
        } finally {
            run("ip", "netns", "delete", DIRECTOR);
            run("ip", "netns", "delete", SERVERS);
        }
        print(results);
    }

    static void setUp(String acceptServer) throws Exception {
        for (String m : List.of("ip_tables", "iptable_filter", "nf_reject_ipv4", "ipt_REJECT")) {
            run("/run/lvsj-modprobe", m);
        }
        for (String ns : List.of(DIRECTOR, SERVERS)) {
            run("ip", "netns", "add", ns);
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        run("ip", "link", "add", "eth0", "netns", DIRECTOR, "type", "veth", "peer", "name", "eth0", "netns", SERVERS);
        run("ip", "-n", DIRECTOR, "link", "set", "eth0", "up");
        run("ip", "-n", SERVERS, "link", "set", "eth0", "up");
        run("ip", "-n", DIRECTOR, "addr", "add", "10.199.0.1/30", "dev", "eth0");
        run("ip", "-n", SERVERS, "addr", "add", "10.199.0.2/30", "dev", "eth0");
        run("ip", "-n", DIRECTOR, "route", "add", "10.200.0.0/16", "via", "10.199.0.2");
        // every address of 10.200.0.0/16 is local to the server namespace: one listener serves them all
        run("ip", "-n", SERVERS, "route", "add", "local", "10.200.0.0/16", "dev", "lo");
        new ProcessBuilder("ip", "netns", "exec", SERVERS, acceptServer, "80", COUNT.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(500);
    }

    /** A checker process under test: how to start it, and its pids once running. */
    interface Tool {
        Process start() throws IOException;

        List<Long> pids(Process p) throws IOException;
    }

    static Tool keepalived(int n) throws IOException {
        Path conf = Files.createTempFile("ck-bench", ".conf");
        StringBuilder sb = new StringBuilder("global_defs {\n  router_id bench\n}\n"
                + "virtual_server 203.0.113.10 80 {\n  delay_loop 1\n  lb_algo rr\n  lb_kind NAT\n  protocol TCP\n");
        for (int i = 0; i < n; i++) {
            sb.append("  real_server 10.200.").append(i / 250).append('.').append(i % 250 + 1).append(" 80 {\n")
                    .append("    TCP_CHECK {\n      connect_timeout 1\n      retry 1\n      delay_before_retry 1\n    }\n  }\n");
        }
        sb.append("}\n");
        Files.writeString(conf, sb);
        return new Tool() {
            @Override
            public Process start() throws IOException {
                return new ProcessBuilder("ip", "netns", "exec", DIRECTOR, "keepalived", "-C", "-n", "-f", conf.toString(),
                        "-p", "/run/ck-bench.pid", "-c", "/run/ck-bench-checkers.pid")
                        .redirectErrorStream(true).redirectOutput(Path.of("target/bench/keepalived-" + n + ".log").toFile())
                        .start();
            }

            @Override
            public List<Long> pids(Process p) throws IOException {
                return List.of(Long.parseLong(Files.readString(Path.of("/run/ck-bench.pid")).trim()),
                        Long.parseLong(Files.readString(Path.of("/run/ck-bench-checkers.pid")).trim()));
            }
        };
    }

    static Tool keepalivedJ(int n, String classpath) {
        return new Tool() {
            @Override
            public Process start() throws IOException {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                return new ProcessBuilder("ip", "netns", "exec", DIRECTOR, java, "--enable-native-access=ALL-UNNAMED",
                        "-XX:+UseSerialGC", "-Xmx256m", "-cp", classpath, CheckerProcess.class.getName(),
                        Integer.toString(n))
                        .redirectErrorStream(true).redirectOutput(Path.of("target/bench/keepalived-j-" + n + ".log").toFile())
                        .start();
            }

            @Override
            public List<Long> pids(Process p) {
                // ip netns exec execs the JVM in its own process
                return List.of(p.pid());
            }
        };
    }

    static Figures measure(String name, int n, Tool tool) throws Exception {
        ServiceKey vs = ServiceKey.tcp(InetAddress.getByName("203.0.113.10"), 80);
        Process p = tool.start();
        try (IpvsClient ipvs = IpvsClient.open(NetNamespace.named(DIRECTOR))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (ipvs.destinations(vs).size() < n) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new IllegalStateException(name + " did not set up " + n + " real servers");
                }
                Thread.sleep(200);
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(WARMUP_SECONDS));
            List<Long> pids = tool.pids(p);
            long cpu0 = cpuTicks(pids);
            long accepts0 = accepts();
            long t0 = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(MEASURE_SECONDS));
            long cpu1 = cpuTicks(pids);
            long accepts1 = accepts();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long rss = rssKb(pids);
            double drop = detection(ipvs, vs, n, "DROP");
            double reset = detection(ipvs, vs, n, "REJECT");
            return new Figures(name, n, (cpu1 - cpu0) / 100.0 / seconds, rss, (accepts1 - accepts0) / seconds, drop,
                    reset);
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            run("ip", "netns", "exec", DIRECTOR, "ipvsadm", "-C");
        }
    }

    /** Median seconds from a server going bad (its packets dropped or refused) to its leaving IPVS. */
    static double detection(IpvsClient ipvs, ServiceKey vs, int n, String target) throws Exception {
        double[] took = new double[DETECTIONS];
        for (int k = 0; k < DETECTIONS; k++) {
            int index = (k * 7919 + 13) % n;
            InetAddress a = CheckerProcess.realServer(index);
            List<String> rule = new ArrayList<>(List.of("INPUT", "-d", a.getHostAddress(), "-p", "tcp", "--dport", "80",
                    "-j", target));
            if (target.equals("REJECT")) {
                rule.addAll(List.of("--reject-with", "tcp-reset"));
            }
            iptables("-A", rule);
            long start = System.nanoTime();
            took[k] = Double.POSITIVE_INFINITY; // not removed within a minute
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)) {
                if (!present(ipvs, vs, a)) {
                    took[k] = (System.nanoTime() - start) / 1e9;
                    break;
                }
                Thread.sleep(20);
            }
            iptables("-D", rule);
            long back = System.nanoTime();
            while (!present(ipvs, vs, a) && System.nanoTime() - back < TimeUnit.SECONDS.toNanos(60)) {
                Thread.sleep(50);
            }
        }
        Arrays.sort(took);
        return took[DETECTIONS / 2];
    }

    static boolean present(IpvsClient ipvs, ServiceKey vs, InetAddress a) {
        return ipvs.destinations(vs).stream().anyMatch(d -> d.destination().address().equals(a));
    }

    static void iptables(String op, List<String> rule) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", SERVERS, "iptables-legacy", op));
        argv.addAll(rule);
        run(argv.toArray(String[]::new));
    }

    static long accepts() throws IOException {
        return Long.parseLong(Files.readString(COUNT).trim());
    }

    static long cpuTicks(List<Long> pids) throws IOException {
        long sum = 0;
        for (long pid : pids) {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        }
        return sum;
    }

    static long rssKb(List<Long> pids) throws IOException {
        long sum = 0;
        for (long pid : pids) {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    sum += Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        return sum;
    }

    static String run(String... argv) {
        Command.Result r = Command.run(argv);
        if (r.status() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + r.output());
        }
        return r.output();
    }

    static void print(List<Figures> results) {
        System.out.println();
        System.out.println("| real servers | checker | CPU (cores) | RSS | checks/s made (of N/s) | dead server removed after: dropped | refused |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Figures f : results) {
            System.out.printf("| %,d | %s | %.3f | %.1f MB | %,.0f | %.2f s | %.2f s |%n", f.n(), f.tool(),
                    f.cpuPerSecond(), f.rssKb() / 1024.0, f.checksPerSecond(), f.dropDetection(), f.resetDetection());
        }
        for (int i = 0; i + 1 < results.size(); i += 2) {
            Figures k = results.get(i);
            Figures j = results.get(i + 1);
            System.out.printf("%,d servers: keepalived-j uses %.2fx keepalived's CPU and %.1fx its memory%n", k.n(),
                    j.cpuPerSecond() / k.cpuPerSecond(), (double) j.rssKb() / k.rssKb());
        }
    }
}
