package io.lvsj.keepalived.vrrp.wire;

import java.nio.ByteBuffer;

/**
 * The unsolicited Neighbour Advertisement (RFC 4861 §4.4, §7.2.6) keepalived sends for an
 * IPv6 virtual address ({@code vrrp_ndisc.c}): a whole Ethernet frame to 33:33:00:00:00:01,
 * IPv6 from the VIP to ff02::1 with hop limit 255, ICMPv6 type 136 with the Override flag
 * (and Router when the interface forwards), the VIP as target and a target link-layer
 * address option with our MAC. Sent through an {@code AF_PACKET} socket.
 */
public final class NeighbourAdvertisement {
    public static final int LENGTH = 14 + 40 + 32;
    public static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int IPPROTO_ICMPV6 = 58;
    private static final int ICMPV6_LENGTH = 32;
    private static final int FLAG_ROUTER = 0x80;
    private static final int FLAG_OVERRIDE = 0x20;
    private static final byte[] ALL_NODES = {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    private NeighbourAdvertisement() {
    }

    /** Writes the frame at index 0 of {@code out} and returns its length. */
    public static int write(ByteBuffer out, byte[] mac, byte[] address, boolean router) {
        if (mac.length != 6 || address.length != 16) {
            throw new IllegalArgumentException("a neighbour advertisement needs a 6-byte MAC and an IPv6 address");
        }
        out.put(0, new byte[]{0x33, 0x33, 0, 0, 0, 1});
        out.put(6, mac);
        out.putShort(12, (short) ETHERTYPE_IPV6);
        int ip = 14;
        out.putInt(ip, 6 << 28);
        out.putShort(ip + 4, (short) ICMPV6_LENGTH);
        out.put(ip + 6, (byte) IPPROTO_ICMPV6);
        out.put(ip + 7, (byte) 255);
        out.put(ip + 8, address);
        out.put(ip + 24, ALL_NODES);
        int icmp = ip + 40;
        out.put(icmp, (byte) 136);
        out.put(icmp + 1, (byte) 0);
        out.putShort(icmp + 2, (short) 0);
        out.putInt(icmp + 4, (FLAG_OVERRIDE | (router ? FLAG_ROUTER : 0)) << 24);
        out.put(icmp + 8, address);
        out.put(icmp + 24, (byte) 2); // target link-layer address
        out.put(icmp + 25, (byte) 1); // length in units of 8 bytes
        out.put(icmp + 26, mac);
        long sum = InternetChecksum.add(0, address);
        sum = InternetChecksum.add(sum, ALL_NODES);
        sum = InternetChecksum.addWord(sum, ICMPV6_LENGTH);
        sum = InternetChecksum.addWord(sum, IPPROTO_ICMPV6);
        sum = InternetChecksum.add(sum, out, icmp, ICMPV6_LENGTH);
        out.putShort(icmp + 2, (short) InternetChecksum.finish(sum));
        return LENGTH;
    }
}
