package io.lvsj.syncd.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Conntrack records as one cluster message carries them: {@code u8 format (1) | u8 0 | be16
 * count | records}, each record whole ({@link ConntrackRecord}). Decoding is strict and never
 * throws: any fault drops the whole batch with a reason, so nothing half-decoded reaches a
 * kernel. The format byte lets a later release change the record; this one reads format 1 only.
 */
public final class ConntrackBatch {
    public static final int FORMAT = 1;
    public static final int HEADER_LENGTH = 4;
    private static final int MAX_COUNT = 0xffff;

    private ConntrackBatch() {
    }

    /** Batches of {@code records} (each checked), each at most {@code maxLength} bytes. */
    public static List<byte[]> encode(List<byte[]> records, int maxLength) {
        List<byte[]> batches = new ArrayList<>();
        int i = 0;
        while (i < records.size()) {
            int length = HEADER_LENGTH;
            int end = i;
            while (end < records.size() && end - i < MAX_COUNT && length + records.get(end).length <= maxLength) {
                length += records.get(end).length;
                end++;
            }
            if (end == i) {
                throw new IllegalArgumentException("a conntrack record does not fit in " + maxLength + " bytes");
            }
            byte[] b = new byte[length];
            b[0] = FORMAT;
            SyncEntry.writeShort(b, 2, end - i);
            int p = HEADER_LENGTH;
            for (int j = i; j < end; j++) {
                byte[] r = records.get(j);
                System.arraycopy(r, 0, b, p, r.length);
                p += r.length;
            }
            batches.add(b);
            i = end;
        }
        return batches;
    }

    /** Decodes {@code length} bytes at {@code offset}; the records come back in {@link Decoded.Accepted} (sync id 0). */
    public static Decoded decode(byte[] b, int offset, int length) {
        if (length < HEADER_LENGTH || b[offset] != FORMAT || b[offset + 1] != 0) {
            return new Decoded.Rejected(Rejection.CONNTRACK_FORMAT, 0);
        }
        int count = SyncEntry.readShort(b, offset + 2);
        if (count == 0) {
            return new Decoded.Rejected(Rejection.NO_CONNECTIONS, 2);
        }
        List<byte[]> records = new ArrayList<>(count);
        int p = offset + HEADER_LENGTH;
        int end = offset + length;
        for (int i = 0; i < count; i++) {
            if (p + ConntrackRecord.ADDRESSES > end) {
                return new Decoded.Rejected(Rejection.RECORD_TRUNCATED, p - offset);
            }
            int size = ConntrackRecord.lengthAt(b, p);
            if (size < 0) {
                return new Decoded.Rejected(Rejection.CONNTRACK_RECORD, p - offset);
            }
            if (p + size > end) {
                return new Decoded.Rejected(Rejection.RECORD_TRUNCATED, p - offset);
            }
            Rejection fault = ConntrackRecord.check(b, p, size);
            if (fault != null) {
                return new Decoded.Rejected(fault, p - offset);
            }
            records.add(Arrays.copyOfRange(b, p, p + size));
            p += size;
        }
        if (p < end) {
            return new Decoded.Rejected(Rejection.TRAILING_BYTES, p - offset);
        }
        return new Decoded.Accepted(0, records);
    }
}
