package io.lvsj.syncd.table;

import io.lvsj.syncd.wire.SyncEntry;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The connections lvs-syncd has seen, from its own kernel and from its peers: what a director
 * that joins late is given, and what it injects into its kernel. Keyed as
 * {@link SyncEntry#keyHash} says (protocol, addresses, ports, fwmark, template, PE data); a
 * newer record of a connection replaces the older. A connection expires when the timeout its
 * last record carried has run out, as in the kernel.
 *
 * <p>Pure: time is passed in (milliseconds on any monotonic scale). Records are kept as their
 * bytes in an open-addressing table (linear probing, backward-shift deletion), three parallel
 * arrays and no object per connection, so a million connections fit in about 100 MB.
 * Not thread-safe: the relay serialises access to it.
 */
public final class ConnectionTable {
    /** A record whose timeout is 0 lives as long as the kernel gives such a one: 3 minutes. */
    static final long DEFAULT_TIMEOUT_SECONDS = 180;
    private static final int MIN_CAPACITY = 64;

    /** What {@link #update} did. */
    public enum Update { ADDED, REPLACED, FULL }

    private final int limit;
    private byte[][] records;
    private long[] expiries;
    private int[] hashes;
    private int size;

    /** A table of at most {@code limit} connections. */
    public ConnectionTable(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("table limit must be positive: " + limit);
        }
        this.limit = limit;
        allocate(MIN_CAPACITY);
    }

    private void allocate(int capacity) {
        records = new byte[capacity][];
        expiries = new long[capacity];
        hashes = new int[capacity];
    }

    public int size() {
        return size;
    }

    public int limit() {
        return limit;
    }

    /** Records {@code record} (a checked record, never changed afterwards) as seen at {@code now}. */
    public Update update(byte[] record, long now) {
        int hash = SyncEntry.keyHash(record);
        int i = find(record, hash);
        long expiry = now + 1000 * timeoutOf(record);
        if (i >= 0) {
            records[i] = record;
            expiries[i] = expiry;
            return Update.REPLACED;
        }
        if (size >= limit) {
            return Update.FULL;
        }
        if ((size + 1) * 10L > records.length * 6L) {
            grow();
            i = find(record, hash);
        }
        int slot = -i - 1;
        records[slot] = record;
        expiries[slot] = expiry;
        hashes[slot] = hash;
        size++;
        return Update.ADDED;
    }

    private static long timeoutOf(byte[] record) {
        long t = SyncEntry.timeoutSeconds(record);
        return t == 0 ? DEFAULT_TIMEOUT_SECONDS : t;
    }

    /** The record stored for {@code record}'s connection, or {@code null}. */
    public byte[] get(byte[] record) {
        int i = find(record, SyncEntry.keyHash(record));
        return i >= 0 ? records[i] : null;
    }

    /** Removes every connection that has expired by {@code now}; returns how many. */
    public int expire(long now) {
        int removed = 0;
        int i = 0;
        while (i < records.length) {
            if (records[i] != null && expiries[i] <= now) {
                delete(i);
                removed++;
            } else {
                i++;
            }
        }
        return removed;
    }

    /**
     * Hands each live connection to {@code sink} as a record whose timeout is what is left of
     * it at {@code now} (at least a second), as a late joiner's kernel must be given it.
     */
    public void forEachRemaining(long now, Consumer<byte[]> sink) {
        snapshot().forEachRemaining(now, sink);
    }

    /**
     * A consistent view of the table as it is now, to be walked later without holding up
     * updates: records are never changed in place, so copying the arrays is enough.
     */
    public Snapshot snapshot() {
        byte[][] r = new byte[size][];
        long[] e = new long[size];
        int n = 0;
        for (int i = 0; i < records.length; i++) {
            if (records[i] != null) {
                r[n] = records[i];
                e[n++] = expiries[i];
            }
        }
        return new Snapshot(r, e);
    }

    /** The table's connections at one moment. */
    public record Snapshot(byte[][] records, long[] expiries) {
        public int size() {
            return records.length;
        }

        /** As {@link ConnectionTable#forEachRemaining}; expired ones are left out. */
        public void forEachRemaining(long now, Consumer<byte[]> sink) {
            for (int i = 0; i < records.length; i++) {
                long left = expiries[i] - now;
                if (left > 0) {
                    sink.accept(SyncEntry.withTimeout(records[i], Math.max(1, (left + 999) / 1000)));
                }
            }
        }
    }

    private int find(byte[] record, int hash) {
        int mask = records.length - 1;
        int i = hash & mask;
        while (records[i] != null) {
            if (hashes[i] == hash && SyncEntry.sameKey(records[i], record)) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -i - 1;
    }

    private void grow() {
        byte[][] oldRecords = records;
        long[] oldExpiries = expiries;
        int[] oldHashes = hashes;
        allocate(oldRecords.length * 2);
        int mask = records.length - 1;
        for (int j = 0; j < oldRecords.length; j++) {
            if (oldRecords[j] != null) {
                int i = oldHashes[j] & mask;
                while (records[i] != null) {
                    i = (i + 1) & mask;
                }
                records[i] = oldRecords[j];
                expiries[i] = oldExpiries[j];
                hashes[i] = oldHashes[j];
            }
        }
    }

    /** Empties slot {@code hole} and shifts the rest of its probe run back (no tombstones). */
    private void delete(int hole) {
        int mask = records.length - 1;
        records[hole] = null;
        size--;
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            if (records[j] == null) {
                return;
            }
            int home = hashes[j] & mask;
            // The record at j may move to the hole unless its home lies cyclically in (hole, j].
            boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!stays) {
                records[hole] = records[j];
                expiries[hole] = expiries[j];
                hashes[hole] = hashes[j];
                records[j] = null;
                hole = j;
            }
        }
    }

    /** Removes everything (a director leaving every cluster). */
    public void clear() {
        Arrays.fill(records, null);
        size = 0;
    }
}
