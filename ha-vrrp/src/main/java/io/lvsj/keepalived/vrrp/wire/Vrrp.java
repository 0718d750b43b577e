package io.lvsj.keepalived.vrrp.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Protocol constants of VRRP (RFC 3768, RFC 5798) as keepalived uses them. */
public final class Vrrp {
    /** IP protocol number of VRRP. */
    public static final int IPPROTO_VRRP = 112;
    /** IP protocol number of IPsec AH, which carries keepalived's v2 "AH" authentication. */
    public static final int IPPROTO_AH = 51;
    public static final int TYPE_ADVERTISEMENT = 1;
    /** TTL / hop limit of multicast adverts, checked on receipt. */
    public static final int TTL = 255;
    public static final int PRIORITY_OWNER = 255;
    public static final int PRIORITY_STOP = 0;
    /** The fixed VRRP header: version/type, VRID, priority, count, auth/interval, checksum. */
    public static final int HEADER_LENGTH = 8;
    /** VRRPv2 always carries 8 bytes of authentication data, zero without authentication. */
    public static final int AUTH_DATA_LENGTH = 8;
    public static final int IPV4_HEADER_LENGTH = 20;
    /** TOS 0xc0 (internetwork control), as keepalived sets it. */
    public static final int TOS_NETWORK_CONTROL = 0xc0;

    public static final Inet4Address GROUP4 = (Inet4Address) literal(new byte[]{(byte) 224, 0, 0, 18});
    public static final Inet6Address GROUP6 = (Inet6Address) literal(new byte[]{
            (byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12});

    private Vrrp() {
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
