package io.lvsj.syncd.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One conntrack entry of a FullNAT service as lvs-syncd relays it and keeps it: the entry's two
 * tuples (the reply's destination is the local address source NAT chose), its state and
 * timeout. Work is done on the bytes, as with {@link SyncEntry}: a table of a million entries
 * holds no object per entry. Fixed length by family; every number big-endian.
 *
 * <pre>
 *  0 operation   1 update, 2 destroy
 *  1 family      4 or 6
 *  2 protocol    6 TCP, 17 UDP, 132 SCTP
 *  3 TCP state   conntrack's (3 established ...), 0xff none (other protocols; TCP events that did not say)
 *  4 zone (16)   6 original source port   8 original destination port
 * 10 reply source port  12 reply destination port  14 reserved (0)
 * 16 status (32, conntrack's IPS_* bits)  20 timeout (32, seconds)  24 mark (32)
 * 28 original source, original destination, reply source, reply destination (4 or 16 bytes each)
 * </pre>
 */
public final class ConntrackRecord {
    public static final int UPDATE = 1;
    public static final int DESTROY = 2;
    public static final int NO_TCP_STATE = 0xff;
    /** The highest TCP state conntrack has ({@code TCP_CONNTRACK_SYN_SENT2}). */
    static final int MAX_TCP_STATE = 9;
    static final int OPERATION = 0;
    static final int FAMILY = 1;
    static final int PROTOCOL = 2;
    static final int TCP_STATE = 3;
    static final int ZONE = 4;
    static final int PORTS = 6;
    static final int RESERVED = 14;
    static final int STATUS = 16;
    static final int TIMEOUT = 20;
    static final int MARK = 24;
    static final int ADDRESSES = 28;
    public static final int V4_LENGTH = ADDRESSES + 4 * 4;
    public static final int V6_LENGTH = ADDRESSES + 4 * 16;

    /** Which address or port: the tuples' four ends. */
    public static final int ORIGINAL_SOURCE = 0;
    public static final int ORIGINAL_DESTINATION = 1;
    public static final int REPLY_SOURCE = 2;
    public static final int REPLY_DESTINATION = 3;

    private ConntrackRecord() {
    }

    /**
     * A record. {@code addresses} and {@code ports} are the four ends in the order
     * {@link #ORIGINAL_SOURCE}, {@link #ORIGINAL_DESTINATION}, {@link #REPLY_SOURCE},
     * {@link #REPLY_DESTINATION}; the addresses all of one family.
     */
    public static byte[] encode(int operation, int protocol, int tcpState, int zone, int status, long timeout, int mark,
                                InetAddress[] addresses, int[] ports) {
        boolean v4 = addresses[0] instanceof Inet4Address;
        int length = v4 ? 4 : 16;
        byte[] r = new byte[ADDRESSES + 4 * length];
        r[OPERATION] = (byte) operation;
        r[FAMILY] = (byte) (v4 ? 4 : 6);
        r[PROTOCOL] = (byte) protocol;
        r[TCP_STATE] = (byte) (tcpState < 0 ? NO_TCP_STATE : tcpState);
        SyncEntry.writeShort(r, ZONE, zone);
        for (int i = 0; i < 4; i++) {
            SyncEntry.writeShort(r, PORTS + 2 * i, ports[i]);
            byte[] a = addresses[i].getAddress();
            if (a.length != length) {
                throw new IllegalArgumentException("a conntrack record's addresses are of one family");
            }
            System.arraycopy(a, 0, r, ADDRESSES + i * length, length);
        }
        SyncEntry.writeInt(r, STATUS, status);
        SyncEntry.writeInt(r, TIMEOUT, (int) Math.min(timeout, 0xffffffffL));
        SyncEntry.writeInt(r, MARK, mark);
        return r;
    }

    /** The length of the record that starts at {@code offset}, from its family byte; -1 for an unknown family. */
    public static int lengthAt(byte[] b, int offset) {
        return switch (b[offset + FAMILY]) {
            case 4 -> V4_LENGTH;
            case 6 -> V6_LENGTH;
            default -> -1;
        };
    }

    /** Checks {@code length} bytes at {@code offset}: null if they are a whole, valid record, else why not. */
    public static Rejection check(byte[] b, int offset, int length) {
        if (length < ADDRESSES || lengthAt(b, offset) != length) {
            return Rejection.CONNTRACK_RECORD;
        }
        int operation = b[offset + OPERATION];
        int protocol = b[offset + PROTOCOL] & 0xff;
        int tcpState = b[offset + TCP_STATE] & 0xff;
        boolean tcp = protocol == 6;
        if ((operation != UPDATE && operation != DESTROY) || !(tcp || protocol == 17 || protocol == 132)
                || (tcp ? tcpState > MAX_TCP_STATE && tcpState != NO_TCP_STATE : tcpState != NO_TCP_STATE)
                || b[offset + RESERVED] != 0 || b[offset + RESERVED + 1] != 0) {
            return Rejection.CONNTRACK_RECORD;
        }
        return null;
    }

    public static int operation(byte[] r) {
        return r[OPERATION];
    }

    /** A copy of {@code r} with another operation. */
    public static byte[] withOperation(byte[] r, int operation) {
        byte[] copy = r.clone();
        copy[OPERATION] = (byte) operation;
        return copy;
    }

    public static boolean ipv4(byte[] r) {
        return r[FAMILY] == 4;
    }

    public static int protocol(byte[] r) {
        return r[PROTOCOL] & 0xff;
    }

    /** The TCP state, or -1 for none. */
    public static int tcpState(byte[] r) {
        int s = r[TCP_STATE] & 0xff;
        return s == NO_TCP_STATE ? -1 : s;
    }

    public static int zone(byte[] r) {
        return SyncEntry.readShort(r, ZONE);
    }

    public static int status(byte[] r) {
        return SyncEntry.readInt(r, STATUS);
    }

    public static int mark(byte[] r) {
        return SyncEntry.readInt(r, MARK);
    }

    /** Seconds (unsigned). */
    public static long timeoutSeconds(byte[] r) {
        return SyncEntry.readInt(r, TIMEOUT) & 0xffffffffL;
    }

    /** A copy of {@code r} whose timeout is {@code seconds}. */
    public static byte[] withTimeout(byte[] r, long seconds) {
        byte[] copy = r.clone();
        SyncEntry.writeInt(copy, TIMEOUT, (int) Math.min(seconds, 0xffffffffL));
        return copy;
    }

    public static int port(byte[] r, int which) {
        return SyncEntry.readShort(r, PORTS + 2 * which);
    }

    public static InetAddress address(byte[] r, int which) {
        int length = ipv4(r) ? 4 : 16;
        byte[] a = Arrays.copyOfRange(r, ADDRESSES + which * length, ADDRESSES + (which + 1) * length);
        try {
            return length == 16 ? Inet6Address.getByAddress(null, a, -1) : InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a checked record has addresses", e);
        }
    }

    /**
     * The entry's identity, as conntrack keys it: family, protocol, zone and the original
     * tuple. The reply tuple (where source NAT sent it), state and timeout are what changes.
     */
    public static int keyHash(byte[] r) {
        int h = r[FAMILY] * 31 + (r[PROTOCOL] & 0xff);
        h = h * 31 + SyncEntry.readInt(r, ZONE);           // zone and original source port
        h = h * 31 + SyncEntry.readShort(r, PORTS + 2);
        int end = ADDRESSES + 2 * (ipv4(r) ? 4 : 16);
        for (int i = ADDRESSES; i < end; i++) {
            h = h * 31 + r[i];
        }
        return h ^ (h >>> 16);
    }

    /** Whether two records are of the same entry (see {@link #keyHash}). */
    public static boolean sameKey(byte[] x, byte[] y) {
        int end = ADDRESSES + 2 * (ipv4(x) ? 4 : 16);
        return x[FAMILY] == y[FAMILY] && x[PROTOCOL] == y[PROTOCOL]
                && Arrays.equals(x, ZONE, PORTS + 4, y, ZONE, PORTS + 4)
                && Arrays.equals(x, ADDRESSES, end, y, ADDRESSES, end);
    }
}
