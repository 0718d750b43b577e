package io.lvsj.keepalived.vrrp.wire;

import java.nio.ByteBuffer;

/**
 * The gratuitous ARP keepalived sends for an IPv4 virtual address: an Ethernet broadcast
 * carrying an ARP <em>request</em> whose sender and target protocol addresses are both the
 * VIP and whose target hardware address is the broadcast address ({@code vrrp_arp.c}).
 * Sent whole through an {@code AF_PACKET} socket.
 */
public final class GratuitousArp {
    public static final int LENGTH = 42;
    public static final int ETHERTYPE_ARP = 0x0806;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private GratuitousArp() {
    }

    /** Writes the frame at index 0 of {@code out} and returns its length. */
    public static int write(ByteBuffer out, byte[] mac, byte[] address) {
        if (mac.length != 6 || address.length != 4) {
            throw new IllegalArgumentException("a gratuitous ARP needs a 6-byte MAC and an IPv4 address");
        }
        out.put(0, BROADCAST);
        out.put(6, mac);
        out.putShort(12, (short) ETHERTYPE_ARP);
        out.putShort(14, (short) 1);               // hardware: Ethernet
        out.putShort(16, (short) ETHERTYPE_IPV4);  // protocol: IPv4
        out.put(18, (byte) 6);
        out.put(19, (byte) 4);
        out.putShort(20, (short) 1);               // op: request
        out.put(22, mac);
        out.put(28, address);
        out.put(32, BROADCAST);
        out.put(38, address);
        return LENGTH;
    }
}
