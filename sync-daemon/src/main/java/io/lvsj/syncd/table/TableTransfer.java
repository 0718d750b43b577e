package io.lvsj.syncd.table;

import io.lvsj.syncd.wire.ConntrackRecord;
import io.lvsj.syncd.wire.Rejection;
import io.lvsj.syncd.wire.SyncEntry;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * The tables as JGroups state transfer carries them to a director that joins late:
 * {@code "LVSSYNC1"}, then each IPVS connection as {@code be16 length | record} (its timeout
 * is what is left of it), then a zero length; then {@code "LVSCTRK1"} and the conntrack entries
 * of FullNAT services the same way, then a zero length. About 40 bytes a connection. A state
 * that ends after the first section (from a release without conntrack relay) is whole; a
 * reader of such a release stops there and leaves the second section unread.
 */
public final class TableTransfer {
    private static final long MAGIC = 0x4c56_5353_594e_4331L; // "LVSSYNC1"
    private static final long CONNTRACK_MAGIC = 0x4c56_5343_5452_4b31L; // "LVSCTRK1"

    private TableTransfer() {
    }

    /** How many connections a state carried, by section. */
    public record Counts(long connections, long conntrack) {
    }

    /** Writes {@code snapshot} (IPVS connections only) as it stands at {@code now}; returns how many it wrote. */
    public static long write(ConnectionTable.Snapshot snapshot, long now, OutputStream out) throws IOException {
        return write(snapshot, ConnectionTable.Snapshot.empty(RecordFormat.CONNTRACK), now, out).connections();
    }

    /** Writes both tables as they stand at {@code now}. */
    public static Counts write(ConnectionTable.Snapshot connections, ConnectionTable.Snapshot conntrack, long now,
                               OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.writeLong(MAGIC);
        long n = section(connections, now, data);
        data.writeLong(CONNTRACK_MAGIC);
        long c = section(conntrack, now, data);
        data.flush();
        return new Counts(n, c);
    }

    private static long section(ConnectionTable.Snapshot snapshot, long now, DataOutputStream data) throws IOException {
        long[] count = {0};
        IOException[] failure = {null};
        snapshot.forEachRemaining(now, record -> {
            if (failure[0] == null) {
                try {
                    data.writeShort(record.length);
                    data.write(record);
                    count[0]++;
                } catch (IOException e) {
                    failure[0] = e;
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        data.writeShort(0);
        return count[0];
    }

    /** Reads a state, handing each IPVS connection to {@code sink} and leaving out conntrack entries. */
    public static long read(InputStream in, Consumer<byte[]> sink) throws IOException {
        return read(in, sink, r -> { }).connections();
    }

    /**
     * Reads a state, handing each record to its sink once it is checked. A stream that is not
     * a state, or a record that fails the check, ends the read with an IOException that says
     * which; the records before it were whole and have been handed on.
     */
    public static Counts read(InputStream in, Consumer<byte[]> connections, Consumer<byte[]> conntrack)
            throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        try {
            if (data.readLong() != MAGIC) {
                throw new IOException("the state is not an lvs-syncd connection table of this version");
            }
            long n = section(data, connections, "connection", (b, length) -> {
                Rejection fault = length > SyncEntry.MAX_LENGTH ? Rejection.RECORD_TOO_SHORT : SyncEntry.check(b, 0, length);
                if (fault == null && (((b[SyncEntry.VER_SIZE] & 0xff) << 8 | (b[SyncEntry.VER_SIZE + 1] & 0xff)) != length)) {
                    fault = Rejection.RECORD_VERSION;
                }
                return fault;
            });
            int first = data.read();
            if (first < 0) {
                return new Counts(n, 0);
            }
            byte[] rest = new byte[7];
            data.readFully(rest);
            long magic = (long) first << 56;
            for (int i = 0; i < 7; i++) {
                magic |= (long) (rest[i] & 0xff) << (48 - 8 * i);
            }
            if (magic != CONNTRACK_MAGIC) {
                throw new IOException("the state's second section is not conntrack entries of this version");
            }
            long c = section(data, conntrack, "conntrack entry", (b, length) -> ConntrackRecord.check(b, 0, length));
            return new Counts(n, c);
        } catch (EOFException e) {
            throw new IOException("the state ended before its last connection");
        }
    }

    private interface Check {
        Rejection of(byte[] record, int length);
    }

    private static long section(DataInputStream data, Consumer<byte[]> sink, String what, Check check)
            throws IOException {
        long count = 0;
        while (true) {
            int length = data.readUnsignedShort();
            if (length == 0) {
                return count;
            }
            byte[] record = new byte[length];
            data.readFully(record);
            Rejection fault = check.of(record, length);
            if (fault != null) {
                throw new IOException(what + " " + (count + 1) + " of the state: " + fault.text());
            }
            sink.accept(record);
            count++;
        }
    }
}
