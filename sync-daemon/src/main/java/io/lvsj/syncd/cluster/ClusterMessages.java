package io.lvsj.syncd.cluster;

import io.lvsj.syncd.wire.Decoded;
import io.lvsj.syncd.wire.Rejection;
import io.lvsj.syncd.wire.SyncDatagram;

import java.util.ArrayList;
import java.util.List;

/**
 * What lvs-syncd sends its peers: {@code 1 format version | 1 kind | body}. The one kind so far,
 * {@link #RECORDS}, carries connection records as a sync v1 datagram, the kernel's own format,
 * so the receiving side checks them with the same decoder it uses on its kernel's datagrams.
 * A version or kind this release does not know is rejected, not guessed at.
 */
public final class ClusterMessages {
    static final byte VERSION = 1;
    static final byte RECORDS = 1;
    /** Records per cluster message: a sync datagram of at most 64 KB. */
    static final int MAX_DATAGRAM = SyncDatagram.MAX_LENGTH;

    private ClusterMessages() {
    }

    /** Messages carrying {@code records} (checked, unpadded) from a master with {@code syncId}. */
    public static List<byte[]> records(int syncId, List<byte[]> records) {
        List<byte[]> messages = new ArrayList<>();
        for (byte[] d : SyncDatagram.encode(syncId, records, MAX_DATAGRAM)) {
            byte[] m = new byte[2 + d.length];
            m[0] = VERSION;
            m[1] = RECORDS;
            System.arraycopy(d, 0, m, 2, d.length);
            messages.add(m);
        }
        return messages;
    }

    /** Decodes a message from a peer; never throws. */
    public static Decoded decode(byte[] b, int offset, int length) {
        if (length < 2 || b[offset] != VERSION || b[offset + 1] != RECORDS) {
            return new Decoded.Rejected(Rejection.CLUSTER_FORMAT, 0);
        }
        return SyncDatagram.decode(b, offset + 2, length - 2);
    }
}
