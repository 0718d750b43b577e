package io.lvsj.keepalived.vrrp.wire;

import java.nio.ByteBuffer;

/**
 * The Internet checksum (RFC 1071): the one's complement of the one's complement sum of
 * 16-bit big-endian words. VRRP, IPv4 headers, ICMPv6 and the pseudo-headers of RFC 768 /
 * RFC 2460 all use it. A partial sum ({@link #add}) lets a pseudo-header and a payload be
 * summed separately, the way VRRPv3 over IPv4 needs.
 */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /** Adds {@code length} bytes of {@code buffer} from absolute index {@code offset} to a running sum. */
    public static long add(long sum, ByteBuffer buffer, int offset, int length) {
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += ((buffer.get(i) & 0xff) << 8) | (buffer.get(i + 1) & 0xff);
        }
        if (i < end) {
            sum += (buffer.get(i) & 0xff) << 8; // an odd trailing byte is padded with zero
        }
        return sum;
    }

    /** Adds the bytes of {@code bytes} (an address, for a pseudo-header) to a running sum. */
    public static long add(long sum, byte[] bytes) {
        return add(sum, ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    /** Adds one 16-bit word. */
    public static long addWord(long sum, int word) {
        return sum + (word & 0xffff);
    }

    /** Folds a running sum into the final 16-bit checksum (already complemented). */
    public static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** The checksum of {@code length} bytes from {@code offset}; 0 when they include a correct checksum. */
    public static int of(ByteBuffer buffer, int offset, int length) {
        return finish(add(0, buffer, offset, length));
    }
}
