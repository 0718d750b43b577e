package io.lvsj.syncd.daemon;

import io.lvsj.syncd.cluster.SyncCluster;
import io.lvsj.syncd.table.ConnectionTable;
import io.lvsj.syncd.table.TableTransfer;
import io.lvsj.syncd.wire.Decoded;
import io.lvsj.syncd.wire.Rejection;
import io.lvsj.syncd.wire.SyncDatagram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The heart of lvs-syncd: records from this director's kernel go into the table and out to
 * the cluster; records from the cluster go into the table and into the kernel's backup
 * daemon; the table is given to directors that join and taken when this one joins. Sockets,
 * channels and threads are outside: the {@link Outbox} and the {@link Target} are handed in,
 * so the whole flow is tested without a kernel or a network.
 */
public final class Relay implements SyncCluster.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    /** Where records for the other directors go (the cluster). */
    public interface Outbox {
        void send(int syncId, List<byte[]> records) throws Exception;
    }

    /** Sends datagrams to the kernel's backup daemon; returns the bursts it could not get through. */
    public interface Injector {
        int inject(List<byte[]> datagrams) throws IOException;
    }

    /** The kernel's backup daemon on the sync link: its sync id (0 takes any) and the largest datagram it reads. */
    public record Target(int syncId, int maxLength, Injector injector) {
    }

    private final ConnectionTable table;
    private final Counters counters;
    private final LongSupplier clock;
    private volatile Outbox outbox = (id, records) -> { };
    private volatile Target target;
    private volatile List<String> members = List.of();

    public Relay(int maxConnections, Counters counters, LongSupplier clock) {
        this.table = new ConnectionTable(maxConnections);
        this.counters = counters;
        this.clock = clock;
    }

    public void outbox(Outbox o) {
        this.outbox = o;
    }

    /** The backup daemon to inject into, or {@code null} while none runs on the sync link. */
    public void target(Target t) {
        this.target = t;
    }

    public Target target() {
        return target;
    }

    /** A datagram from this director's kernel (its master daemon). */
    public void fromKernel(byte[] buffer, int length) {
        Decoded d = SyncDatagram.decode(buffer, 0, length);
        if (d instanceof Decoded.Rejected r) {
            counters.droppedFromKernel(r.reason());
            warnDrop("the kernel", r.reason(), counters.drops().get("kernel " + r.reason().label()));
            return;
        }
        Decoded.Accepted a = (Decoded.Accepted) d;
        counters.kernelDatagrams.increment();
        counters.kernelRecords.add(a.records().size());
        remember(a.records());
        try {
            outbox.send(a.syncId(), a.records());
            counters.clusterMessagesOut.increment();
            counters.clusterRecordsOut.add(a.records().size());
        } catch (Exception e) {
            counters.sendFailures.increment();
            LOG.warn("Cannot send {} connection updates to the cluster: {}", a.records().size(), e.toString());
        }
    }

    @Override
    public void received(String from, int syncId, List<byte[]> records) {
        counters.clusterMessagesIn.increment();
        counters.clusterRecordsIn.add(records.size());
        remember(records);
        inject(syncId, records);
    }

    @Override
    public void rejected(String from, Decoded.Rejected why) {
        counters.droppedFromCluster(why.reason());
        warnDrop(from, why.reason(), counters.drops().get("cluster " + why.reason().label()));
    }

    @Override
    public void membersChanged(List<String> now) {
        List<String> before = members;
        members = List.copyOf(now);
        LOG.info("Cluster members: {} ({} joined, {} left)", String.join(", ", now),
                now.stream().filter(m -> !before.contains(m)).toList(),
                before.stream().filter(m -> !now.contains(m)).toList());
    }

    public List<String> members() {
        return members;
    }

    @Override
    public void writeState(OutputStream out) throws IOException {
        ConnectionTable.Snapshot s;
        synchronized (table) {
            s = table.snapshot();
        }
        long n = TableTransfer.write(s, clock.getAsLong(), out);
        counters.statesGiven.increment();
        LOG.info("Gave the connection table to a joining director: {} connections", n);
    }

    @Override
    public void readState(InputStream in) throws IOException {
        long now = clock.getAsLong();
        List<byte[]> batch = new ArrayList<>(1024);
        long n = TableTransfer.read(in, record -> {
            batch.add(record);
            if (batch.size() == 1024) {
                remember(batch, now);
                batch.clear();
            }
        });
        remember(batch, now);
        counters.stateRecordsReceived.add(n);
        LOG.info("Received the connection table from the cluster: {} connections", n);
    }

    /** Puts the whole table into the kernel's backup daemon (after joining, or when one appears). */
    public int injectAll() {
        Target t = target;
        if (t == null) {
            return 0;
        }
        List<byte[]> records = new ArrayList<>();
        ConnectionTable.Snapshot s;
        synchronized (table) {
            s = table.snapshot();
        }
        s.forEachRemaining(clock.getAsLong(), records::add);
        inject(0, records);
        return records.size();
    }

    /** Drops what has expired; returns how many. */
    public int expire() {
        synchronized (table) {
            return table.expire(clock.getAsLong());
        }
    }

    public int size() {
        synchronized (table) {
            return table.size();
        }
    }

    public int limit() {
        return table.limit();
    }

    private void remember(List<byte[]> records) {
        remember(records, clock.getAsLong());
    }

    private void remember(List<byte[]> records, long now) {
        synchronized (table) {
            for (byte[] r : records) {
                if (table.update(r, now) == ConnectionTable.Update.FULL) {
                    counters.tableFull.increment();
                }
            }
        }
    }

    private void inject(int syncId, List<byte[]> records) {
        Target t = target;
        if (t == null) {
            counters.notInjected.add(records.size());
            return;
        }
        List<byte[]> datagrams = SyncDatagram.encode(t.syncId() != 0 ? t.syncId() : syncId, records, t.maxLength());
        try {
            int lost = t.injector().inject(datagrams);
            counters.injectedDatagrams.add(datagrams.size());
            counters.injectedRecords.add(records.size());
            if (lost > 0) {
                counters.injectLosses.add(lost);
                LOG.warn("The kernel's backup sync daemon dropped {} bursts of injected updates after every retry", lost);
            }
        } catch (IOException e) {
            counters.notInjected.add(records.size());
            LOG.warn("Cannot inject {} connection updates into the kernel: {}", records.size(), e.getMessage());
        }
    }

    private static void warnDrop(String from, Rejection reason, Long count) {
        long n = count == null ? 1 : count;
        if (n == 1 || n % 1000 == 0) {
            LOG.warn("Dropped a sync message from {}: {} ({} so far)", from, reason.text(), n);
        }
    }
}
