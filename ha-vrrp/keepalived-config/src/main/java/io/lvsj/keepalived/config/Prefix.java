package io.lvsj.keepalived.config;

import java.net.Inet6Address;
import java.net.InetAddress;

/** An address with a prefix length, as routes and rules use them; {@code default} has length 0 and no address. */
public record Prefix(InetAddress address, int length, boolean ipv6) {

    /** {@code default}, {@code any} or {@code all} of a family. */
    public static Prefix any(boolean ipv6) {
        return new Prefix(null, 0, ipv6);
    }

    public static Prefix of(InetAddress address, int length) {
        return new Prefix(address, length, address instanceof Inet6Address);
    }

    public boolean isDefault() {
        return address == null;
    }
}
