package io.lvsj.rtnl;

import io.lvsj.lab.LabNamespace;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.sys.Errno;
import io.lvsj.sys.NetNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.lvsj.lab.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rtnetlink against the host kernel, inside a network namespace made for each test (no IPVS
 * needed, so these run on the host), checked with iproute2 as the oracle.
 */
class RtnlClientTest {
    private LabNamespace ns;
    private RtnlClient rtnl = null;
    private int dummy;

    @BeforeEach
    void createNamespaceWithADummyLink() {
        ns = LabNamespace.create("lvsj-rtnl");
        // The host kernel has veth but no dummy driver; the peer stays in the same namespace.
        ns.run("ip", "link", "add", "dummy0", "address", "02:00:5e:00:01:0a", "type", "veth", "peer", "name", "peer0")
                .requireSuccess();
        ns.run("ip", "link", "set", "peer0", "up").requireSuccess();
        ns.run("ip", "link", "set", "dummy0", "up").requireSuccess();
        rtnl = RtnlClient.open(NetNamespace.named(ns.name()));
        dummy = rtnl.link("dummy0").orElseThrow().index();
    }

    @AfterEach
    void removeNamespace() {
        if (rtnl != null) {
            rtnl.close();
        }
        ns.close();
    }

    @Test
    void listsLinksWithNameFlagsMacAndMtu() {
        Link link = rtnl.link("dummy0").orElseThrow();
        assertEquals(MacAddress.parse("02:00:5e:00:01:0a"), link.mac());
        assertEquals(1500, link.mtu());
        assertTrue(link.isUp());
        assertEquals("veth", link.kind());
        Link lo = rtnl.link("lo").orElseThrow();
        assertTrue((lo.flags() & Link.FLAG_LOOPBACK) != 0);
        assertEquals(lo, rtnl.link(lo.index()).orElseThrow());
        assertTrue(rtnl.link(9999).isEmpty());
    }

    @Test
    void addsAndRemovesAnIpv4VipWithLabelAndBroadcast() {
        InterfaceAddress vip = new InterfaceAddress(dummy, ip("192.0.2.10"), 24, Scope.GLOBAL, "dummy0:vip",
                ip("192.0.2.255"), 0);
        rtnl.addAddress(vip);

        String shown = ns.run("ip", "-4", "-o", "addr", "show", "dev", "dummy0").requireSuccess().stdout();
        assertTrue(shown.contains("inet 192.0.2.10/24 brd 192.0.2.255 scope global dummy0:vip"), shown);
        InterfaceAddress listed = rtnl.addresses(dummy).stream()
                .filter(a -> a.address().equals(ip("192.0.2.10"))).findFirst().orElseThrow();
        assertEquals("dummy0:vip", listed.label());
        assertEquals(ip("192.0.2.255"), listed.broadcast());
        assertTrue(listed.sameAs(vip));

        NetlinkException twice = assertThrows(NetlinkException.class, () -> rtnl.addAddress(vip));
        assertEquals(Errno.EEXIST, twice.errnoValue());
        assertTrue(twice.getMessage().startsWith("add address 192.0.2.10/24 dev#" + dummy), twice.getMessage());

        rtnl.deleteAddress(vip);
        assertFalse(ns.run("ip", "-4", "-o", "addr", "show", "dev", "dummy0").stdout().contains("192.0.2.10"));
        NetlinkException gone = assertThrows(NetlinkException.class, () -> rtnl.deleteAddress(vip));
        assertEquals(Errno.EADDRNOTAVAIL, gone.errnoValue());
    }

    @Test
    void addsAnIpv6VipWithoutDuplicateAddressDetection() {
        InterfaceAddress vip = new InterfaceAddress(dummy, ip("2001:db8::10"), 64, Scope.GLOBAL, "", null,
                InterfaceAddress.FLAG_NODAD);
        rtnl.addAddress(vip);
        String shown = ns.run("ip", "-6", "-o", "addr", "show", "dev", "dummy0").requireSuccess().stdout();
        assertTrue(shown.contains("inet6 2001:db8::10/64 scope global nodad"), shown);
        InterfaceAddress listed = rtnl.addresses(dummy).stream()
                .filter(a -> a.address().equals(ip("2001:db8::10"))).findFirst().orElseThrow();
        assertTrue((listed.flags() & InterfaceAddress.FLAG_NODAD) != 0);
        assertEquals(0, listed.flags() & InterfaceAddress.FLAG_TENTATIVE);
        rtnl.deleteAddress(vip);
        assertFalse(ns.run("ip", "-6", "-o", "addr", "show", "dev", "dummy0").stdout().contains("2001:db8::10"));
    }

