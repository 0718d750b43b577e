package io.lvsj.bench;

import io.lvsj.ipvs.CommandFailure;
import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.IpvsClient;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.lab.Command;
import io.lvsj.sys.NetNamespace;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: a benchmark run inside the lab by {@code bench/ipvs-netlink-batch}. Adds the
 * same table (S services x D destinations) with {@code ipvsadm -R} and with
 * {@link IpvsClient#executeAll}, each into a fresh network namespace, several rounds, checks
 * both produced the same {@code ipvsadm -Sn}, and prints a markdown table with the ratio.
 */
public final class BatchBenchmark {
    private BatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int destinations = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;

        List<IpvsCommand> commands = table(services, destinations);
        Path restoreInput = Files.createTempFile("lvsj-bench", ".ipvsadm");
        Files.writeString(restoreInput, restoreText(services, destinations));

        // One unmeasured Java round first: the JIT, not the kernel, dominates a cold first call.
        timeBatch(commands, "bench-warm");

        long[] ipvsadm = new long[rounds];
        long[] batch = new long[rounds];
        String ipvsadmTable = null;
        String batchTable = null;
        for (int r = 0; r < rounds; r++) {
            String ns = "bench-ipvsadm-" + r;
            newNamespace(ns);
            long start = System.nanoTime();
            run("sh", "-c", "ip netns exec " + ns + " ipvsadm -R < " + restoreInput);
            ipvsadm[r] = System.nanoTime() - start;
            ipvsadmTable = run("ip", "netns", "exec", ns, "ipvsadm", "-Sn");
            run("ip", "netns", "delete", ns);

            String bns = "bench-batch-" + r;
            batch[r] = timeBatch(commands, bns);
            batchTable = run("ip", "netns", "exec", bns, "ipvsadm", "-Sn");
            run("ip", "netns", "delete", bns);
        }
        if (!ipvsadmTable.equals(batchTable)) {
            throw new IllegalStateException("the two tables differ");
        }
        long lines = ipvsadmTable.lines().count();
        long medianIpvsadm = median(ipvsadm);
        long medianBatch = median(batch);
        System.out.printf("| operation | ipvsadm 1.31 | ipvs-netlink batch | ratio |%n");
        System.out.printf("|---|---|---|---|%n");
        System.out.printf("| add %,d services x %d destinations (%,d requests; median of %d) | %.2f s (`ipvsadm -R`) | %.3f s (`IpvsClient.executeAll`) | **%.1fx** faster |%n",
                services, destinations, lines, rounds, medianIpvsadm / 1e9, medianBatch / 1e9,
                (double) medianIpvsadm / medianBatch);
        System.out.printf("%nrounds: ipvsadm %s ms; batch %s ms; %,d requests = %.1f us each in the batch%n",
                millis(ipvsadm), millis(batch), lines, medianBatch / 1e3 / lines);
        Files.delete(restoreInput);
    }

    /**
     * A namespace with loopback up: with it down the kernel has no route for anything, and
     * refuses NAT destinations as "not unicast" (EINVAL).
     */
    private static void newNamespace(String ns) throws IOException, InterruptedException {
        run("ip", "netns", "add", ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
    }

    private static long timeBatch(List<IpvsCommand> commands, String ns) throws IOException, InterruptedException {
        newNamespace(ns);
        long start = System.nanoTime();
        try (IpvsClient ipvs = IpvsClient.open(NetNamespace.named(ns))) {
            List<CommandFailure> failures = ipvs.executeAll(commands);
            if (!failures.isEmpty()) {
                throw new IllegalStateException("batch failed: " + failures.getFirst());
            }
        }
        long elapsed = System.nanoTime() - start;
        if (ns.equals("bench-warm")) {
            run("ip", "netns", "delete", ns);
        }
        return elapsed;
    }

    static String vip(int i) {
        return "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
    }

    static String rip(int i, int d) {
        return "172.16." + (d + 1) + "." + (i % 250 + 1);
    }

    static List<IpvsCommand> table(int services, int destinations) throws IOException {
        List<IpvsCommand> out = new ArrayList<>(services * (destinations + 1));
        for (int i = 0; i < services; i++) {
            ServiceKey key = ServiceKey.tcp(InetAddress.getByName(vip(i)), 80);
            out.add(new IpvsCommand.AddService(Service.of(key, "wlc")));
            for (int d = 0; d < destinations; d++) {
                out.add(new IpvsCommand.AddDestination(key,
                        Destination.of(InetAddress.getByName(rip(i, d)), 8080, ForwardingMethod.MASQ)));
            }
        }
        return out;
    }

    static String restoreText(int services, int destinations) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < services; i++) {
            sb.append("-A -t ").append(vip(i)).append(":80 -s wlc\n");
            for (int d = 0; d < destinations; d++) {
                sb.append("-a -t ").append(vip(i)).append(":80 -r ").append(rip(i, d)).append(":8080 -m -w 1\n");
            }
        }
        return sb.toString();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String millis(long[] values) {
        return Arrays.toString(Arrays.stream(values).map(v -> v / 1_000_000).toArray());
    }

    /** Runs {@code argv} to its end (half an hour at most); its output, or the benchmark fails. */
    static String run(String... argv) {
        Command.Result r = Command.run(List.of(argv), "", Duration.ofMinutes(30));
        if (r.status() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + r.stdout() + r.stderr());
        }
        return r.stdout();
    }
}
