package io.lvsj.keepalived.vrrp.io;

import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRoute;
import io.lvsj.keepalived.vrrp.config.VirtualRule;

import java.util.List;

/**
 * What the VRRP shell needs from the host's network configuration: interfaces with their
 * flags and MAC, their addresses (for the advert source), and adding and removing virtual
 * addresses. A small seam so the engine does not depend on how rtnetlink is spoken.
 */
public interface HostNetwork extends AutoCloseable {
    int IFF_UP = 0x1;
    int IFF_RUNNING = 0x40;

    /** An interface. */
    record Link(int index, String name, int flags, byte[] mac, int mtu) {
        /** keepalived's {@code FLAGS_UP}: administratively up and running (carrier). */
        public boolean isUp() {
            return (flags & (IFF_UP | IFF_RUNNING)) == (IFF_UP | IFF_RUNNING);
        }
    }

    /** An address configured on an interface. */
    record Address(int index, byte[] address, int prefixLength, int scope, int flags, String label) {
        public boolean isIpv4() {
            return address.length == 4;
        }

        public boolean isLinkLocal6() {
            return address.length == 16 && (address[0] & 0xff) == 0xfe && (address[1] & 0xc0) == 0x80;
        }
    }

    List<Link> links();

    List<Address> addresses();

    /**
     * Adds {@code address} to interface {@code ifindex} as keepalived does (IPv6 with
     * {@code nodad}; an IPv6 /128 deprecated so it is never picked as a source). An address
     * that is already there is not an error.
     */
    void addAddress(VirtualAddress address, int ifindex);

    /** Removes it; an address that is already gone is not an error. */
    void deleteAddress(VirtualAddress address, int ifindex);

    /**
     * Adds a route through interface {@code ifindex} (0: let the kernel choose) as keepalived
     * does: prepended unless its mode says otherwise, with keepalived's protocol unless given.
     */
    void addRoute(VirtualRoute route, int ifindex);

    /** Adds a policy routing rule ({@code virtual_rules}, {@code static_rules}). */
    void addRule(VirtualRule rule);

    /** Removes a rule; one already gone is not an error. */
    void deleteRule(VirtualRule rule);

    /** Removes a route; one already gone is not an error. */
    void deleteRoute(VirtualRoute route, int ifindex);

    /** Creates a private-mode macvlan {@code name} on {@code parent} with {@code mac}; it starts down. */
    void addMacvlan(String name, int parent, byte[] mac);

    /** Creates an L2 ipvlan {@code name} on {@code parent} with IPVLAN_F_* {@code flags}; it starts down. */
    void addIpvlan(String name, int parent, int flags);

    /** Deletes a link; one already gone is not an error. */
    void deleteLink(int index);

    /** Sets a link administratively up. */
    void setUp(int index);

    /** Sets {@code net.ipv4.conf.IF.*} by IPV4_DEVCONF_* number (rtnetlink's IFLA_INET_CONF). */
    void setIpv4Settings(int index, java.util.Map<Integer, Integer> settings);

    /** Tells the kernel to make no IPv6 link-local address for the link (IN6_ADDR_GEN_MODE_NONE). */
    void disableIpv6AddressGeneration(int index);

    @Override
    void close();
}
