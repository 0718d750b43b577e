package io.lvsj.keepalived.vrrp.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A flyweight over a received VRRP datagram: it decodes fields in place and never copies
 * the packet, so one view per socket serves every advert. For IPv4 the datagram starts with
 * the IP header (raw sockets deliver it), possibly followed by keepalived's AH header; for
 * IPv6 it is the VRRP packet alone (the hop limit and destination come as ancillary data).
 *
 * <p>{@link #wrap} only checks that the fixed headers are there, like keepalived's
 * {@code vrrp_get_header()}; the full receive validation is {@code ReceiveCheck}'s job.
 */
public final class AdvertisementView {
    private ByteBuffer buffer;
    private int length;
    private boolean ipv4;
    private int ahOffset = -1;
    private int vrrpOffset;

    /**
     * Points this view at {@code length} bytes at the start of {@code buffer} (absolute
     * indexes). Returns false when the datagram is too short to hold the headers.
     */
    public boolean wrap(ByteBuffer buffer, int length, boolean ipv4) {
        this.buffer = buffer;
        this.length = length;
        this.ipv4 = ipv4;
        this.ahOffset = -1;
        if (!ipv4) {
            vrrpOffset = 0;
            return length >= Vrrp.HEADER_LENGTH;
        }
        if (length < Vrrp.IPV4_HEADER_LENGTH) {
            return false;
        }
        int ihl = ipHeaderLength();
        if (length < ihl + Vrrp.HEADER_LENGTH) {
            return false;
        }
        if (ipProtocol() == Vrrp.IPPROTO_AH) {
            if (length < ihl + AuthenticationHeader.LENGTH + Vrrp.HEADER_LENGTH) {
                return false;
            }
            ahOffset = ihl;
            vrrpOffset = ihl + AuthenticationHeader.LENGTH;
        } else {
            vrrpOffset = ihl;
        }
        return true;
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    public boolean isIpv4() {
        return ipv4;
    }

    // ---- IPv4 header ----

    public int ipHeaderLength() {
        return (buffer.get(0) & 0x0f) << 2;
    }

    public int ipProtocol() {
        return buffer.get(9) & 0xff;
    }

    public int ipTtl() {
        return buffer.get(8) & 0xff;
    }

    public int ipTotalLength() {
        return buffer.getShort(2) & 0xffff;
    }

    /** The IPv4 source as a big-endian int. */
    public int ipv4Source() {
        return buffer.getInt(12);
    }

    /** The IPv4 destination as a big-endian int. */
    public int ipv4Destination() {
        return buffer.getInt(16);
    }

    public boolean ipv4DestinationIsMulticast() {
        return (buffer.get(16) & 0xf0) == 0xe0;
    }

    // ---- AH ----

    public boolean hasAuthenticationHeader() {
        return ahOffset >= 0;
    }

    public int ahOffset() {
        return ahOffset;
    }

    public int ahNextHeader() {
        return buffer.get(ahOffset) & 0xff;
    }

    /** The AH sequence number, unsigned. */
    public long ahSequence() {
        return buffer.getInt(ahOffset + 8) & 0xffffffffL;
    }

    // ---- VRRP ----

    public int vrrpOffset() {
        return vrrpOffset;
    }

    public int version() {
        return (buffer.get(vrrpOffset) & 0xff) >>> 4;
    }

    public int type() {
        return buffer.get(vrrpOffset) & 0x0f;
    }

    public int vrid() {
        return buffer.get(vrrpOffset + 1) & 0xff;
    }

    public int priority() {
        return buffer.get(vrrpOffset + 2) & 0xff;
    }

    public int count() {
        return buffer.get(vrrpOffset + 3) & 0xff;
    }

    /** v2: the auth type byte. */
    public int v2AuthType() {
        return buffer.get(vrrpOffset + 4) & 0xff;
    }

    /** v2: the advert interval in seconds. */
    public int v2IntervalSeconds() {
        return buffer.get(vrrpOffset + 5) & 0xff;
    }

    /** v3: the 12-bit advert interval in centiseconds. */
    public int v3IntervalCentis() {
        return buffer.getShort(vrrpOffset + 4) & 0x0fff;
    }

    /** The interval in centiseconds whatever the version. */
    public int intervalCentis() {
        return version() == 2 ? v2IntervalSeconds() * 100 : v3IntervalCentis();
    }

    public int checksum() {
        return buffer.getShort(vrrpOffset + 6) & 0xffff;
    }

    public int addressLength() {
        return ipv4 ? 4 : 16;
    }

    /** The length the VRRP part must have for the count it announces. */
    public int expectedVrrpLength() {
        int len = Vrrp.HEADER_LENGTH + count() * addressLength();
        if (ipv4 && version() == 2) {
            len += Vrrp.AUTH_DATA_LENGTH;
        }
        return len;
    }

    /** Offset of address {@code index} in the buffer. */
    public int addressOffset(int index) {
        return vrrpOffset + Vrrp.HEADER_LENGTH + index * addressLength();
    }

    /** Whether any carried address equals {@code address} (4 or 16 bytes). */
    public boolean carries(byte[] address) {
        int n = count();
        int len = addressLength();
        if (address.length != len || addressOffset(n) > length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int at = addressOffset(i);
            boolean same = true;
            for (int b = 0; b < len && same; b++) {
                same = buffer.get(at + b) == address[b];
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    /** The offset of the 8 v2 authentication bytes (the end of the IP packet, as keepalived reads them). */
    public int v2AuthDataOffset() {
        return vrrpOffset + Vrrp.HEADER_LENGTH + count() * addressLength();
    }

    /** Decodes the whole advert into a value; for logs and tests, not the receive path. */
    public Advertisement toAdvertisement() {
        int n = count();
        int len = addressLength();
        List<InetAddress> addresses = new ArrayList<>(n);
        for (int i = 0; i < n && addressOffset(i) + len <= length; i++) {
            byte[] a = new byte[len];
            buffer.get(addressOffset(i), a);
            try {
                addresses.add(InetAddress.getByAddress(a));
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
        byte[] auth = new byte[0];
        if (version() == 2 && ipv4 && v2AuthDataOffset() + Vrrp.AUTH_DATA_LENGTH <= length) {
            auth = new byte[Vrrp.AUTH_DATA_LENGTH];
            buffer.get(v2AuthDataOffset(), auth);
        }
        int authType = version() == 2 ? v2AuthType() : 0;
        return new Advertisement(version(), type(), vrid(), priority(), authType, intervalCentis(), addresses,
                auth, checksum());
    }
}
