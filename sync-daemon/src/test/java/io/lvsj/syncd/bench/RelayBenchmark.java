package io.lvsj.syncd.bench;

import io.lvsj.sys.NetNamespace;
import io.lvsj.lab.LabNamespace;
import io.lvsj.syncd.cluster.ClusterKey;
import io.lvsj.syncd.lab.Syncd;
import io.lvsj.syncd.wire.ConnectionFlags;
import io.lvsj.syncd.wire.Decoded;
import io.lvsj.syncd.wire.SyncConnection;
import io.lvsj.syncd.wire.SyncDatagram;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark (not a test), run inside the kernel lab by {@code bench/lvs-syncd-relay}: what
 * lvs-syncd costs between a master kernel and a backup kernel, against the kernel-to-kernel
 * sync in the same run.
 * <ul>
 *   <li>Path "kernel": sync datagrams multicast out of km's eth0 straight to kb's backup daemon,
 *       as a master kernel on the same segment sends them.</li>
 *   <li>Path "lvs-syncd": the same datagrams out of m's lvsync0, where m's master kernel daemon
 *       sends them; m's lvs-syncd hears them, relays them over the cluster (TCP, sealed) to b's
 *       lvs-syncd, which injects them into b's backup daemon.</li>
 * </ul>
 * Latency: one record at a time, from its send to its arrival at the backup daemon's
 * interface (a socket there hears what the daemon hears). Throughput: each offered rate for a
 * few seconds, in datagrams of 40 records, evenly paced; how much of it the backup kernel
 * took. The steady throughput is the highest rate of which 99% arrived.
 */
public final class RelayBenchmark {
    static final InetSocketAddress GROUP = new InetSocketAddress(InetAddress.ofLiteral("224.0.0.81"), 8848);

