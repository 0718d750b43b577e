package io.lvsj.syncd.daemon;

import io.lvsj.ctnl.Conntrack;
import io.lvsj.ctnl.ConntrackClient;
import io.lvsj.ctnl.ConntrackEvent;
import io.lvsj.ctnl.NewConntrack;
import io.lvsj.syncd.table.ConnectionTable;
import io.lvsj.syncd.table.RecordFormat;
import io.lvsj.syncd.wire.ConntrackRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The conntrack half of lvs-syncd: the conntrack entries of FullNAT services, from this
 * director's kernel to the cluster and from the cluster into the kernel, kept in a table of
 * their own that joiners are given with the IPVS connections.
 *
 * <p>What a takeover needs of a TCP entry is its translation, that it is established, and its
 * end: of the seven or so events a connection makes, the new entry, the change to ESTABLISHED
 * and the end are sent; the other state changes (SYN_RECV, FIN_WAIT ... TIME_WAIT) are not
 * (a copy left at ESTABLISHED takes the closing packets as the kernel would, and goes when the
 * end comes). Other protocols' changes all go.
 *
 * <p>Who speaks for an entry: the director that holds its local address (the LIPs follow
 * VRRP). Its kernel's new entries and state changes go out as they happen (events); so do its
 * entries' ends, while the end of an entry this director merely holds a copy of (it timed out
 * here, or someone flushed it) is kept to itself, or a backup would delete the live entry of
 * the master. Events caused by lvs-syncd's own injections carry its socket's port id and are
 * not sent back. A periodic pass over the kernel's table resends the owned entries whose copies
 * elsewhere would expire before the next pass: the kernel reports state changes, not the
 * timeout each packet renews.
 *
 * <p>Sockets and threads are outside ({@link Outbox}, {@link Kernel}), as in {@link Relay}.
 */
public final class ConntrackRelay {
    private static final Logger LOG = LoggerFactory.getLogger(ConntrackRelay.class);
    /** How often the kernel's table is read for the timeouts packets renewed. */
    public static final long REFRESH_MILLIS = 60_000;

    /** Where records for the other directors go (the cluster). */
    public interface Outbox {
        void send(List<byte[]> records) throws Exception;
    }

    /** The kernel's conntrack table, where peers' entries go. */
    public interface Kernel {
        ConntrackClient.Put put(List<NewConntrack> entries, boolean update);

        List<ConntrackClient.Failure> delete(List<ConntrackClient.Key> keys);
    }

    private final ConnectionTable table;
    private final Counters counters;
    private final LongSupplier clock;
    private volatile FullNatConntrack.Filter filter = FullNatConntrack.NONE.filter();
    private volatile Outbox outbox = records -> { };
    private volatile Kernel kernel;
    private volatile Set<InetAddress> local = Set.of();

    public ConntrackRelay(int limit, Counters counters, LongSupplier clock) {
        this.table = new ConnectionTable(limit, RecordFormat.CONNTRACK);
        this.counters = counters;
        this.clock = clock;
    }

    public void filter(FullNatConntrack.Filter f) {
        this.filter = f;
    }

    public void outbox(Outbox o) {
        this.outbox = o;
    }

    /** The kernel to inject into, or {@code null} (records are then only kept). */
    public void kernel(Kernel k) {
        this.kernel = k;
    }

    /** This director's addresses now: an entry whose local address is among them is this director's to speak for. */
    public void localAddresses(Set<InetAddress> addresses) {
        this.local = Set.copyOf(addresses);
    }

    /**
     * Events from this director's kernel. {@code ownPortId} is the port id of the socket that
     * injects: the events of its changes are not news. Returns whether events were lost (the
     * caller then reads the table whole, {@link #refresh} with {@code all}).
     */
    public boolean fromKernel(List<ConntrackEvent> events, int ownPortId) {
        List<byte[]> out = new ArrayList<>();
        boolean overrun = false;
        long now = clock.getAsLong();
        for (ConntrackEvent e : events) {
            switch (e) {
                case ConntrackEvent.Rejected r -> counters.droppedConntrack(r.reason());
                case ConntrackEvent.Overrun o -> {
                    overrun = true;
                    counters.conntrackOverruns.increment();
                }
                case ConntrackEvent.Change c -> {
                    if (c.portId() == ownPortId && ownPortId != 0) {
                        counters.conntrackOwnEvents.increment();
                    } else if (!needed(c)) {
                        counters.conntrackSkipped.increment();
                    } else if (filter.matches(c.entry())) {
                        byte[] r = fromKernel(c, now);
                        if (r != null) {
                            out.add(r);
                        }
                    }
                }
            }
        }
        counters.conntrackEvents.add(out.size());
        send(out);
        return overrun;
    }

    /** Whether a takeover needs this change (see the class comment); whether it is a FullNAT entry's is asked after. */
    static boolean needed(ConntrackEvent.Change c) {
        Conntrack e = c.entry();
        return c.kind() != ConntrackEvent.Kind.UPDATE || e.original().protocol() != 6 || e.tcpState() < 0
                || e.tcpState() == Conntrack.TCP_ESTABLISHED;
    }

