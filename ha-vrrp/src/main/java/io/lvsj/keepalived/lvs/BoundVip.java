package io.lvsj.keepalived.lvs;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A VIP as {@code vip_bind_dev} puts it on an interface: the address alone, as a /32 or /128,
 * so that a routing daemon exporting the interface announces exactly that host route.
 */
public record BoundVip(String device, InetAddress address) {
    public BoundVip {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(address, "address");
    }

    public int prefixLength() {
        return address instanceof Inet4Address ? 32 : 128;
    }

    @Override
    public String toString() {
        return io.lvsj.keepalived.check.Addresses.text(address) + "/" + prefixLength() + " on " + device;
    }
}
