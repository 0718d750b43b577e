package io.lvsj.fullnat;

import io.lvsj.text.InetText;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses as the firewall tools print them and as LVS-J writes them into rules and its
 * state file: dotted IPv4, RFC 5952 IPv6 ({@code 2001:db8::1}), never a name.
 */
public final class AddressText {
    private AddressText() {
    }

    public static String of(InetAddress address) {
        return InetText.ntop(address);
    }

    /** {@code 192.0.2.1:80} or {@code [2001:db8::1]:80}. */
    public static String endpoint(InetAddress address, int port) {
        return address instanceof Inet6Address ? "[" + of(address) + "]:" + port : of(address) + ":" + port;
    }

    /**
     * A numeric address, or {@code null} when {@code text} is none: no name is ever looked up
     * (an IPv6 literal may not be bracketed here).
     */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The host prefix length of the address's family: 32 or 128. */
    public static int hostPrefix(InetAddress address) {
        return address instanceof Inet4Address ? 32 : 128;
    }
}
