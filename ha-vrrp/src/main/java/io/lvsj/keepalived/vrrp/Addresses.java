package io.lvsj.keepalived.vrrp;

import io.lvsj.text.InetText;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Addresses as bytes, turned into what logs print. */
final class Addresses {
    private Addresses() {
    }

    static InetAddress inet(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + bytes.length + " bytes", e);
        }
    }

    /**
     * The address as {@code inet_ntop} prints it, which is what keepalived's log lines show:
     * dotted quad, or IPv6 with the longest run of zero groups (two or more) compressed to
     * {@code ::} (RFC 5952), where Java would print every group.
     */
    static String text(byte[] bytes) {
        return InetText.ntop(bytes);
    }
}
