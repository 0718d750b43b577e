package io.lvsj.keepalived.config.parse;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code inet_pton} for literals: never a DNS lookup. IPv4 must be four decimal parts, as
 * {@code inet_pton(AF_INET)} wants; IPv6 any form {@code inet_pton(AF_INET6)} takes.
 */
final class Addresses {
    private Addresses() {
    }

    /** Parses a literal the family of which is known from a ':' in it; null if invalid. */
    static InetAddress parse(String text) {
        return text.indexOf(':') >= 0 ? parse6(text) : parse4(text);
    }

    /** inet_pton(AF_INET): four decimal parts of up to three digits, no leading zeros, each at most 255. */
    static InetAddress parse4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int p = 0;
        int n = text.length();
        while (true) {
            int start = p;
            int value = 0;
            while (p < n && p - start < 4) {
                char c = text.charAt(p);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                p++;
            }
            int digits = p - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return null; // inet_pton rejects leading zeros
            }
            bytes[part++] = (byte) value;
            if (part == 4) {
                break;
            }
            if (p >= n || text.charAt(p) != '.') {
                return null;
            }
            p++;
        }
        if (p != n) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static InetAddress parse6(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return null;
        }
        if (text.contains(":::")) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName("[" + text + "]");
            if (a instanceof Inet6Address) {
                return a;
            }
            // Java maps ::ffff:a.b.c.d to IPv4; keep it IPv6 as inet_pton does
            byte[] v4 = a.getAddress();
            byte[] v6 = new byte[16];
            v6[10] = (byte) 0xff;
            v6[11] = (byte) 0xff;
            System.arraycopy(v4, 0, v6, 12, 4);
            return Inet6Address.getByAddress(null, v6, -1);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isIpv6(InetAddress a) {
        return a instanceof Inet6Address;
    }

    static boolean isIpv4(InetAddress a) {
        return a instanceof Inet4Address;
    }

    /** The textual form keepalived prints (and parses back): dotted quad, or RFC 5952 IPv6. */
    static String format(InetAddress a) {
        return io.lvsj.text.InetText.ntop(a);
    }

    /** {@code inet_stosockaddr} ignores anything from a '-' or '/' on. */
    static String stripRangeAndMask(String text) {
        int cut = text.indexOf('-');
        if (cut < 0) {
            cut = text.indexOf('/');
        }
        return cut < 0 ? text : text.substring(0, cut);
    }
}
