package io.lvsj.syncd.wire;

import java.util.Arrays;

/**
 * One connection record of a sync version 1 message ({@code struct ip_vs_sync_v4} or
 * {@code ip_vs_sync_v6} and its options), handled as the bytes themselves: the relay and its
 * table keep records in this form, so a million connections cost about 100 bytes each rather
 * than a graph of objects. A record here is always validated ({@link #check}) and unpadded:
 * its length is its {@code ver_size}.
 *
 * <pre>
 *  0 type (bit 0: IPv6)   1 protocol   2 ver_size (be16: version 4 bits, length 12 bits)
 *  4 flags (be32)   8 state (be16)   10 cport   12 vport   14 dport   16 fwmark (be32)
 * 20 timeout in seconds (be32)   24 caddr, vaddr, daddr (4 or 16 bytes each)   36 / 72 options
 * </pre>
 *
 * Options are {@code type, length (1..255), data}: SEQ (1, 24 bytes), PE_DATA (2, up to 255),
 * PE_NAME (3, up to 16). A type with bit 0x40 set may be skipped if unknown, as the kernel does.
 */
public final class SyncEntry {
    public static final int TYPE = 0;
    public static final int PROTOCOL = 1;
    public static final int VER_SIZE = 2;
    public static final int FLAGS = 4;
    public static final int STATE = 8;
    public static final int CPORT = 10;
    public static final int VPORT = 12;
    public static final int DPORT = 14;
    public static final int FWMARK = 16;
    public static final int TIMEOUT = 20;
    public static final int ADDRESSES = 24;
    public static final int V4_LENGTH = 36;
    public static final int V6_LENGTH = 72;
    public static final int TYPE_INET6 = 0x01;
    public static final int OPT_SEQ = 1;
    public static final int OPT_PE_DATA = 2;
    public static final int OPT_PE_NAME = 3;
    public static final int OPT_SKIPPABLE = 0x40;
    public static final int SEQ_LENGTH = 24;
    public static final int PE_DATA_MAX = 255;
    public static final int PE_NAME_MAX = 16;
    /** The largest length {@code ver_size} can express. */
    public static final int MAX_LENGTH = 0x0fff;

    private SyncEntry() {
    }

    /**
     * Whether {@code length} bytes at {@code offset} form a record as a backup kernel accepts it
     * (and as our own table needs it): {@code null} if so, else what is wrong. Never throws.
     */
    public static Rejection check(byte[] b, int offset, int length) {
        if (length < V4_LENGTH) {
            return Rejection.RECORD_TOO_SHORT;
        }
        int type = b[offset + TYPE] & 0xff;
        if (type != 0 && type != TYPE_INET6) {
            return Rejection.ADDRESS_TYPE;
        }
        int fixed = type == 0 ? V4_LENGTH : V6_LENGTH;
        if (length < fixed) {
            return Rejection.RECORD_TOO_SHORT;
        }
        int flags = readInt(b, offset + FLAGS);
        if ((flags & ConnectionFlags.TEMPLATE) == 0 && !balanced(b[offset + PROTOCOL] & 0xff)) {
            return Rejection.PROTOCOL;
        }
        if ((flags & ConnectionFlags.ONE_PACKET) != 0) {
            return Rejection.FLAGS;
        }
        int seen = 0;
        int p = offset + fixed;
        int end = offset + length;
        while (p < end) {
            if (p + 2 > end) {
                return Rejection.OPTION_TRUNCATED;
            }
            int optionType = b[p] & 0xff;
            int optionLength = b[p + 1] & 0xff;
            if (optionLength == 0 || p + 2 + optionLength > end) {
                return Rejection.OPTION_TRUNCATED;
            }
            int kind = optionType & ~OPT_SKIPPABLE;
            switch (kind) {
                case OPT_SEQ, OPT_PE_DATA, OPT_PE_NAME -> {
                    int limit = kind == OPT_SEQ ? SEQ_LENGTH : kind == OPT_PE_DATA ? PE_DATA_MAX : PE_NAME_MAX;
                    boolean badLength = kind == OPT_SEQ ? optionLength != SEQ_LENGTH : optionLength > limit;
                    if (badLength || (seen & (1 << kind)) != 0) {
                        return Rejection.OPTION_INVALID;
                    }
                    seen |= 1 << kind;
                }
                default -> {
                    if ((optionType & OPT_SKIPPABLE) == 0) {
                        return Rejection.OPTION_UNKNOWN;
                    }
                }
            }
            p += 2 + optionLength;
        }
        return null;
    }

