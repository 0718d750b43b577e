package io.lvsj.ipvsadm.cli;

import io.lvsj.ipvsadm.inet.NameService;
import io.lvsj.text.InetText;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Option values that take more than a line to read: timeouts, persistence netmasks, multicast groups. */
final class OptionValues {
    private static final int MAX_TIMEOUT = 86400 * 31;

    private OptionValues() {
    }

    static int timeout(String value, int min) {
        long n = CNumbers.number(value, min, MAX_TIMEOUT);
        if (n < 0) {
            throw Exit.fail("invalid timeout value `" + value + "' specified");
        }
        return (int) n;
    }

    /** A dotted IPv4 mask (or a host name, as ipvsadm allows), or an IPv6 prefix length. */
    static int netmask(String value, boolean ipv6, NameService names) {
        if (ipv6) {
            int prefix = CNumbers.atoi(value);
            if (prefix < 1 || prefix > 128) {
                throw Exit.fail("illegal ipv6 netmask specified");
            }
            return prefix;
        }
        byte[] mask = InetText.aton(value);
        if (mask == null) {
            mask = names.hostAddress(value);
        }
        if (mask == null) {
            throw Exit.fail("illegal virtual server persistent mask specified");
        }
        return ((mask[0] & 0xff) << 24) | ((mask[1] & 0xff) << 16) | ((mask[2] & 0xff) << 8) | (mask[3] & 0xff);
    }

    static InetAddress multicastGroup(String value) {
        try {
            if (value.indexOf(':') >= 0) {
                byte[] v6 = InetText.pton6(value);
                if (v6 == null || (v6[0] & 0xff) != 0xff) {
                    throw Exit.fail("invalid IPv6 mcast-group `" + value + "'");
                }
                return Inet6Address.getByAddress(null, v6, -1);
            }
            byte[] v4 = InetText.pton4(value);
            if (v4 == null || (v4[0] & 0xf0) != 0xe0) {
                throw Exit.fail("invalid IPv4 mcast-group `" + value + "'");
            }
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    /** {@code -z}: a numeric IPv4 or IPv6 address (a local address is never looked up by name). */
    static InetAddress localAddress(String value) {
        InetAddress a = io.lvsj.fullnat.AddressText.parse(value);
        if (a == null) {
            throw Exit.fail("illegal local address specified");
        }
        return a;
    }

    /** C's {@code strncpy} into a fixed buffer: at most {@code max} characters. */
    static String cut(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