    @Test
    void setsListsAndDeletesNeighbours() {
        rtnl.addAddress(InterfaceAddress.of(dummy, ip("198.51.100.1"), 24));
        Neighbour n = new Neighbour(dummy, ip("198.51.100.7"), MacAddress.parse("02:11:22:33:44:55"), Neighbour.PERMANENT);
        rtnl.setNeighbour(n);
        String shown = ns.run("ip", "neigh", "show", "dev", "dummy0").requireSuccess().stdout();
        assertTrue(shown.contains("198.51.100.7 lladdr 02:11:22:33:44:55 PERMANENT"), shown);
        assertTrue(rtnl.neighbours().contains(n));
        rtnl.deleteNeighbour(n);
        assertFalse(rtnl.neighbours().contains(n));
    }

    @Test
    void addsAndDeletesRoutes() {
        rtnl.addAddress(InterfaceAddress.of(dummy, ip("198.51.100.1"), 24));
        Route route = new Route(ip("203.0.113.0"), 24, ip("198.51.100.254"), dummy, null, 0, Route.TABLE_MAIN,
                Scope.GLOBAL, false);
        rtnl.addRoute(route);
        String shown = ns.run("ip", "route", "show", "203.0.113.0/24").requireSuccess().stdout();
        assertTrue(shown.contains("203.0.113.0/24 via 198.51.100.254 dev dummy0 proto keepalived"), shown);
        assertTrue(rtnl.routes().stream().anyMatch(r -> ip("203.0.113.0").equals(r.destination())
                && ip("198.51.100.254").equals(r.gateway())));
        rtnl.deleteRoute(route);
        assertEquals("", ns.run("ip", "route", "show", "203.0.113.0/24").requireSuccess().stdout());
    }

    @Test
    void setsALinkDownAndUp() {
        rtnl.setLinkUp(dummy, false);
        assertFalse(rtnl.link(dummy).orElseThrow().isUp());
        rtnl.setLinkUp(dummy, true);
        assertTrue(rtnl.link(dummy).orElseThrow().isUp());
    }

    @Test
    void createsAMacvlanWithTheVrrpVirtualMacAndDeletesIt() {
        MacAddress vmac = MacAddress.parse("00:00:5e:00:01:33");
        rtnl.addLink(new NewLink.Macvlan("vrrp.51", dummy, vmac, NewLink.MacvlanMode.PRIVATE));
        Link created = rtnl.link("vrrp.51").orElseThrow();
        assertEquals(vmac, created.mac());
        assertEquals("macvlan", created.kind());
        String shown = ns.run("ip", "-d", "link", "show", "vrrp.51").requireSuccess().stdout();
        assertTrue(shown.contains("macvlan mode private"), shown);
        assertTrue(shown.contains("vrrp.51@dummy0"), shown);
        NetlinkException twice = assertThrows(NetlinkException.class,
                () -> rtnl.addLink(new NewLink.Macvlan("vrrp.51", dummy, vmac, NewLink.MacvlanMode.PRIVATE)));
        assertEquals(Errno.EEXIST, twice.errnoValue());
        rtnl.deleteLink(created.index());
        assertTrue(rtnl.link("vrrp.51").isEmpty());
    }

    @Test
    void createsAVethPair() {
        rtnl.addLink(new NewLink.Veth("left0", "right0"));
        assertEquals("veth", rtnl.link("left0").orElseThrow().kind());
        assertEquals("veth", rtnl.link("right0").orElseThrow().kind());
        rtnl.deleteLink(rtnl.link("left0").orElseThrow().index());
        assertTrue(rtnl.link("right0").isEmpty(), "deleting one end of a veth deletes both");
    }

