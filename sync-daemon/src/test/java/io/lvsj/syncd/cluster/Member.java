package io.lvsj.syncd.cluster;

import io.lvsj.syncd.table.ConnectionTable;
import io.lvsj.syncd.table.TableTransfer;
import io.lvsj.syncd.wire.Decoded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/** A cluster member for tests: a table fed by what it receives, and what it was told. */
final class Member implements SyncCluster.Listener, AutoCloseable {
    final ConnectionTable table = new ConnectionTable(2_000_000);
    final List<byte[]> received = new CopyOnWriteArrayList<>();
    final List<byte[]> receivedConntrack = new CopyOnWriteArrayList<>();
    final List<Decoded.Rejected> rejected = new CopyOnWriteArrayList<>();
    volatile List<String> members = List.of();
    volatile long stateRead = -1;
    SyncCluster cluster;

    static ClusterSettings tcp(String node, int port, List<Integer> peers, ClusterKey key) {
        List<InetSocketAddress> p = new ArrayList<>();
        peers.forEach(q -> p.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), q)));
        return new ClusterSettings("lvs-syncd-test", node, Transport.TCP, InetAddress.getLoopbackAddress(), port,
                InetAddress.ofLiteral(ClusterSettings.DEFAULT_MULTICAST_GROUP), ClusterSettings.DEFAULT_MULTICAST_PORT,
                1, p, key, Duration.ofSeconds(30));
    }

    /**
     * A free port on loopback that no earlier member in this JVM used (a member of an earlier
     * test may still be closing, and its discovery would reach a new member on its old port:
     * another cluster key, so a rejection the test did not cause), and below the kernel's
     * ephemeral range: a port from that range, free when picked, may become the local end of any
     * connection (the running members' own) before the member that is to listen there binds it
     * (seen: "No available port to bind to in range [33113 .. 33113]", 1 run in 40).
     */
    static int freePort() {
        while (true) {
            int port = ThreadLocalRandom.current().nextInt(FIRST_PORT, EPHEMERAL_LOW);
            if (USED_PORTS.contains(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            } catch (IOException e) {
                continue;       // another process listens there
            }
            if (USED_PORTS.add(port)) {
                return port;
            }
        }
    }

    private static final int FIRST_PORT = 10_000;
    private static final int EPHEMERAL_LOW = ephemeralLow();
    private static final Set<Integer> USED_PORTS = ConcurrentHashMap.newKeySet();

    private static int ephemeralLow() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            // not Files.readString: on JDK 25 it returned only "3" of this /proc file
            int low = Integer.parseInt(Files.readAllLines(range).getFirst().strip().split("\\s+")[0]);
            if (low < FIRST_PORT + 1_000) {
                throw new AssertionError(range + " starts at " + low + ": the tests need ports from " + FIRST_PORT
                        + " up that the kernel does not hand out");
            }
            return low;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + range, e);
        }
    }

    Member join(ClusterSettings settings) throws Exception {
        cluster = SyncCluster.join(settings, this);
        return this;
    }

    /** As the daemon does with its own kernel's records: into its own table, then to the others. */
    void relay(List<byte[]> records) throws Exception {
        synchronized (this) {
            records.forEach(r -> table.update(r, System.currentTimeMillis()));
        }
        cluster.send(7, records);
    }

    @Override
    public synchronized void received(String from, int syncId, List<byte[]> records) {
        received.addAll(records);
        records.forEach(r -> table.update(r, System.currentTimeMillis()));
    }

    @Override
    public void receivedConntrack(String from, List<byte[]> records) {
        receivedConntrack.addAll(records);
    }

    @Override
    public void rejected(String from, Decoded.Rejected why) {
        rejected.add(why);
    }

    @Override
    public void membersChanged(List<String> members) {
        this.members = members;
    }

    @Override
    public void writeState(OutputStream out) throws IOException {
        ConnectionTable.Snapshot s;
        synchronized (this) {
            s = table.snapshot();
        }
        TableTransfer.write(s, System.currentTimeMillis(), out);
    }

    @Override
    public void readState(InputStream in) throws IOException {
        long now = System.currentTimeMillis();
        stateRead = TableTransfer.read(in, r -> {
            synchronized (this) {
                table.update(r, now);
            }
        });
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
