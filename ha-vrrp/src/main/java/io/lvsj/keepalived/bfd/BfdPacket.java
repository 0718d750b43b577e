package io.lvsj.keepalived.bfd;

import java.nio.ByteBuffer;

/**
 * A BFD Control packet (RFC 5880 §4.1) without authentication: version 1, diagnostic, state,
 * the P/F/C/A/D/M flags, detection multiplier, the two discriminators and the three
 * intervals (microseconds). {@link #decode} applies keepalived's {@code bfd_check_packet}
 * (the reception checks of RFC 5880 §6.8.6 that need no session).
 */
public record BfdPacket(int diag, BfdState state, boolean poll, boolean fin, boolean demand, boolean auth,
                        int detectMult, int myDiscriminator, int yourDiscriminator, long desiredMinTx,
                        long requiredMinRx, long requiredMinEchoRx) {
    public static final int LENGTH = 24;
    private static final int VERSION = 1;

    /** Writes the packet at the buffer's position. */
    public void encode(ByteBuffer b) {
        b.put((byte) (VERSION << 5 | diag & 0x1f));
        b.put((byte) (state.number() << 6 | (poll ? 0x20 : 0) | (fin ? 0x10 : 0) | (auth ? 0x04 : 0)
                | (demand ? 0x02 : 0)));
        b.put((byte) detectMult).put((byte) LENGTH);
        b.putInt(myDiscriminator).putInt(yourDiscriminator);
        b.putInt((int) desiredMinTx).putInt((int) requiredMinRx).putInt((int) requiredMinEchoRx);
    }

    /** Why a received packet is refused, as keepalived logs it with {@code -D}, or {@code null}. */
    static String refusal(ByteBuffer b, int length) {
        if (length < LENGTH) {
            return "Packet is too small: " + length + " bytes";
        }
        int declared = b.get(b.position() + 3) & 0xff;
        if (declared != length) {
            return "Packet size mismatch: length field: " + declared + " bytes, buffer size: " + length + " bytes";
        }
        int version = (b.get(b.position()) & 0xff) >> 5;
        if (version != VERSION) {
            return "Packet is of unsupported version: " + version;
        }
        int flags = b.get(b.position() + 1) & 0xff;
        int state = flags >> 6;
        if ((b.get(b.position() + 2) & 0xff) == 0) {
            return "Packet 'detection multiplier' field is zero";
        }
        if ((flags & 0x01) != 0) {
            return "Packet has 'multipoint' flag";
        }
        if (b.getInt(b.position() + 4) == 0) {
            return "Packet 'my discriminator' field is zero";
        }
        if (b.getInt(b.position() + 8) == 0 && state != BfdState.DOWN.number() && state != BfdState.ADMIN_DOWN.number()) {
            return "Packet 'your discriminator' field is zero and 'state' field is not Down or AdminDown";
        }
        if ((flags & 0x30) == 0x30) {
            return "Packet has both poll and final flags set";
        }
        int diag = b.get(b.position()) & 0x1f;
        if (diag > 8) {
            return "Packet has invalid 'diag' field: " + diag;
        }
        return null;
    }

    /** The packet of {@code length} bytes at the buffer's position, or {@code null} when {@link #refusal} refuses it. */
    public static BfdPacket decode(ByteBuffer b, int length) {
        if (refusal(b, length) != null) {
            return null;
        }
        int p = b.position();
        int flags = b.get(p + 1) & 0xff;
        return new BfdPacket(b.get(p) & 0x1f, BfdState.of(flags >> 6), (flags & 0x20) != 0, (flags & 0x10) != 0,
                (flags & 0x02) != 0, (flags & 0x04) != 0, b.get(p + 2) & 0xff, b.getInt(p + 4), b.getInt(p + 8),
                Integer.toUnsignedLong(b.getInt(p + 12)), Integer.toUnsignedLong(b.getInt(p + 16)),
                Integer.toUnsignedLong(b.getInt(p + 20)));
    }
}
