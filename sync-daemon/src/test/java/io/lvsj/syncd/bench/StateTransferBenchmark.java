package io.lvsj.syncd.bench;

import io.lvsj.syncd.cluster.ClusterKey;
import io.lvsj.syncd.cluster.ClusterSettings;
import io.lvsj.syncd.cluster.SyncCluster;
import io.lvsj.syncd.cluster.Transport;
import io.lvsj.syncd.daemon.Counters;
import io.lvsj.syncd.daemon.Relay;
import io.lvsj.syncd.wire.ConnectionFlags;
import io.lvsj.syncd.wire.SyncConnection;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark (not a test), run by {@code bench/lvs-syncd-state-transfer}: the state transfer a
 * director that joins late gets, between two JVMs in two network namespaces, through the same
 * Relay, sealed stack and table as lvs-syncd. The kernel side is left out (the host has no
 * IPVS); injection is measured by the lab benchmark.
 *
 * <pre>
 *   give CONNECTIONS BIND PEER KEYFILE TRANSPORT   fills a table, joins, serves joiners until killed
 *   take BIND PEER KEYFILE TRANSPORT               joins, times the transfer, prints heap after it
 * </pre>
 */
public final class StateTransferBenchmark {
    private StateTransferBenchmark() {
    }

    static ClusterSettings settings(String node, String bind, String peer, Path key, String transport) throws Exception {
        Transport t = Transport.valueOf(transport.toUpperCase(java.util.Locale.ROOT));
        return new ClusterSettings("lvs-syncd-bench", node, t, InetAddress.ofLiteral(bind), 7850,
                InetAddress.ofLiteral("239.8.8.52"), 45852, 1,
                List.of(new InetSocketAddress(InetAddress.ofLiteral(bind), 7850),
                        new InetSocketAddress(InetAddress.ofLiteral(peer), 7850)),
                ClusterKey.read(key), Duration.ofSeconds(120));
    }

    public static void main(String[] args) throws Exception {
        long clock0 = System.nanoTime();
        Relay relay = new Relay(4_000_000, new Counters(), () -> (System.nanoTime() - clock0) / 1_000_000 + 1_000_000);
        if (args[0].equals("give")) {
            int n = Integer.parseInt(args[1]);
            List<byte[]> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batch.add(connection(i).encode());
                if (batch.size() == 255) {
                    relay.received("bench", 0, batch);
                    batch = new ArrayList<>();
                }
            }
            relay.received("bench", 0, batch);
            SyncCluster cluster = SyncCluster.join(settings("giver", args[2], args[3], Path.of(args[4]), args[5]), relay);
            System.out.println("giver ready: " + relay.size() + " connections");
            Thread.sleep(Long.MAX_VALUE);
            cluster.close();
        } else {
            long start = System.nanoTime();
            SyncCluster cluster = SyncCluster.join(settings("taker", args[1], args[2], Path.of(args[3]), args[4]), relay);
            long millis = (System.nanoTime() - start) / 1_000_000;
            int size = relay.size();
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long max = Runtime.getRuntime().maxMemory();
            System.out.printf("received %d connections in %d ms (join and state transfer); heap after GC %d MB"
                    + " of %d MB max%n", size, millis, used >> 20, max >> 20);
            cluster.close();
        }
    }

    /** Connection {@code i}: an established NAT connection from 198.18.0.0/15 (the benchmarking range). */
    static SyncConnection connection(int i) {
        byte[] client = {(byte) 198, (byte) (18 + ((i >>> 24) & 1)), (byte) (i >>> 16), (byte) (i >>> 8)};
        try {
            return SyncConnection.of(6, ConnectionFlags.MASQ, 1, InetAddress.getByAddress(client), 1024 + (i & 0xff) * 200,
                    InetAddress.ofLiteral("192.0.2.10"), 80, InetAddress.ofLiteral("198.51.100." + (11 + i % 4)), 80,
                    0, 900);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
