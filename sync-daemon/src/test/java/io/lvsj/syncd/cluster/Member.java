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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A cluster member for tests: a table fed by what it receives, and what it was told. */
final class Member implements SyncCluster.Listener, AutoCloseable {
    final ConnectionTable table = new ConnectionTable(2_000_000);
    final List<byte[]> received = new CopyOnWriteArrayList<>();
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
     * A free port on loopback that no earlier member in this JVM used: a member of an earlier
     * test may still be closing, and its discovery would reach a new member on its old port
     * (another cluster key, so a rejection the test did not cause).
     */
    static int freePort() {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (USED_PORTS.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static final java.util.Set<Integer> USED_PORTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
