package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.check.Addresses;

import java.net.InetAddress;
import java.util.Objects;

/** What identifies a real server within its virtual server, on reload as in IPVS: address and port. */
public record RealServerKey(InetAddress address, int port) {
    public RealServerKey {
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        return "[" + Addresses.text(address) + "]:" + port;
    }
}
