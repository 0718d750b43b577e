package io.lvsj.realserver;

import io.lvsj.text.InetText;

import java.net.InetAddress;

/** Numeric address text: VIPs are never names. */
final class Addresses {
    private Addresses() {
    }

    static String text(InetAddress a) {
        return InetText.ntop(a);
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
