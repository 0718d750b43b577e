package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.vrrp.config.AddressVmac;
import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualLink;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.firewall.VrrpFirewall;
import io.lvsj.keepalived.vrrp.io.HostNetwork;
import io.lvsj.rtnl.RtnlClient;
import org.slf4j.Logger;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The links keepalived makes for {@code use_vmac} and {@code use_ipvlan} instances
 * ({@code netlink_link_add_vmac}, {@code netlink_link_add_ipvlan}), made the same way:
 * <ul>
 *   <li>VMAC: a private-mode macvlan on the instance's interface with the virtual router MAC;
 *       for IPv4, {@code arp_ignore=1 accept_local=1 rp_filter=0 promote_secondaries=1} on it
 *       and {@code arp_ignore=1 arp_filter=1} on its parent (which, as with keepalived 2.2.7,
 *       keeps them after stop); entered in the nftables {@code vmac_map} so multicast
 *       reports leave from the parent; IPv6 off unless the instance has IPv6 addresses;
 *       no kernel link-local address; up; for IPv6 (unless {@code vmac_xmit_base}) the
 *       parent's link-local address, deprecated, so adverts come from it.</li>
 *   <li>ipvlan: an L2 ipvlan in the configured mode, up, IPv6 as above, with its address.</li>
 * </ul>
 * Address VMACs ({@code use_vmac_addr}, a VIP's {@code use_vmac}) are made the same way as a
 * VMAC, on the addresses' interface. A link of the right kind and MAC already there (a previous run's) is taken over; one of
 * the wrong MAC is made again. The links made are deleted when the daemon stops. Runs on the
 * VRRP thread, in the daemon's namespace (the /proc/sys files it writes are that namespace's).
 */
final class VirtualLinks {
    private static final Path IPV4_CONF = Path.of("/proc/sys/net/ipv4/conf");
    private static final Path IPV6_CONF = Path.of("/proc/sys/net/ipv6/conf");

    /** A link this daemon made or took over, with what removing it needs. */
    private record Made(String instance, VirtualLink link, int index, int baseIndex, boolean ipv4, boolean otherFamily,
                        boolean firewalled) {
    }

    private final HostNetwork host;
    private final Supplier<VrrpFirewall> firewall;
    /** The interfaces whose promote_secondaries this daemon turned on, by name, with their index. */
    private final Map<String, Integer> promoted = new java.util.LinkedHashMap<>();
    private final Logger log;
    private final boolean disableLocalIgmp;
    private final Map<String, Made> made = new LinkedHashMap<>();

    VirtualLinks(HostNetwork host, Supplier<VrrpFirewall> firewall, boolean disableLocalIgmp, Logger log) {
        this.host = host;
        this.firewall = firewall;
        this.disableLocalIgmp = disableLocalIgmp;
        this.log = log;
    }

    /**
     * keepalived's {@code set_promote_secondaries}: an instance with {@code promote_secondaries}
     * turns the IPv4 setting of that name on for its interface if it is off, and it is turned
     * off again when no instance wants it any more (a reload, the stop). One that was on is
     * left alone.
     */
    void promoteSecondaries(List<VirtualRouterConfig> instances, Map<String, HostNetwork.Link> links) {
        for (VirtualRouterConfig c : instances) {
            HostNetwork.Link link = links.get(c.interfaceName());
            if (!c.promoteSecondaries() || c.virtualLink() != null || link == null
                    || promoted.containsKey(link.name())) {
                continue;
            }
            if (sysctl(IPV4_CONF, link.name(), "promote_secondaries") == 0) {
                host.setIpv4Settings(link.index(), Map.of(RtnlClient.IPV4_PROMOTE_SECONDARIES, 1));
                promoted.put(link.name(), link.index());
            }
        }
    }

    /** Turns {@code promote_secondaries} off again on the interfaces no instance of {@code instances} wants it on. */
    void unpromoteUnwanted(List<VirtualRouterConfig> instances) {
        java.util.Set<String> wanted = new java.util.HashSet<>();
        instances.stream().filter(VirtualRouterConfig::promoteSecondaries).forEach(c -> wanted.add(c.interfaceName()));
        promoted.entrySet().removeIf(e -> {
            if (wanted.contains(e.getKey())) {
                return false;
            }
            try {
                host.setIpv4Settings(e.getValue(), Map.of(RtnlClient.IPV4_PROMOTE_SECONDARIES, 0));
            } catch (RuntimeException gone) {
                // the interface went away with its setting
            }
            return true;
        });
    }

