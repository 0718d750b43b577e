package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRoute;
import io.lvsj.keepalived.vrrp.io.VrrpSocket;
import io.lvsj.keepalived.vrrp.wire.AdvertisementWriter;

import java.util.List;

/**
 * What the shell needs to act for one instance: its socket, its advert encoder, its unicast
 * peers, its interface, where each of its addresses goes, the multicast group its adverts go
 * to and the one its compatible v3 checksum names (computed once: sending allocates nothing).
 */
record RouterWiring(VrrpSocket socket, AdvertisementWriter writer, List<byte[]> peers, int ifindex, byte[] mac,
                    List<PlacedAddress> addresses, List<PlacedRoute> routes, byte[] group, byte[] checksumGroup) {
    /** A virtual route with its output interface (0: the kernel chooses from the gateway). */
    record PlacedRoute(VirtualRoute route, int ifindex) {
    }

    /**
     * A VIP (or excluded VIP) with the interface it is installed on, and that interface's base
     * (the VMAC's parent; itself otherwise), whose gratuitous ARP pace it follows.
     */
    record PlacedAddress(VirtualAddress address, String device, int ifindex, byte[] mac, String base) {
        PlacedAddress(VirtualAddress address, String device, int ifindex, byte[] mac) {
            this(address, device, ifindex, mac, device);
        }
    }
}
