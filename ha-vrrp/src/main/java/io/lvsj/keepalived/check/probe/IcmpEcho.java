package io.lvsj.keepalived.check.probe;

/**
 * PING_CHECK's echo request and its reading of a reply, for ICMP datagram sockets, where the
 * kernel fills in the identifier and checksum: type, code 0, a sequence number and
 * keepalived's 128 filler bytes. Pure.
 */
public final class IcmpEcho {
    static final int ECHO_REQUEST = 8;
    static final int ECHO_REPLY = 0;
    static final int ECHO6_REQUEST = 128;
    static final int ECHO6_REPLY = 129;
    static final int HEADER = 8;
    static final int PAYLOAD = 128;

    private IcmpEcho() {
    }

    public static byte[] request(boolean ipv6, int sequence) {
        byte[] filler = UdpExchange.filler(PAYLOAD);
        byte[] packet = new byte[HEADER + PAYLOAD];
        packet[0] = (byte) (ipv6 ? ECHO6_REQUEST : ECHO_REQUEST);
        packet[6] = (byte) (sequence >> 8);
        packet[7] = (byte) sequence;
        System.arraycopy(filler, 0, packet, HEADER, PAYLOAD);
        return packet;
    }

    /** A failure reason for a received message, or null when it is the echo reply. */
    public static String replyError(boolean ipv6, byte[] message, int length) {
        if (length < HEADER) {
            return "short ICMP packet, " + length + " bytes";
        }
        int type = message[0] & 0xff;
        if (type != (ipv6 ? ECHO6_REPLY : ECHO_REPLY)) {
            return "ICMP packet with type 0x" + Integer.toHexString(type);
        }
        return null;
    }
}