    /** Whether this daemon holds a link named {@code name}. */
    boolean holds(String name) {
        return made.containsKey(name);
    }

    /**
     * Makes instance {@code c}'s link, if it has one, is not made yet and its interface
     * exists. Returns whether anything was made (the caller then re-reads links and addresses).
     */
    boolean create(VirtualRouterConfig c, Map<String, HostNetwork.Link> links, List<HostNetwork.Address> addresses) {
        VirtualLink link = c.virtualLink();
        HostNetwork.Link base = links.get(c.interfaceName());
        if (link == null || base == null || made.containsKey(link.name())) {
            return false;
        }
        boolean ipv4 = c.isIpv4();
        boolean otherFamily = c.excludedAddresses().stream().anyMatch(a -> a.isIpv4() != ipv4);
        HostNetwork.Link existing = links.get(link.name());
        switch (link) {
            case VirtualLink.Macvlan m -> macvlan(c, m, base, existing, ipv4, otherFamily, addresses);
            case VirtualLink.Ipvlan i -> ipvlan(c, i, base, existing, ipv4, otherFamily);
        }
        return true;
    }

    private void macvlan(VirtualRouterConfig c, VirtualLink.Macvlan m, HostNetwork.Link base, HostNetwork.Link existing,
                         boolean ipv4, boolean otherFamily, List<HostNetwork.Address> addresses) {
        InetAddress linkLocal = ipv4 || m.transmitOnBase() ? null
                : c.sourceAddress() instanceof Inet6Address s ? s : baseLinkLocal(base, addresses);
        makeMacvlan(c.name(), m, m.name(), m.mac(), base, existing, ipv4, otherFamily, linkLocal, !ipv4 || !disableLocalIgmp);
    }

    /**
     * Makes instance {@code c}'s address VMACs ({@code use_vmac_addr}, a VIP's {@code use_vmac})
     * whose parent exists and that are not made yet, as keepalived's {@code netlink_link_add_vmac}
     * makes them: like the instance's own, with IPv6 off on an IPv4 one and, on an IPv6 one, the
     * parent's link-local address. Returns whether anything was made.
     */
    boolean createAddressVmacs(VirtualRouterConfig c, Map<String, HostNetwork.Link> links,
                               List<HostNetwork.Address> addresses) {
        boolean any = false;
        for (AddressVmac v : c.addressVmacs()) {
            HostNetwork.Link base = links.get(v.parent());
            if (base == null || made.containsKey(v.name())) {
                continue;
            }
            VirtualLink.Macvlan link = new VirtualLink.Macvlan(v.name(), v.mac(), false);
            makeMacvlan(c.name(), link, v.name(), v.mac(), base, links.get(v.name()), !v.ipv6(), false,
                    v.ipv6() ? baseLinkLocal(base, addresses) : null, false);
            any = true;
        }
        return any;
    }

    /**
     * A private-mode macvlan {@code name} on {@code base}, set up as keepalived sets up its VMACs
     * (see the class comment); {@code firewalled}: entered in the nftables {@code vmac_map}, which
     * keepalived 2.2.7 does for an instance's VMAC and not for an address VMAC (checked beside it).
     */
    private void makeMacvlan(String instance, VirtualLink link, String name, byte[] mac, HostNetwork.Link base,
                             HostNetwork.Link existing, boolean ipv4, boolean otherFamily, InetAddress linkLocal,
                             boolean firewalled) {
        String who = "(" + instance + ")";
        boolean create = true;
        if (existing != null) {
            if (Arrays.equals(existing.mac(), mac)) {
                create = false;
            } else {
                log.info(who + " Update old VMAC interface " + name + " due to wrong MAC/mode ");
                host.deleteLink(existing.index());
            }
        }
        if (create) {
            host.addMacvlan(name, base.index(), mac);
            log.debug(who + ": Success creating VMAC interface " + name);
        }
        int index = indexOf(name);
        if (ipv4 && create) {
            host.setIpv4Settings(index, Map.of(RtnlClient.IPV4_ARP_IGNORE, 1, RtnlClient.IPV4_ACCEPT_LOCAL, 1,
                    RtnlClient.IPV4_RP_FILTER, 0, RtnlClient.IPV4_PROMOTE_SECONDARIES, 1));
            if (sysctl(IPV4_CONF, base.name(), "arp_ignore") != 1 || sysctl(IPV4_CONF, base.name(), "arp_filter") != 1) {
                host.setIpv4Settings(base.index(), Map.of(RtnlClient.IPV4_ARP_IGNORE, 1, RtnlClient.IPV4_ARP_FILTER, 1));
            }
        }
        if (firewalled) {
            firewall.get().addVmac(index, base.index(), ipv4, otherFamily);
        }
        setSysctl(IPV6_CONF, name, "disable_ipv6", ipv4 && !otherFamily ? 1 : 0);
        host.disableIpv6AddressGeneration(index);
        host.setUp(index);
        made.put(name, new Made(instance, link, index, base.index(), ipv4, otherFamily, firewalled));
        if (linkLocal != null) {
            try {
                host.addAddress(new VirtualAddress(linkLocal, 64, null, 0, null, null, false, null,
                        VirtualAddress.FLAG_NODAD, 0), index);
            } catch (RuntimeException e) {
                log.info(who + " adding link-local address to " + name + " failed");
            }
        }
    }

