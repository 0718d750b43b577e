package io.lvsj.rtnl;

import io.lvsj.lab.LabNamespace;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.netlink.sys.Errno;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

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
        rtnl = RtnlClient.open(ns.netns());
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
}