    private byte[] fromKernel(ConntrackEvent.Change c, long now) {
        synchronized (table) {
            if (c.kind() == ConntrackEvent.Kind.DESTROY) {
                byte[] r = ConntrackRecords.of(ConntrackRecord.DESTROY, c.entry(), -1);
                table.remove(r);
                return local.contains(c.entry().reply().destination()) ? r : null;
            }
            byte[] known = table.get(ConntrackRecords.of(ConntrackRecord.UPDATE, c.entry(), -1));
            int state = known != null ? ConntrackRecord.tcpState(known)
                    : (c.entry().status() & Conntrack.ASSURED) != 0 ? Conntrack.TCP_ESTABLISHED : -1;
            byte[] r = ConntrackRecords.of(ConntrackRecord.UPDATE, c.entry(), state);
            remember(r, now);
            return r;
        }
    }

    /**
     * A pass over the kernel's table: sends the entries this director speaks for whose copies
     * elsewhere would expire before the next two passes (or every one, with {@code all}: after
     * lost events, or at start). Returns how many it sent.
     */
    public int refresh(Iterable<Conntrack> kernelTable, boolean all) {
        List<byte[]> out = new ArrayList<>();
        long now = clock.getAsLong();
        synchronized (table) {
            for (Conntrack c : kernelTable) {
                if (!filter.matches(c) || !local.contains(c.reply().destination())) {
                    continue;
                }
                byte[] probe = ConntrackRecords.of(ConntrackRecord.UPDATE, c, -1);
                long expiry = table.expiry(probe);
                if (all || expiry < now + 2 * REFRESH_MILLIS) {
                    byte[] known = table.get(probe);
                    byte[] r = known == null || c.tcpState() >= 0 ? probe
                            : ConntrackRecords.of(ConntrackRecord.UPDATE, c, ConntrackRecord.tcpState(known));
                    remember(r, now);
                    out.add(r);
                }
            }
        }
        counters.conntrackRefreshed.add(out.size());
        send(out);
        return out.size();
    }

    private void send(List<byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            outbox.send(records);
            counters.conntrackOut.add(records.size());
        } catch (Exception e) {
            counters.sendFailures.increment();
            LOG.warn("Cannot send {} conntrack updates to the cluster: {}", records.size(), e.toString());
        }
    }

    /** Records a member sent: into the table, and into the kernel. */
    public void received(String from, List<byte[]> records) {
        counters.conntrackIn.add(records.size());
        List<NewConntrack> put = new ArrayList<>();
        List<ConntrackClient.Key> delete = new ArrayList<>();
        long now = clock.getAsLong();
        synchronized (table) {
            for (byte[] r : records) {
                if (ConntrackRecord.operation(r) == ConntrackRecord.DESTROY) {
                    table.remove(r);
                    delete.add(ConntrackRecords.key(r));
                } else {
                    remember(r, now);
                    put.add(ConntrackRecords.toCreate(r));
                }
            }
        }
        inject(put, delete, true);
    }

    /** Puts the whole table into the kernel (after joining), leaving entries it has alone; returns how many. */
    public int injectAll() {
        List<NewConntrack> put = new ArrayList<>();
        ConnectionTable.Snapshot s = snapshot();
        s.forEachRemaining(clock.getAsLong(), r -> put.add(ConntrackRecords.toCreate(r)));
        inject(put, List.of(), false);
        return put.size();
    }

    private void inject(List<NewConntrack> put, List<ConntrackClient.Key> delete, boolean update) {
        Kernel k = kernel;
        if (k == null) {
            counters.conntrackNotInjected.add(put.size() + delete.size());
            return;
        }
        List<ConntrackClient.Failure> failures = new ArrayList<>();
        if (!put.isEmpty()) {
            ConntrackClient.Put done = k.put(put, update);
            counters.conntrackCreated.add(done.created());
            counters.conntrackExisted.add(done.existed());
            failures.addAll(done.failures());
        }
        if (!delete.isEmpty()) {
            List<ConntrackClient.Failure> refused = k.delete(delete);
            counters.conntrackRemoved.add(delete.size() - refused.size());
            failures.addAll(refused);
        }
        if (!failures.isEmpty()) {
            counters.conntrackRefused.add(failures.size());
            long n = counters.conntrackRefused.sum();
            if (n == failures.size() || n / 1000 != (n - failures.size()) / 1000) {
                LOG.warn("The kernel refused {} conntrack entries ({} so far), for example {}", failures.size(), n,
                        failures.getFirst());
            }
        }
    }

    private void remember(byte[] record, long now) {
        if (table.update(record, now) == ConnectionTable.Update.FULL) {
            counters.conntrackTableFull.increment();
        }
    }

    /** Records given in a state transfer (checked): into the table only; {@link #injectAll} follows. */
    void fromState(List<byte[]> records, long now) {
        synchronized (table) {
            for (byte[] r : records) {
                remember(ConntrackRecord.operation(r) == ConntrackRecord.UPDATE ? r
                        : ConntrackRecord.withOperation(r, ConntrackRecord.UPDATE), now);
            }
        }
    }

    public ConnectionTable.Snapshot snapshot() {
        synchronized (table) {
            return table.snapshot();
        }
    }

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
}
