package io.lvsj.syncd.table;

import io.lvsj.syncd.wire.ConntrackRecord;
import io.lvsj.syncd.wire.SyncEntry;

/**
 * What a {@link ConnectionTable} needs to know of the records it keeps: which ones are the
 * same connection, and their timeouts.
 */
public interface RecordFormat {
    int keyHash(byte[] record);

    boolean sameKey(byte[] x, byte[] y);

    long timeoutSeconds(byte[] record);

    byte[] withTimeout(byte[] record, long seconds);

    /** IPVS connections: sync v1 records ({@link SyncEntry}). */
    RecordFormat SYNC = new RecordFormat() {
        public int keyHash(byte[] r) {
            return SyncEntry.keyHash(r);
        }

        public boolean sameKey(byte[] x, byte[] y) {
            return SyncEntry.sameKey(x, y);
        }

        public long timeoutSeconds(byte[] r) {
            return SyncEntry.timeoutSeconds(r);
        }

        public byte[] withTimeout(byte[] r, long seconds) {
            return SyncEntry.withTimeout(r, seconds);
        }
    };

    /** Conntrack entries of FullNAT services ({@link ConntrackRecord}). */
    RecordFormat CONNTRACK = new RecordFormat() {
        public int keyHash(byte[] r) {
            return ConntrackRecord.keyHash(r);
        }

        public boolean sameKey(byte[] x, byte[] y) {
            return ConntrackRecord.sameKey(x, y);
        }

        public long timeoutSeconds(byte[] r) {
            return ConntrackRecord.timeoutSeconds(r);
        }

        public byte[] withTimeout(byte[] r, long seconds) {
            return ConntrackRecord.withTimeout(r, seconds);
        }
    };
}
