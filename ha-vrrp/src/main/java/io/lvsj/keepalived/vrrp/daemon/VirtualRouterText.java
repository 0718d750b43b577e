package io.lvsj.keepalived.vrrp.daemon;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Addresses as text for log lines. */
final class VirtualRouterText {
    private VirtualRouterText() {
    }

    static String address(byte[] bytes) {
        if (bytes.length == 16) {
            return io.lvsj.text.InetText.ntop(bytes); // as inet_ntop writes it: 2001:db8::1
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return "?";
        }
    }
}
