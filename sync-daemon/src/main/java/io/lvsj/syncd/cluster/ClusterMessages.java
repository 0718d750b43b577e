package io.lvsj.syncd.cluster;

import io.lvsj.syncd.wire.ConntrackBatch;
import io.lvsj.syncd.wire.Decoded;
import io.lvsj.syncd.wire.Rejection;
import io.lvsj.syncd.wire.SyncDatagram;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What lvs-syncd sends its peers: {@code 1 format version | 1 kind | body}. Kind
 * {@link #RECORDS} carries IPVS connection records as a sync v1 datagram, the kernel's own
 * format, so the receiving side checks them with the same decoder it uses on its kernel's
 * datagrams; kind {@link #CONNTRACK} carries conntrack entries of FullNAT services as a
 * {@link ConntrackBatch}, which has a format byte of its own. A version or kind this release
 * does not know is rejected, not guessed at (a peer of an older release drops conntrack
 * batches, counted as {@code cluster_format}, and relays IPVS connections as before).
 */
public final class ClusterMessages {
    static final byte VERSION = 1;
    static final byte RECORDS = 1;
    static final byte CONNTRACK = 2;
    /** Records per cluster message: a sync datagram of at most 64 KB. */
    static final int MAX_DATAGRAM = SyncDatagram.MAX_LENGTH;

    private ClusterMessages() {
    }

    /** A message from a peer, decoded. */
    public sealed interface Received {
        /** IPVS connection records from a master with {@code syncId}. */
        record Sync(int syncId, List<byte[]> records) implements Received {
            public Sync {
                Objects.requireNonNull(records, "records");
            }
        }

        /** Conntrack records ({@link io.lvsj.syncd.wire.ConntrackRecord}). */
        record Conntrack(List<byte[]> records) implements Received {
            public Conntrack {
                Objects.requireNonNull(records, "records");
            }
        }

        record Rejected(Decoded.Rejected why) implements Received {
        }
    }

    /** Messages carrying {@code records} (checked, unpadded) from a master with {@code syncId}. */
    public static List<byte[]> records(int syncId, List<byte[]> records) {
        return framed(RECORDS, SyncDatagram.encode(syncId, records, MAX_DATAGRAM));
    }

    /** Messages carrying conntrack {@code records} (checked). */
    public static List<byte[]> conntrack(List<byte[]> records) {
        return framed(CONNTRACK, ConntrackBatch.encode(records, MAX_DATAGRAM));
    }

    private static List<byte[]> framed(byte kind, List<byte[]> bodies) {
        List<byte[]> messages = new ArrayList<>(bodies.size());
        for (byte[] d : bodies) {
            byte[] m = new byte[2 + d.length];
            m[0] = VERSION;
            m[1] = kind;
            System.arraycopy(d, 0, m, 2, d.length);
            messages.add(m);
        }
        return messages;
    }

    /** Decodes a message from a peer; never throws. */
    public static Received decode(byte[] b, int offset, int length) {
        if (length < 2 || b[offset] != VERSION || (b[offset + 1] != RECORDS && b[offset + 1] != CONNTRACK)) {
            return new Received.Rejected(new Decoded.Rejected(Rejection.CLUSTER_FORMAT, 0));
        }
        Decoded d = b[offset + 1] == RECORDS ? SyncDatagram.decode(b, offset + 2, length - 2)
                : ConntrackBatch.decode(b, offset + 2, length - 2);
        return switch (d) {
            case Decoded.Rejected r -> new Received.Rejected(r);
            case Decoded.Accepted a -> b[offset + 1] == RECORDS ? new Received.Sync(a.syncId(), a.records())
                    : new Received.Conntrack(a.records());
        };
    }
}
