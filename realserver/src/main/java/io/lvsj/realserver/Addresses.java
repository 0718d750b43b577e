package io.lvsj.realserver;

import io.lvsj.ipvs.Ipv6Text;

import java.net.Inet4Address;
import java.net.InetAddress;

/** Numeric address text: VIPs are never names. */
final class Addresses {
    private Addresses() {
    }

    static String text(InetAddress a) {
        return a instanceof Inet4Address ? a.getHostAddress() : Ipv6Text.compress(a.getAddress());
    }

    /** The address, or {@code null} when {@code text} is not a numeric IPv4 or IPv6 address. */
    static InetAddress parse(String text) {
        try {
            return text == null || text.isEmpty() ? null : InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