    @Test
    void givesAnIpv6VipAZeroPreferredLifetime() {
        rtnl.addAddress(new InterfaceAddress(dummy, ip("2001:db8::20"), 128, Scope.GLOBAL, "", null,
                InterfaceAddress.FLAG_NODAD).withLifetimes(0, InterfaceAddress.FOREVER));
        String shown = ns.run("ip", "-6", "addr", "show", "dev", "dummy0").requireSuccess().stdout();
        assertTrue(shown.contains("inet6 2001:db8::20/128 scope global nodad deprecated"), shown);
        assertTrue(shown.contains("valid_lft forever preferred_lft 0sec"), shown);
        InterfaceAddress listed = rtnl.addresses(dummy).stream()
                .filter(a -> a.address().equals(ip("2001:db8::20"))).findFirst().orElseThrow();
        assertEquals(0, listed.preferredLifetime());
        assertEquals(InterfaceAddress.FOREVER, listed.validLifetime());
    }

    @Test
    void addsListsAndDeletesPolicyRules() {
        Rule fromVip = Rule.fromPrefix(ip("192.0.2.10"), 32, 100, 1000);
        Rule marked = new Rule(false, 1001, null, 0, ip("198.51.100.0"), 24, 0x10, 0xff, "dummy0", null, 101,
                Rule.Action.TO_TABLE);
        rtnl.addRule(fromVip);
        rtnl.addRule(marked);
        String shown = ns.run("ip", "rule", "show").requireSuccess().stdout();
        assertTrue(shown.contains("1000:\tfrom 192.0.2.10 lookup 100"), shown);
        assertTrue(shown.contains("1001:\tfrom all to 198.51.100.0/24 fwmark 0x10/0xff iif dummy0 lookup 101"), shown);
        assertTrue(rtnl.rules().contains(fromVip), rtnl.rules().toString());
        assertTrue(rtnl.rules().contains(marked), rtnl.rules().toString());
        rtnl.deleteRule(fromVip);
        rtnl.deleteRule(marked);
        assertFalse(ns.run("ip", "rule", "show").requireSuccess().stdout().contains("lookup 10"));
    }

    @Test
    void announcesLinkAndAddressChanges() {
        try (RtnlMonitor monitor = RtnlMonitor.open(NetNamespace.named(ns.name()),
                java.util.EnumSet.of(RtnlMonitor.Group.LINK, RtnlMonitor.Group.IPV4_ADDRESS))) {
            ns.run("ip", "addr", "add", "192.0.2.77/24", "dev", "dummy0").requireSuccess();
            ns.run("ip", "link", "set", "dummy0", "down").requireSuccess();
            java.util.List<RtnlEvent> seen = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline && !(hasAdded(seen) && hasDown(seen))) {
                seen.addAll(monitor.poll(200));
            }
            assertTrue(hasAdded(seen), seen.toString());
            assertTrue(hasDown(seen), seen.toString());
        }
    }

    private boolean hasAdded(java.util.List<RtnlEvent> events) {
        return events.stream().anyMatch(e -> e instanceof RtnlEvent.AddressAdded(InterfaceAddress a)
                && a.address().equals(ip("192.0.2.77")) && a.interfaceIndex() == dummy);
    }

    private boolean hasDown(java.util.List<RtnlEvent> events) {
        return events.stream().anyMatch(e -> e instanceof RtnlEvent.LinkChanged(Link l)
                && l.index() == dummy && !l.isUp());
    }

    @Test
    void setsIpv4SettingsAndIpv6AddressGenerationOfALink() {
        rtnl.setIpv4Settings(dummy, java.util.Map.of(RtnlClient.IPV4_ARP_IGNORE, 1, RtnlClient.IPV4_ACCEPT_LOCAL, 1,
                RtnlClient.IPV4_PROMOTE_SECONDARIES, 1));
        assertEquals("1", ns.run("cat", "/proc/sys/net/ipv4/conf/dummy0/arp_ignore").requireSuccess().stdout().trim());
        assertEquals("1", ns.run("cat", "/proc/sys/net/ipv4/conf/dummy0/accept_local").requireSuccess().stdout().trim());
        assertEquals("1", ns.run("cat", "/proc/sys/net/ipv4/conf/dummy0/promote_secondaries").requireSuccess().stdout()
                .trim());
        rtnl.setIpv6AddressGenerationMode(dummy, RtnlClient.IPV6_ADDR_GEN_MODE_NONE);
        assertEquals("1", ns.run("cat", "/proc/sys/net/ipv6/conf/dummy0/addr_gen_mode").requireSuccess().stdout().trim());
    }
}
