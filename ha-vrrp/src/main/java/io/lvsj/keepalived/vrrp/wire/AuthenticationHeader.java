package io.lvsj.keepalived.vrrp.wire;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * keepalived's VRRPv2 "AH" authentication: an IPsec-AH shaped header (RFC 2402 layout) between
 * the IPv4 header and the VRRP packet, IP protocol 51, carrying HMAC-MD5-96 (RFC 2085,
 * RFC 2104) keyed with the 8 {@code auth_pass} bytes.
 *
 * <pre>
 *   next header (112) | payload len (4) | reserved (0)
 *   SPI = the IPv4 source address
 *   sequence number
 *   ICV: 12 bytes
 * </pre>
 *
 * The ICV covers the IPv4 header with its mutable fields zeroed (TOS, fragment offset,
 * header checksum, and the TTL in unicast mode), the AH header with a zero ICV, and the VRRP
 * packet. One instance holds one key and a reusable MAC; it is not thread-safe.
 */
public final class AuthenticationHeader {
    public static final int LENGTH = 24;
    /** The AH payload length field: (3 + 3) 32-bit words minus 2. */
    static final int PAYLOAD_LENGTH = 4;
    static final int ICV_OFFSET = 12;
    static final int ICV_LENGTH = 12;

    private final Mac mac;
    private final byte[] scratch = new byte[16];
    private final byte[] header = new byte[60 + LENGTH]; // the largest IPv4 header plus AH

    public AuthenticationHeader(byte[] key) {
        try {
            mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key.clone(), "HmacMD5"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-MD5 is not available in this JVM", e);
        }
    }

    /**
     * Writes the AH header at {@code ahOffset} (after an IPv4 header starting at 0) and its
     * ICV over the {@code length}-byte datagram. The IP header checksum must still be zero.
     */
    public void sign(ByteBuffer datagram, int ahOffset, int length, long sequence, boolean unicast) {
        datagram.put(ahOffset, (byte) Vrrp.IPPROTO_VRRP);
        datagram.put(ahOffset + 1, (byte) PAYLOAD_LENGTH);
        datagram.putShort(ahOffset + 2, (short) 0);
        datagram.putInt(ahOffset + 4, datagram.getInt(12)); // SPI = source address
        datagram.putInt(ahOffset + 8, (int) sequence);
        for (int i = 0; i < ICV_LENGTH; i++) {
            datagram.put(ahOffset + ICV_OFFSET + i, (byte) 0);
        }
        byte[] icv = icv(datagram, ahOffset, length, unicast);
        datagram.put(ahOffset + ICV_OFFSET, icv, 0, ICV_LENGTH);
    }

    /** Whether the ICV of a received datagram (AH at {@code ahOffset}) is right, compared in constant time. */
    public boolean verify(ByteBuffer datagram, int ahOffset, int length, boolean unicast) {
        byte[] carried = new byte[ICV_LENGTH];
        datagram.get(ahOffset + ICV_OFFSET, carried);
        byte[] expected = new byte[ICV_LENGTH];
        System.arraycopy(icv(datagram, ahOffset, length, unicast), 0, expected, 0, ICV_LENGTH);
        return MessageDigest.isEqual(carried, expected);
    }

    /** The full 16-byte HMAC; the ICV is its first 12 bytes. */
    private byte[] icv(ByteBuffer datagram, int ahOffset, int length, boolean unicast) {
        int headerLength = ahOffset + LENGTH;
        datagram.get(0, header, 0, headerLength);
        header[1] = 0; // TOS
        header[6] = 0; // flags and fragment offset
        header[7] = 0;
        header[10] = 0; // header checksum
        header[11] = 0;
        if (unicast) {
            header[8] = 0; // TTL
        }
        for (int i = 0; i < ICV_LENGTH; i++) {
            header[ahOffset + ICV_OFFSET + i] = 0;
        }
        mac.update(header, 0, headerLength);
        mac.update(datagram.slice(headerLength, length - headerLength));
        try {
            mac.doFinal(scratch, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new AssertionError(e);
        }
        return scratch;
    }
}
