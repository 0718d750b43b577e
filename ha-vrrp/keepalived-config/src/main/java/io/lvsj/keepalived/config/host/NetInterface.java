package io.lvsj.keepalived.config.host;

/**
 * What keepalived's configuration check looks at in a network interface: that it exists,
 * whether it is a loopback, whether it can multicast, whether it is Ethernet (VMACs need that),
 * its MTU (how many VIPs fit in an advert) and its kind (a macvlan keepalived may reuse).
 */
public record NetInterface(String name, int index, boolean loopback, boolean multicast, boolean ethernet, int mtu,
                           String kind) {
}
