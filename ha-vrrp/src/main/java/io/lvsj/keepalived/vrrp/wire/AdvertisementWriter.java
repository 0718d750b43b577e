package io.lvsj.keepalived.vrrp.wire;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Encodes one virtual router's adverts. The parts that never change (version, VRID, interval,
 * addresses, authentication) are fixed at construction; each {@code write} fills a reusable
 * buffer with the priority, addresses and counters of one send, so the advert path allocates
 * nothing. Pure code: sockets live elsewhere.
 *
 * <p>IPv4 adverts are whole datagrams with the IP header keepalived builds for
 * {@code IP_HDRINCL} (TOS 0xc0, no fragmentation flags, our own IP id, TTL 255 or
 * {@code unicast_ttl}, protocol 112 or 51 with AH). The header checksum is filled in too, so
 * the bytes equal what the wire carries; the kernel recomputes it anyway. IPv6 adverts are the
 * VRRP packet alone with a zero checksum, which the kernel fills in ({@code IPV6_CHECKSUM}).
 */
public final class AdvertisementWriter {
    private final int version;
    private final int vrid;
    private final int intervalCentis;
    private final byte[][] addresses;
    private final boolean ipv4;
    private final Authentication authentication;
    private final AuthenticationHeader authenticationHeader;

    public AdvertisementWriter(int version, int vrid, int intervalCentis, List<? extends InetAddress> addresses,
                               Authentication authentication) {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("VRRP version must be 2 or 3, got " + version);
        }
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID must be 1..255, got " + vrid);
        }
        if (addresses.size() > 255) {
            throw new IllegalArgumentException("an advert carries at most 255 addresses, got " + addresses.size());
        }
        this.version = version;
        this.vrid = vrid;
        this.intervalCentis = intervalCentis;
        this.ipv4 = addresses.isEmpty() || addresses.getFirst() instanceof Inet4Address;
        this.addresses = new byte[addresses.size()][];
        for (int i = 0; i < addresses.size(); i++) {
            byte[] a = addresses.get(i).getAddress();
            if ((a.length == 4) != ipv4) {
                throw new IllegalArgumentException("the addresses of an advert must all be of one family");
            }
            this.addresses[i] = a;
        }
        this.authentication = authentication == null ? Authentication.NONE : authentication;
        if (version == 3 && this.authentication.type() != AuthType.NONE) {
            throw new IllegalArgumentException("VRRPv3 has no authentication");
        }
        this.authenticationHeader = this.authentication.type() == AuthType.AH
                ? new AuthenticationHeader(this.authentication.keyBytes()) : null;
    }

    public boolean isIpv4() {
        return ipv4;
    }

    /** The length of the VRRP packet (header, addresses and, in v2 over IPv4, the 8 auth bytes). */
    public int vrrpLength() {
        int len = Vrrp.HEADER_LENGTH + addresses.length * (ipv4 ? 4 : 16);
        if (ipv4 && version == 2) {
            len += Vrrp.AUTH_DATA_LENGTH;
        }
        return len;
    }

    /** The bytes one send hands to the socket. */
    public int datagramLength() {
        if (!ipv4) {
            return vrrpLength();
        }
        int len = Vrrp.IPV4_HEADER_LENGTH + vrrpLength();
        return authenticationHeader != null ? len + AuthenticationHeader.LENGTH : len;
    }

    /**
     * Writes an IPv4 advert datagram at index 0 of {@code out} and returns its length.
     *
     * @param source      4 bytes, the IP source
     * @param destination 4 bytes, the multicast group (224.0.0.18) or a unicast peer
     * @param ipId        the IP identification (keepalived counts from 1 and never sends 0)
     * @param ahSequence  the AH sequence number (ignored without AH)
     * @param checksum    how a v3 checksum treats the pseudo-header (ignored for v2)
     * @param unicast     whether the advert goes to a unicast peer (AH then zeroes the TTL in its ICV)
     */
    public int writeIpv4(ByteBuffer out, int priority, byte[] source, byte[] destination, int ttl, int ipId,
                         long ahSequence, V3Checksum checksum, boolean unicast) {
        return writeIpv4(out, priority, source, destination, ttl, ipId, ahSequence, checksum, unicast,
                Vrrp.GROUP4.getAddress());
    }

    /** As above, the compatible checksum naming {@code checksumGroup} ({@code vrrp_mcast_group4}). */
    public int writeIpv4(ByteBuffer out, int priority, byte[] source, byte[] destination, int ttl, int ipId,
                         long ahSequence, V3Checksum checksum, boolean unicast, byte[] checksumGroup) {
        if (!ipv4) {
            throw new IllegalStateException("this virtual router is IPv6");
        }
        int length = datagramLength();
        int vrrpOffset = Vrrp.IPV4_HEADER_LENGTH + (authenticationHeader != null ? AuthenticationHeader.LENGTH : 0);
        out.put(0, (byte) 0x45);
        out.put(1, (byte) Vrrp.TOS_NETWORK_CONTROL);
        out.putShort(2, (short) length);
        out.putShort(4, (short) ipId);
        out.putShort(6, (short) 0);
        out.put(8, (byte) ttl);
        out.put(9, (byte) (authenticationHeader != null ? Vrrp.IPPROTO_AH : Vrrp.IPPROTO_VRRP));
        out.putShort(10, (short) 0);
        out.put(12, source);
        out.put(16, destination);
        writeVrrp(out, vrrpOffset, priority);
        int vrrpLength = vrrpLength();
        long sum = 0;
        if (version == 3 && checksum != V3Checksum.NO_PSEUDO_HEADER) {
            sum = InternetChecksum.add(sum, source);
            sum = InternetChecksum.add(sum, checksum == V3Checksum.PSEUDO_HEADER_MULTICAST_GROUP
                    ? checksumGroup : destination);
            sum = InternetChecksum.addWord(sum, Vrrp.IPPROTO_VRRP);
            sum = InternetChecksum.addWord(sum, vrrpLength);
        }
        sum = InternetChecksum.add(sum, out, vrrpOffset, vrrpLength);
        out.putShort(vrrpOffset + 6, (short) InternetChecksum.finish(sum));
        if (authenticationHeader != null) {
            authenticationHeader.sign(out, Vrrp.IPV4_HEADER_LENGTH, length, ahSequence, unicast);
        }
        out.putShort(10, (short) InternetChecksum.of(out, 0, Vrrp.IPV4_HEADER_LENGTH));
        return length;
    }

    /** Writes an IPv6 advert (the VRRP packet alone, checksum zero for the kernel) and returns its length. */
    public int writeIpv6(ByteBuffer out, int priority) {
        if (ipv4) {
            throw new IllegalStateException("this virtual router is IPv4");
        }
        writeVrrp(out, 0, priority);
        return vrrpLength();
    }

    /**
     * The RFC 2460 checksum the kernel puts in an IPv6 advert, for tests and captures:
     * {@code vrrp} holds the packet at index 0 with a zero checksum field.
     */
    public static int ipv6Checksum(ByteBuffer vrrp, int length, byte[] source, byte[] destination) {
        long sum = InternetChecksum.add(0, source);
        sum = InternetChecksum.add(sum, destination);
        sum = InternetChecksum.addWord(sum, length >>> 16);
        sum = InternetChecksum.addWord(sum, length);
        sum = InternetChecksum.addWord(sum, Vrrp.IPPROTO_VRRP);
        sum = InternetChecksum.add(sum, vrrp, 0, length);
        return InternetChecksum.finish(sum);
    }

    private void writeVrrp(ByteBuffer out, int at, int priority) {
        out.put(at, (byte) ((version << 4) | Vrrp.TYPE_ADVERTISEMENT));
        out.put(at + 1, (byte) vrid);
        out.put(at + 2, (byte) priority);
        out.put(at + 3, (byte) addresses.length);
        if (version == 2) {
            out.put(at + 4, (byte) authentication.type().code());
            out.put(at + 5, (byte) (intervalCentis / 100));
        } else {
            out.putShort(at + 4, (short) (intervalCentis & 0x0fff));
        }
        out.putShort(at + 6, (short) 0);
        int p = at + Vrrp.HEADER_LENGTH;
        for (byte[] a : addresses) {
            out.put(p, a);
            p += a.length;
        }
        if (ipv4 && version == 2) {
            // PASS carries the key; none and AH carry zeros.
            byte[] trailer = authentication.type() == AuthType.PASS ? authentication.keyBytes() : null;
            for (int i = 0; i < Vrrp.AUTH_DATA_LENGTH; i++) {
                out.put(p + i, trailer == null ? 0 : trailer[i]);
            }
        }
    }
}