    private void ipvlan(VirtualRouterConfig c, VirtualLink.Ipvlan i, HostNetwork.Link base, HostNetwork.Link existing,
                        boolean ipv4, boolean otherFamily) {
        if (existing == null) {
            host.addIpvlan(i.name(), base.index(), i.mode().ordinal());
            log.debug("(" + c.name() + "): Success creating ipvlan interface " + i.name());
        }
        int index = indexOf(i.name());
        host.setUp(index);
        made.put(i.name(), new Made(c.name(), i, index, base.index(), ipv4, otherFamily, false));
        setSysctl(IPV6_CONF, i.name(), "disable_ipv6", ipv4 && !otherFamily ? 1 : 0);
        if (i.address() != null) {
            try {
                host.addAddress(i.address(), index);
            } catch (RuntimeException e) {
                log.info(c.name() + ": Failed to add interface address to " + i.name());
            }
        }
    }

    /** The parent's link-local address, or the EUI-64 one its MAC makes ({@code make_link_local_address}). */
    private static InetAddress baseLinkLocal(HostNetwork.Link base, List<HostNetwork.Address> addresses) {
        for (HostNetwork.Address a : addresses) {
            if (a.index() == base.index() && a.isLinkLocal6()) {
                return address(a.address());
            }
        }
        byte[] mac = base.mac();
        return address(new byte[]{(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, (byte) (mac[0] ^ 2), mac[1], mac[2],
                (byte) 0xff, (byte) 0xfe, mac[3], mac[4], mac[5]});
    }

    /** Deletes every link made (keepalived's {@code netlink_link_del_vmac} at stop). */
    void removeAll() {
        List.copyOf(made.keySet()).forEach(this::remove);
        unpromoteUnwanted(List.of());
    }

    /** Deletes the links made whose names {@code keep} does not accept (a reload dropped their instances). */
    void removeUnless(java.util.function.Predicate<String> keep) {
        List.copyOf(made.keySet()).stream().filter(keep.negate()).forEach(this::remove);
    }

    /** Deletes link {@code name}, if this daemon made it. */
    void remove(String name) {
        Made m = made.remove(name);
        if (m == null) {
            return;
        }
        try {
            host.deleteLink(m.index());
            log.debug("(" + m.instance() + ") Success removing " + (m.link() instanceof VirtualLink.Macvlan ? "VMAC"
                    : "ipvlan") + " interface " + name);
        } catch (RuntimeException e) {
            log.info("(" + m.instance() + ") Error removing VMAC interface " + name);
        }
        if (m.firewalled()) {
            firewall.get().removeVmac(m.index(), m.baseIndex(), m.ipv4(), m.otherFamily());
        }
    }

    private int indexOf(String name) {
        return host.links().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("interface " + name + " vanished as it was made"))
                .index();
    }

    private static int sysctl(Path base, String device, String name) {
        try {
            return Integer.parseInt(Files.readString(base.resolve(device).resolve(name)).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private void setSysctl(Path base, String device, String name, int value) {
        try {
            Files.writeString(base.resolve(device).resolve(name), Integer.toString(value));
        } catch (IOException e) {
            log.info("cannot set " + base.resolve(device).resolve(name) + " to " + value + ": " + e.getMessage());
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
