package io.lvsj.keepalived.check;

import io.lvsj.text.InetText;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Addresses as keepalived prints them: {@code inet_ntop}'s shortest form. */
public final class Addresses {
    private Addresses() {
    }

    public static String text(InetAddress address) {
        return address instanceof Inet6Address v6 ? InetText.ntop6(v6.getAddress()) : address.getHostAddress();
    }
}
