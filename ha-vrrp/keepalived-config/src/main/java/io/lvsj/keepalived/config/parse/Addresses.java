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

    static InetAddress parse4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            if (p.length() > 1 && p.charAt(0) == '0') {
                return null; // inet_pton rejects leading zeros
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            bytes[i] = (byte) v;
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
