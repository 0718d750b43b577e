package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.vrrp.VirtualRouter;
import io.lvsj.keepalived.vrrp.VrrpEngine;
import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualLink;
import io.lvsj.keepalived.vrrp.config.VirtualRoute;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.io.HostNetwork;
import io.lvsj.keepalived.vrrp.io.VrrpSocket;
import io.lvsj.keepalived.vrrp.wire.AdvertisementWriter;
import io.lvsj.keepalived.vrrp.wire.AuthType;
import io.lvsj.keepalived.vrrp.wire.Vrrp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Connects instances to the host: resolves interfaces, picks the advert source (the
 * interface's primary IPv4 address or IPv6 link-local one, as keepalived does), shares one
 * socket pair among the instances of one interface, family, protocol and unicast source (a
 * keepalived "sock pool"), and places each VIP on its interface. A reload wires the new
 * instances to the sockets already open. Runs on the VRRP thread.
 */
final class RouterWirer implements AutoCloseable {
    private record SocketKey(boolean ipv4, int protocol, String device, String unicastSource, String group) {
    }

    private final HostNetwork host;
    private final Map<String, HostNetwork.Link> links = new HashMap<>();
    private List<HostNetwork.Address> addresses = List.of();
    private final Map<SocketKey, VrrpSocket> sockets = new LinkedHashMap<>();

    RouterWirer(HostNetwork host) {
        this.host = host;
    }

    /** Re-reads interfaces and addresses. */
    void refresh() {
        links.clear();
        host.links().forEach(l -> links.put(l.name(), l));
        addresses = host.addresses();
    }

    Map<String, HostNetwork.Link> links() {
        return links;
    }

    List<HostNetwork.Address> addresses() {
        return addresses;
    }

    boolean isUp(String name) {
        HostNetwork.Link l = links.get(name);
        return l != null && l.isUp();
    }

    /**
     * Wires every instance whose interface exists. The others are left out: they start in
     * FAULT and are wired when their interface appears (keepalived with
     * {@code dynamic_interfaces}; without it the configuration check already refused them).
     */
    Map<VirtualRouter, RouterWiring> wireAll(VrrpEngine engine) {
        Map<VirtualRouter, RouterWiring> wiring = new LinkedHashMap<>();
        for (VirtualRouter r : engine.routers()) {
            if (hasInterface(r)) {
                wiring.put(r, wire(r));
            }
        }
        return wiring;
    }

    /** Whether the instance's own interface exists now. */
    boolean hasInterface(VirtualRouter r) {
        return links.containsKey(r.config().interfaceName());
    }

    /** Instances per socket, for the receive loop. */
    static Map<VrrpSocket, List<VirtualRouter>> bySocket(Map<VirtualRouter, RouterWiring> wiring) {
        Map<VrrpSocket, List<VirtualRouter>> by = new LinkedHashMap<>();
        wiring.forEach((r, w) -> by.computeIfAbsent(w.socket(), k -> new ArrayList<>()).add(r));
        return by;
    }

    /**
     * Instances per socket, for the receive loop, with each socket's receive buffer sized for
     * the instances it now serves: the sum of their {@link io.lvsj.keepalived.vrrp.config.RxBuffer}
     * shares, as keepalived sizes a socket of its pool (which it builds again at a reload; an
     * MTU policy follows the interface's MTU at each wiring). A size the kernel refuses is
     * logged as keepalived logs it, and the socket keeps the buffer it had.
     */
    Map<VrrpSocket, List<VirtualRouter>> receivers(Map<VirtualRouter, RouterWiring> wiring, java.util.function.Consumer<String> log) {
        Map<VrrpSocket, List<VirtualRouter>> by = bySocket(wiring);
        by.forEach((socket, routers) -> {
            long bytes = 0;
            for (VirtualRouter r : routers) {
                HostNetwork.Link link = links.get(r.config().interfaceName());
                bytes += r.config().rxBuffer().share(wiring.get(r).writer().datagramLength(), link == null ? 0 : link.mtu());
            }
            try {
                socket.receiveBuffer(bytes);
            } catch (io.lvsj.sys.ErrnoException e) {
                log.accept("vrrp set receive socket buffer size error " + e.errno());
            }
        });
        return by;
    }

    /** Closes the sockets no instance of {@code inUse} needs any more. */
    void closeUnused(Collection<RouterWiring> inUse) {
        Set<VrrpSocket> keep = new HashSet<>();
        inUse.forEach(w -> keep.add(w.socket()));
        sockets.values().removeIf(s -> {
            if (keep.contains(s)) {
                return false;
            }
            s.close();
            return true;
        });
    }

    /**
     * Opens (or shares) the instance's socket and places its addresses; its interface (and
     * its {@code use_vmac}/{@code use_ipvlan} link) must exist. An instance with such a link
     * sends and receives there (a VMAC with {@code vmac_xmit_base}: on the interface itself),
     * from the interface's address (an IPv4 ipvlan: from its own). A VMAC instance's VIPs of its
     * family that name no other interface go on the VMAC; an ipvlan instance's stay on the
     * interface, where keepalived 2.2.7 puts them (it moves VIPs to VMACs only).
     */
    RouterWiring wire(VirtualRouter r) {
        VirtualRouterConfig c = r.config();
        HostNetwork.Link base = links.get(c.interfaceName());
        if (base == null) {
            throw new IllegalArgumentException("(" + c.name() + ") interface " + c.interfaceName()
                    + " doesn't exist");
        }
        VirtualLink virtual = c.virtualLink();
        HostNetwork.Link link = base;
        if (virtual != null) {
            HostNetwork.Link made = links.get(virtual.name());
            if (made == null) {
                throw new IllegalArgumentException("(" + c.name() + ") interface " + virtual.name() + " doesn't exist");
            }
            if (!(virtual instanceof VirtualLink.Macvlan m && m.transmitOnBase())) {
                link = made;
            }
        }
        if (c.sourceAddress() == null) {
            boolean ownAddress = virtual instanceof VirtualLink.Ipvlan i && i.address() != null && r.isIpv4();
            r.useSourceAddress(ownAddress ? ((VirtualLink.Ipvlan) virtual).address().address().getAddress()
                    : primaryAddress(addresses, sourceIndex(c, base.index(), link.index()), r.isIpv4()));
        }
        int protocol = c.authentication().type() == AuthType.AH ? Vrrp.IPPROTO_AH : Vrrp.IPPROTO_VRRP;
        byte[] unicastSource = c.isUnicast() ? r.sourceAddress() : null;
        if (c.isUnicast() && unicastSource == null) {
            throw new IllegalArgumentException("(" + c.name() + ") no address on " + c.interfaceName()
                    + " to send unicast adverts from");
        }
        HostNetwork.Link on = link;
        byte[] group = unicastSource == null ? c.group() : null;
        SocketKey key = new SocketKey(r.isIpv4(), protocol, on.name(),
                unicastSource == null ? null : Arrays.toString(unicastSource),
                group == null ? null : Arrays.toString(group));
        VrrpSocket socket = sockets.computeIfAbsent(key,
                k -> VrrpSocket.open(r.isIpv4(), protocol, on.name(), on.index(), unicastSource, group));
        AdvertisementWriter writer = new AdvertisementWriter(c.version(), c.vrid(), c.advertIntervalCentis(),
                c.virtualAddresses().stream().map(VirtualAddress::address).toList(), c.authentication());
        List<RouterWiring.PlacedAddress> placed = new ArrayList<>();
        List<VirtualAddress> all = new ArrayList<>(c.virtualAddresses());
        all.addAll(c.excludedAddresses());
        for (VirtualAddress v : all) {
            String paced = v.deviceOr(c.interfaceName());
            String device = paced;
            io.lvsj.keepalived.vrrp.config.AddressVmac own = c.addressVmacOf(v);
            if (own != null) {
                device = own.name();
            } else if (virtual instanceof VirtualLink.Macvlan && device.equals(c.interfaceName())
                    && v.isIpv4() == r.isIpv4()) {
                device = virtual.name();
            }
            HostNetwork.Link target = links.get(device);
            if (target == null) {
                throw new IllegalArgumentException("(" + c.name() + ") interface " + device + " of "
                        + v.address().getHostAddress() + " doesn't exist");
            }
            placed.add(new RouterWiring.PlacedAddress(v, device, target.index(), target.mac(), paced));
        }
        List<byte[]> peers = c.unicastPeers().stream().map(InetAddress::getAddress).toList();
        List<RouterWiring.PlacedRoute> routes = new ArrayList<>();
        for (VirtualRoute route : c.virtualRoutes()) {
            routes.add(new RouterWiring.PlacedRoute(route, route.device() == null ? 0 : index(c.name(), route.device())));
        }
        return new RouterWiring(socket, writer, peers, link.index(), link.mac(), placed, routes, c.group(),
                c.checksumGroup());
    }

    /** The index of interface {@code device}, for {@code owner}'s error message if it is missing. */
    int index(String owner, String device) {
        HostNetwork.Link l = links.get(device);
        if (l == null) {
            throw new IllegalArgumentException("(" + owner + ") interface " + device + " doesn't exist");
        }
        return l.index();
    }

    /**
     * The interface whose address an instance sends from when none is configured: its own (a
     * VMAC's parent, whose link-local address the VMAC is given), but an ipvlan's own, which
     * the kernel gives a link-local address of its own (an IPv4 ipvlan has its configured one).
     * Until it has one the instance is in FAULT, as keepalived's is.
     */
    static int sourceIndex(VirtualRouterConfig c, int baseIndex, int linkIndex) {
        return c.virtualLink() instanceof VirtualLink.Ipvlan ? linkIndex : baseIndex;
    }

    /** keepalived's default source: the interface's primary IPv4 address, or its IPv6 link-local one. */
    static byte[] primaryAddress(List<HostNetwork.Address> addresses, int ifindex, boolean ipv4) {
        for (HostNetwork.Address a : addresses) {
            if (a.index() != ifindex || a.isIpv4() != ipv4) {
                continue;
            }
            if (ipv4 ? (a.flags() & 0x01) == 0 : a.isLinkLocal6()) { // not IFA_F_SECONDARY
                return a.address();
            }
        }
        return null;
    }

    @Override
    public void close() {
        sockets.values().forEach(VrrpSocket::close);
        sockets.clear();
    }
}
