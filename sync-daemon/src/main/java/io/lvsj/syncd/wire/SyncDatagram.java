package io.lvsj.syncd.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The IPVS sync version 1 message: what a master kernel's sync daemon multicasts and a backup
 * kernel's reads ({@code net/netfilter/ipvs/ip_vs_sync.c}). Pure: bytes in, records out, and
 * back.
 *
 * <pre>
 * 0 reserved (0)   1 syncid   2 size (be16, the whole datagram)   4 nr_conns   5 version (1)   6 spare (0)
 * 8 records, each padded with zeros to a multiple of 4 bytes
 * </pre>
 *
 * <p>Decoding is stricter than the kernel's and never throws: any fault rejects the whole
 * datagram with a reason, so nothing half-decoded is relayed. A well-formed record the kernel
 * would skip (an unknown protocol, say) is a fault here too: we have no reason to carry it.
 */
public final class SyncDatagram {
    public static final int HEADER_LENGTH = 8;
    public static final int VERSION = 1;
    /** The most records one header can count. */
    public static final int MAX_RECORDS = 255;
    /** The largest datagram a header's size can state. */
    public static final int MAX_LENGTH = 0xffff;

    private SyncDatagram() {
    }

    public static Decoded decode(byte[] datagram) {
        return decode(datagram, 0, datagram.length);
    }

    /** Decodes {@code length} bytes at {@code offset}. Never throws for any content. */
    public static Decoded decode(byte[] b, int offset, int length) {
        if (length < HEADER_LENGTH) {
            return new Decoded.Rejected(Rejection.TOO_SHORT, 0);
        }
        if (SyncEntry.readShort(b, offset + 2) != length) {
            return new Decoded.Rejected(Rejection.SIZE_MISMATCH, 2);
        }
        if (b[offset] != 0 || b[offset + 5] != VERSION || b[offset + 6] != 0 || b[offset + 7] != 0) {
            return new Decoded.Rejected(Rejection.NOT_VERSION_1, 0);
        }
        int count = b[offset + 4] & 0xff;
        if (count == 0) {
            return new Decoded.Rejected(Rejection.NO_CONNECTIONS, 4);
        }
        List<byte[]> records = new ArrayList<>(count);
        int p = offset + HEADER_LENGTH;
        int end = offset + length;
        for (int i = 0; i < count; i++) {
            if (p + 4 > end) {
                return new Decoded.Rejected(Rejection.RECORD_TRUNCATED, p - offset);
            }
            int verSize = SyncEntry.readShort(b, p + SyncEntry.VER_SIZE);
            if (verSize >>> 12 != 0) {
                return new Decoded.Rejected(Rejection.RECORD_VERSION, p - offset);
            }
            int size = verSize & SyncEntry.MAX_LENGTH;
            if (p + size > end) {
                return new Decoded.Rejected(Rejection.RECORD_TRUNCATED, p - offset);
            }
            Rejection fault = SyncEntry.check(b, p, size);
            if (fault != null) {
                return new Decoded.Rejected(fault, p - offset);
            }
            records.add(Arrays.copyOfRange(b, p, p + size));
            p += padded(size);
        }
        if (p < end) {
            return new Decoded.Rejected(Rejection.TRAILING_BYTES, p - offset);
        }
        return new Decoded.Accepted(b[offset + 1] & 0xff, records);
    }

    /**
     * Encodes {@code records} (each checked, unpadded) into as few datagrams as fit in
     * {@code maxLength} bytes, at most 255 records each, in order. A record longer than
     * {@code maxLength} allows still travels, alone in a datagram: the kernel's own master
     * sends such records too, and a backup's buffer is at least as large as a master's.
     */
    public static List<byte[]> encode(int syncId, List<byte[]> records, int maxLength) {
        List<byte[]> datagrams = new ArrayList<>();
        int start = 0;
        while (start < records.size()) {
            int size = HEADER_LENGTH;
            int end = start;
            while (end < records.size() && end - start < MAX_RECORDS) {
                int next = size + padded(records.get(end).length);
                if (next > maxLength && end > start) {
                    break;
                }
                size = next;
                end++;
            }
            datagrams.add(datagram(syncId, records.subList(start, end), size));
            start = end;
        }
        return datagrams;
    }

    private static byte[] datagram(int syncId, List<byte[]> records, int size) {
        byte[] d = new byte[size];
        d[1] = (byte) syncId;
        SyncEntry.writeShort(d, 2, size);
        d[4] = (byte) records.size();
        d[5] = VERSION;
        int p = HEADER_LENGTH;
        for (byte[] r : records) {
            System.arraycopy(r, 0, d, p, r.length);
            p += padded(r.length);
        }
        return d;
    }

    static int padded(int size) {
        return (size + 3) & ~3;
    }
}