    /** Protocols IPVS balances: TCP, UDP, SCTP, AH, ESP. */
    static boolean balanced(int protocol) {
        return protocol == 6 || protocol == 17 || protocol == 132 || protocol == 50 || protocol == 51;
    }

    public static boolean ipv6(byte[] entry) {
        return (entry[TYPE] & TYPE_INET6) != 0;
    }

    public static int addressLength(byte[] entry) {
        return ipv6(entry) ? 16 : 4;
    }

    public static int flags(byte[] entry) {
        return readInt(entry, FLAGS);
    }

    /** The timeout the record carries, in seconds (unsigned). */
    public static long timeoutSeconds(byte[] entry) {
        return readInt(entry, TIMEOUT) & 0xffffffffL;
    }

    /** A copy of {@code entry} whose timeout is {@code seconds}. */
    public static byte[] withTimeout(byte[] entry, long seconds) {
        byte[] copy = entry.clone();
        writeInt(copy, TIMEOUT, (int) Math.min(seconds, 0xffffffffL));
        return copy;
    }

    /**
     * The connection's identity as the table keys it: address family, protocol, whether it
     * is a template, client and virtual address and port, fwmark, and the persistence data of
     * a template (a SIP template is one per Call-ID). The destination, state and timeout are
     * what an update changes.
     */
    public static int keyHash(byte[] e) {
        int h = (e[TYPE] & 0xff) * 31 + (e[PROTOCOL] & 0xff);
        h = h * 31 + (flags(e) & ConnectionFlags.TEMPLATE);
        h = h * 31 + readInt(e, CPORT);          // cport and vport
        h = h * 31 + readInt(e, FWMARK);
        int a = addressLength(e);
        for (int i = ADDRESSES; i < ADDRESSES + 2 * a; i++) {
            h = h * 31 + e[i];
        }
        int pe = peData(e);
        if (pe >= 0) {
            for (int i = pe + 2; i < pe + 2 + (e[pe + 1] & 0xff); i++) {
                h = h * 31 + e[i];
            }
        }
        return h ^ (h >>> 16);
    }

    /** Whether two records are the same connection (see {@link #keyHash}). */
    public static boolean sameKey(byte[] x, byte[] y) {
        if (x[TYPE] != y[TYPE] || x[PROTOCOL] != y[PROTOCOL]
                || (flags(x) & ConnectionFlags.TEMPLATE) != (flags(y) & ConnectionFlags.TEMPLATE)
                || readInt(x, CPORT) != readInt(y, CPORT) || readInt(x, FWMARK) != readInt(y, FWMARK)) {
            return false;
        }
        int a = addressLength(x);
        if (!Arrays.equals(x, ADDRESSES, ADDRESSES + 2 * a, y, ADDRESSES, ADDRESSES + 2 * a)) {
            return false;
        }
        int px = peData(x);
        int py = peData(y);
        if (px < 0 || py < 0) {
            return px == py;
        }
        return Arrays.equals(x, px + 2, px + 2 + (x[px + 1] & 0xff), y, py + 2, py + 2 + (y[py + 1] & 0xff));
    }

    /** Offset of the PE_DATA option's type byte in a checked record, or -1. */
    static int peData(byte[] e) {
        int p = ipv6(e) ? V6_LENGTH : V4_LENGTH;
        while (p + 2 <= e.length) {
            if (((e[p] & 0xff) & ~OPT_SKIPPABLE) == OPT_PE_DATA) {
                return p;
            }
            p += 2 + (e[p + 1] & 0xff);
        }
        return -1;
    }

    static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    static int readShort(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static void writeShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }
}
