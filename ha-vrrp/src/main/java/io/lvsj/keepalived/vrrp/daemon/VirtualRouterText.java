package io.lvsj.keepalived.vrrp.daemon;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Addresses as text for log lines. */
final class VirtualRouterText {
    private VirtualRouterText() {
    }

    static String address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return "?";
        }
    }
}
