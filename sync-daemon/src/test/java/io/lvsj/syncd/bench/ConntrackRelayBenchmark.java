package io.lvsj.syncd.bench;

import io.lvsj.ctnl.Conntrack;
import io.lvsj.ctnl.ConntrackClient;
import io.lvsj.ctnl.ConntrackTuple;
import io.lvsj.ctnl.NewConntrack;
import io.lvsj.syncd.cluster.ClusterKey;
import io.lvsj.syncd.cluster.ClusterSettings;
import io.lvsj.syncd.cluster.SyncCluster;
import io.lvsj.syncd.cluster.Transport;
import io.lvsj.syncd.daemon.ConntrackSide;
import io.lvsj.syncd.daemon.ConntrackStatus;
import io.lvsj.syncd.daemon.Counters;
import io.lvsj.syncd.daemon.FullNatConntrack;
import io.lvsj.syncd.daemon.Relay;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark (not a test), run by {@code bench/lvs-syncd-conntrack} in two network namespaces
 * on the host (whose kernel has conntrack; FullNAT's conntrack side needs no IPVS): how fast
 * lvs-syncd's conntrack relay carries a master kernel's FullNAT entries into a backup kernel,
 * and what an entry costs in its table. The relay, cluster, conntrack side and table are
 * lvs-syncd's own; only the IPVS side is left out.
 *
 * <pre>
 *   relay NODE BIND PEER KEYFILE ENTRIES   joins; the taker (NODE "taker") reports when ENTRIES
 *                                          reached its table and its kernel, and the heap they take
 *   memory ENTRIES                         heap per entry of the relay's table holding ENTRIES (no kernel)
 *   generate ENTRIES [RATE]                creates ENTRIES FullNAT entries in this namespace's kernel,
 *                                          RATE a second (evenly paced, in batches of 100), or as fast as it can
 * </pre>
 */
public final class ConntrackRelayBenchmark {
    static final InetAddress VIP = InetAddress.ofLiteral("203.0.113.10");
    static final InetAddress LIP = InetAddress.ofLiteral("198.51.100.50");

    private ConntrackRelayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("memory")) {
            memory(Integer.parseInt(args[1]));
        } else if (args[0].equals("generate")) {
            generate(Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 0);
        } else {
            relay(args[1], args[2], args[3], Path.of(args[4]), Integer.parseInt(args[5]));
        }
    }

    /**
     * Entry {@code i}: a client in 198.18.0.0/15 (the benchmarking range) through the VIP to
     * one of several real servers, source NAT to the LIP: 60,000 source ports per real server,
     * as the port budget of a (LIP, real server) pair allows.
     */
    static NewConntrack entry(int i) {
        InetAddress client = InetAddress.ofLiteral("198." + (18 + ((i >>> 24) & 1)) + "." + ((i >>> 16) & 0xff) + "."
                + ((i >>> 8) & 0xff));
        int port = 1024 + (i & 0xff);
        InetAddress realServer = InetAddress.ofLiteral("198.51.100." + (11 + i / 60000));
        return new NewConntrack(new ConntrackTuple(6, client, port, VIP, 80),
                new ConntrackTuple(6, realServer, 8080, client, port),
                new NewConntrack.SourceNat(LIP, 1024 + i % 60000), Conntrack.SEEN_REPLY | Conntrack.ASSURED, 432000, 0, 0,
                Conntrack.TCP_ESTABLISHED);
    }

    /** The table as lvs-syncd keeps it, filled from the cluster's side (records as they arrive), and its heap. */
    static void memory(int n) throws InterruptedException {
        Relay relay = new Relay(4_000_000, new Counters(), () -> 1_000_000);
        List<byte[]> records = new ArrayList<>(1000);
        long before = heapAfterGc();
        for (int i = 0; i < n; i++) {
            NewConntrack e = entry(i);
            records.add(io.lvsj.syncd.wire.ConntrackRecord.encode(io.lvsj.syncd.wire.ConntrackRecord.UPDATE, 6, 3, 0,
                    0x19e, 432000, 0, new InetAddress[]{e.original().source(), VIP, e.reply().source(), LIP},
                    new int[]{e.original().sourcePort(), 80, 8080, e.sourceNat().port()}));
            if (records.size() == 1000) {
                relay.conntrack().received("bench", records);
                records = new ArrayList<>(1000);
            }
        }
        relay.conntrack().received("bench", records);
        long after = heapAfterGc();
        System.out.printf("memory %d bytes per entry (%d MB for %d entries in the table)%n",
                (after - before) / relay.conntrack().size(), (after - before) >> 20, relay.conntrack().size());
    }

    static void generate(int n, int rate) throws InterruptedException {
        try (ConntrackClient client = ConntrackClient.open(null)) {
            long start = System.currentTimeMillis();
            System.out.println("start " + start);
            int size = rate > 0 ? 100 : 1000;
            List<NewConntrack> batch = new ArrayList<>(size);
            int refused = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                batch.add(entry(i));
                if (batch.size() == size || i == n - 1) {
                    if (rate > 0) {
                        long due = t0 + (long) (i + 1 - batch.size()) * 1_000_000_000L / rate;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    ConntrackClient.Put put = client.put(batch, false);
                    refused += put.failures().size() + put.existed();
                    batch.clear();
                }
            }
            long end = System.currentTimeMillis();
            System.out.println("generated " + end + " (" + n + " entries in " + (end - start) + " ms, " + refused
                    + " refused)");
        }
    }

    static void relay(String node, String bind, String peer, Path key, int n) throws Exception {
        long clock0 = System.nanoTime();
        Counters counters = new Counters();
        Relay relay = new Relay(4_000_000, counters, () -> (System.nanoTime() - clock0) / 1_000_000 + 1_000_000);
        FullNatConntrack fullNat = new FullNatConntrack(List.of(new FullNatConntrack.Service(6, VIP, 80)), List.of(LIP));
        relay.conntrack().filter(fullNat.filter());
        ConntrackSide side = ConntrackSide.open(relay.conntrack());
        ClusterSettings settings = new ClusterSettings("lvs-syncd-ct-bench", node, Transport.TCP,
                InetAddress.ofLiteral(bind), 7850, InetAddress.ofLiteral("239.8.8.53"), 45853, 1,
                List.of(new InetSocketAddress(InetAddress.ofLiteral(bind), 7850),
                        new InetSocketAddress(InetAddress.ofLiteral(peer), 7850)),
                ClusterKey.read(key), Duration.ofSeconds(120));
        SyncCluster cluster = SyncCluster.join(settings, relay);
        relay.conntrack().outbox(cluster::sendConntrack);
        side.start((System.nanoTime() - clock0) / 1_000_000 + 1_000_000);
        System.out.println(node + " ready");
        if (!node.equals("taker")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        long before = heapAfterGc();
        long table = 0;
        long kernel = 0;
        long deadline = System.currentTimeMillis() + 180_000;
        while ((table == 0 || kernel == 0) && System.currentTimeMillis() < deadline) {
            ConntrackStatus s = counters.conntrack("bench", relay.conntrack().size());
            if (table == 0 && s.entries() >= n) {
                table = System.currentTimeMillis();
                System.out.println("table " + table);
            }
            if (kernel == 0 && s.created() >= n) {
                kernel = System.currentTimeMillis();
                System.out.println("kernel " + kernel);
            }
            Thread.sleep(5);
        }
        long after = heapAfterGc();
        ConntrackStatus s = counters.conntrack("bench", relay.conntrack().size());
        System.out.printf("heap %d bytes per entry (%d MB for %d entries); created %d, updated %d, refused %d,"
                        + " overruns %d%n", (after - before) / Math.max(1, s.entries()), (after - before) >> 20, s.entries(),
                s.created(), s.updated(), s.refused(), s.overruns());
        cluster.close();
        side.close();
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