    private RelayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int[] rates = args.length > 2 ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {2500, 5000, 10000, 20000, 40000};
        Path dir = Files.createTempDirectory("lvs-syncd-bench");
        Path key = dir.resolve("cluster.key");
        ClusterKey.generate().write(key);
        List<LabNamespace> all = new ArrayList<>();
        List<Syncd> daemons = new ArrayList<>();
        try {
            LabNamespace m = LabNamespace.create("rb-m");
            LabNamespace b = LabNamespace.create("rb-b");
            LabNamespace km = LabNamespace.create("rb-km");
            LabNamespace kb = LabNamespace.create("rb-kb");
            all.addAll(List.of(m, b, km, kb));
            pair(m, b, "198.51.100");
            pair(km, kb, "203.0.113");
            for (LabNamespace d : List.of(b, kb)) {
                d.ipvsadm("-A", "-t", "192.0.2.10:80", "-s", "rr").requireSuccess();
                d.ipvsadm("-a", "-t", "192.0.2.10:80", "-r", "198.51.100.11:80", "-m").requireSuccess();
            }
            kb.ipvsadm("--start-daemon", "backup", "--mcast-interface", "eth0").requireSuccess();
            String tcp = "transport tcp\npeer 198.51.100.1\npeer 198.51.100.2\ncluster bench\n";
            daemons.add(Syncd.start("m", m.name(), dir.resolve("m"), key, tcp + "bind 198.51.100.1\n"));
            daemons.getLast().awaitLog("lvs-syncd ready", Duration.ofSeconds(120));
            daemons.add(Syncd.start("b", b.name(), dir.resolve("b"), key, tcp + "bind 198.51.100.2\n"));
            daemons.getLast().awaitLog("lvs-syncd ready", Duration.ofSeconds(120));

            System.out.printf("lvs-syncd relay benchmark (User-Mode Linux, one CPU; guest load %s)%n",
                    Files.readString(Path.of("/proc/loadavg")).strip());
            long[] kernelLatency = latency(km, "eth0", kb, "eth0", samples, 1);
            long[] relayLatency = latency(m, "lvsync0", b, "lvsync0", samples, 2);
            System.out.println();
            System.out.println("| offered updates/s | kernel to kernel: delivered | lvs-syncd relay: delivered |");
            System.out.println("|---|---|---|");
            int run = 3;
            int port = 1000;
            double kernelBest = 0;
            double relayBest = 0;
            for (int rate : rates) {
                long k = delivered(km, "eth0", kb, rate, seconds, run++, port++);
                long r = delivered(m, "lvsync0", b, rate, seconds, run++, port++);
                int offered = rate * seconds;
                System.out.printf("| %d | %.1f%% | %.1f%% |%n", rate, 100.0 * k / offered, 100.0 * r / offered);
                if (k >= offered * 0.99) {
                    kernelBest = rate;
                }
                if (r >= offered * 0.99) {
                    relayBest = rate;
                }
            }
            System.out.println();
            System.out.println("| path | steady updates/s (99% delivered) | latency p50 | latency p99 |");
            System.out.println("|---|---|---|---|");
            row("kernel to kernel (same segment)", kernelBest, kernelLatency);
            row("lvs-syncd relay (TCP cluster, sealed)", relayBest, relayLatency);
            System.out.printf("%nrelay/kernel steady throughput ratio %.2f; lvs-syncd adds %.2f ms at p50, %.2f ms at p99%n",
                    relayBest / kernelBest, (pct(relayLatency, 50) - pct(kernelLatency, 50)) / 1e6,
                    (pct(relayLatency, 99) - pct(kernelLatency, 99)) / 1e6);
            System.out.println("---- b status\n" + daemons.getLast().status());
        } finally {
            for (Syncd s : daemons) {
                s.close();
            }
            for (LabNamespace ns : all.reversed()) {
                ns.close();
            }
        }
    }

    static void pair(LabNamespace x, LabNamespace y, String net) {
        x.run("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", y.name()).requireSuccess();
        x.run("ip", "addr", "add", net + ".1/24", "dev", "eth0").requireSuccess();
        y.run("ip", "addr", "add", net + ".2/24", "dev", "eth0").requireSuccess();
        for (LabNamespace n : List.of(x, y)) {
            n.run("ip", "link", "set", "eth0", "up").requireSuccess();
        }
    }

    static void row(String path, double rate, long[] latency) {
        System.out.printf("| %s | %.0f | %.2f ms | %.2f ms |%n", path, rate, pct(latency, 50) / 1e6,
                pct(latency, 99) / 1e6);
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /**
     * Record {@code i} of run {@code run}, to virtual port {@code port}: clients from
     * 198.18.0.0/15, the benchmarking range (5 bits of run, 12 of i's high bits, i's low byte in the port).
     */
    static byte[] record(int run, int i, int port) {
        int client = 0xC6120000 + (run << 12) + (i >>> 8);
        try {
            return SyncConnection.of(6, ConnectionFlags.MASQ, 1,
                    InetAddress.getByAddress(java.nio.ByteBuffer.allocate(4).putInt(client).array()), 1024 + (i & 0xff),
                    InetAddress.ofLiteral("192.0.2.10"), port, InetAddress.ofLiteral("198.51.100.11"), 80, 0, 900).encode();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static DatagramChannel sender(LabNamespace ns, String device) {
        return NetNamespace.named(ns.name()).call(() -> {
            DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
            ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName(device));
            ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, false);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            return ch;
        });
    }

    /** A socket that hears the sync group arriving on {@code device}, as the backup daemon there does. */
    static DatagramChannel listener(LabNamespace ns, String device) {
        return NetNamespace.named(ns.name()).call(() -> {
            DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            ch.bind(GROUP);
            ch.join(GROUP.getAddress(), NetworkInterface.getByName(device));
            ch.configureBlocking(true);
            return ch;
        });
    }

    /** Nanoseconds from sending each of {@code samples} one-record datagrams to its arrival, sorted. */
    static long[] latency(LabNamespace from, String out, LabNamespace to, String in, int samples, int run)
            throws IOException {
        try (DatagramChannel send = sender(from, out); DatagramChannel hear = listener(to, in)) {
            hear.socket().setSoTimeout(3000);
            long[] nanos = new long[samples];
            int got = 0;
            byte[] buf = new byte[65536];
            java.net.DatagramPacket packet = new java.net.DatagramPacket(buf, buf.length);
            for (int i = 0; i < samples; i++) {
                byte[] r = record(run, i, 80);
                long t0 = System.nanoTime();
                send.send(ByteBuffer.wrap(SyncDatagram.encode(0, List.of(r), 1472).getFirst()), GROUP);
                try {
                    while (true) {
                        packet.setLength(buf.length);
                        hear.socket().receive(packet);
                        if (SyncDatagram.decode(buf, 0, packet.getLength()) instanceof Decoded.Accepted a
                                && a.records().stream().anyMatch(x -> Arrays.equals(x, r))) {
                            nanos[got++] = System.nanoTime() - t0;
                            break;
                        }
                    }
                } catch (java.net.SocketTimeoutException lost) {
                    System.out.println("a latency sample was lost (" + out + " -> " + in + ")");
                }
            }
            long[] sorted = Arrays.copyOf(nanos, got);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    /**
     * Offers {@code rate} updates a second for {@code seconds} (datagrams of 40 records, evenly
     * paced, as a busy master kernel sends them) to a service of its own on virtual port
     * {@code port}, then waits until the backup kernel stops gaining; returns how many it has
     * (the active connections of that service's destination, which each synced connection adds).
     */
    static long delivered(LabNamespace from, String out, LabNamespace to, int rate, int seconds, int run, int port)
            throws Exception {
        to.ipvsadm("-A", "-t", "192.0.2.10:" + port, "-s", "rr").requireSuccess();
        to.ipvsadm("-a", "-t", "192.0.2.10:" + port, "-r", "198.51.100.11:80", "-m").requireSuccess();
        int updates = rate * seconds;
        List<byte[]> records = new ArrayList<>(updates);
        for (int i = 0; i < updates; i++) {
            records.add(record(run, i, port));
        }
        List<byte[]> datagrams = SyncDatagram.encode(0, records, 1472);
        long interval = 1_000_000_000L * seconds / datagrams.size();
        try (DatagramChannel send = sender(from, out)) {
            long t0 = System.nanoTime();
            for (int k = 0; k < datagrams.size(); k++) {
                long due = t0 + k * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                send.send(ByteBuffer.wrap(datagrams.get(k)), GROUP);
            }
        }
        long have = 0;
        long lastGain = System.nanoTime();
        while (have < updates && System.nanoTime() - lastGain < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(250);
            long now = active(to, port);
            if (now > have) {
                have = now;
                lastGain = System.nanoTime();
            }
        }
        return have;
    }

    static long active(LabNamespace ns, int port) {
        try (io.lvsj.ipvs.IpvsClient ipvs = io.lvsj.ipvs.IpvsClient.open(NetNamespace.named(ns.name()))) {
            return ipvs.destinations(io.lvsj.ipvs.ServiceKey.tcp(InetAddress.ofLiteral("192.0.2.10"), port)).stream()
                    .mapToLong(d -> d.activeConnections()).sum();
        }
    }

}
