package io.lvsj.ipvs;

import io.lvsj.text.InetText;

import java.net.Inet6Address;
import java.net.InetAddress;

/** How addresses are written in messages: {@code 192.0.2.1:80}, {@code [2001:db8::1]:80}. */
public final class Endpoints {
    private Endpoints() {
    }

    public static String format(InetAddress address, int port) {
        return address(address) + ":" + port;
    }

    /** An address in its shortest numeric form, IPv6 in brackets. */
    public static String address(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            return "[" + InetText.ntop6(v6.getAddress()) + "]";
        }
        return address.getHostAddress();
    }
}
