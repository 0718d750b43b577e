package io.lvsj.syncd.table;

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
 * The table as JGroups state transfer carries it to a director that joins late:
 * {@code "LVSSYNC1"}, then each connection as {@code be16 length | record} (its timeout is
 * what is left of it), then a zero length. About 40 bytes a connection.
 */
public final class TableTransfer {
    private static final long MAGIC = 0x4c56_5353_594e_4331L; // "LVSSYNC1"

    private TableTransfer() {
    }

    /** Writes {@code snapshot} as it stands at {@code now}; returns how many connections it wrote. */
    public static long write(ConnectionTable.Snapshot snapshot, long now, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.writeLong(MAGIC);
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
        data.flush();
        return count[0];
    }

    /**
     * Reads a table, handing each record to {@code sink} once it is checked. A stream that is
     * not a table, or a record that fails the check, ends the read with an IOException that
     * says which; the records before it were whole and have been handed on.
     */
    public static long read(InputStream in, Consumer<byte[]> sink) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        try {
            if (data.readLong() != MAGIC) {
                throw new IOException("the state is not an lvs-syncd connection table of this version");
            }
            long count = 0;
            while (true) {
                int length = data.readUnsignedShort();
                if (length == 0) {
                    return count;
                }
                byte[] record = new byte[length];
                data.readFully(record);
                Rejection fault = length > SyncEntry.MAX_LENGTH ? Rejection.RECORD_TOO_SHORT
                        : SyncEntry.check(record, 0, length);
                if (fault == null && (((record[SyncEntry.VER_SIZE] & 0xff) << 8 | (record[SyncEntry.VER_SIZE + 1] & 0xff))
                        != length)) {
                    fault = Rejection.RECORD_VERSION;
                }
                if (fault != null) {
                    throw new IOException("connection " + (count + 1) + " of the state: " + fault.text());
                }
                sink.accept(record);
                count++;
            }
        } catch (EOFException e) {
            throw new IOException("the state ended before its last connection");
        }
    }
}
