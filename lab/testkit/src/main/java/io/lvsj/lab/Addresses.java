package io.lvsj.lab;

import java.net.InetAddress;

/** Literal addresses in tests, without checked exceptions. */
public final class Addresses {
    private Addresses() {
    }

    /** A numeric IPv4 or IPv6 address (never a name lookup). */
    public static InetAddress ip(String literal) {
        try {
            return InetAddress.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("not an address literal: " + literal, e);
        }
    }
}
