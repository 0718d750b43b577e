package io.lvsj.keepalived.vrrp.config;

import java.util.Arrays;
import java.util.Objects;

/**
 * A VMAC keepalived makes for an instance's addresses on an interface other than its own
 * ({@code use_vmac_addr}, or a VIP's own {@code use_vmac}): a private-mode macvlan on
 * {@code parent} with the virtual router MAC of the addresses' family, carrying those
 * addresses (their gratuitous ARPs leave from it), up in every state. One per parent and family.
 *
 * @param name   {@code PREFIX.VRID}, {@code PREFIX1.VRID}... ({@code vmac_addr_prefix}, else {@code vmac_prefix})
 * @param parent the interface the addresses name (or the instance's)
 * @param mac    00:00:5e:00:01:VRID (00:00:5e:00:02:VRID for IPv6), or the instance's {@code use_vmac} MAC
 * @param ipv6   the family of the addresses it carries
 */
public record AddressVmac(String name, String parent, byte[] mac, boolean ipv6) {
    public AddressVmac {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parent, "parent");
        mac = mac.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** Whether it carries the addresses of {@code address}'s family on {@code device}. */
    public boolean carries(String device, boolean ipv6Address) {
        return parent.equals(device) && ipv6 == ipv6Address;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressVmac a && a.name.equals(name) && a.parent.equals(parent) && Arrays.equals(a.mac, mac)
                && a.ipv6 == ipv6;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, parent, Arrays.hashCode(mac), ipv6);
    }
}
