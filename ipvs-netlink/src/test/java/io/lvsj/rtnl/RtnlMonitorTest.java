package io.lvsj.rtnl;

import io.lvsj.lab.LabNamespace;
import io.lvsj.sys.NetNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;

import static io.lvsj.lab.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Notifications from the host kernel, in a network namespace made for each test, for changes
 * iproute2 makes: what {@link RtnlMonitor} decodes must be what {@code ip} did.
 */
class RtnlMonitorTest {
    private LabNamespace ns;
    private RtnlMonitor monitor;
    private final List<RtnlEvent> seen = new ArrayList<>();

    @BeforeEach
    void subscribeInAFreshNamespace() {
        ns = LabNamespace.create("lvsj-rtnlmon");
        monitor = RtnlMonitor.open(NetNamespace.named(ns.name()),
                EnumSet.of(RtnlMonitor.Group.LINK, RtnlMonitor.Group.IPV4_ADDRESS, RtnlMonitor.Group.IPV6_ADDRESS));
    }

    @AfterEach
    void removeNamespace() {
        monitor.close();
        ns.close();
    }

    @Test
    void reportsLinksComingAndGoingWithTheirNameFlagsAndMac() {
        ns.run("ip", "link", "add", "mon0", "address", "02:00:5e:00:01:0b", "type", "veth", "peer", "name", "mon1")
                .requireSuccess();
        Link added = await(RtnlEvent.LinkChanged.class, e -> e.link().name().equals("mon0")).link();
        assertEquals(MacAddress.parse("02:00:5e:00:01:0b"), added.mac());
        assertTrue(!added.isUp());

        ns.run("ip", "link", "set", "mon0", "up").requireSuccess();
        await(RtnlEvent.LinkChanged.class, e -> e.link().name().equals("mon0") && e.link().isUp());

        ns.run("ip", "link", "del", "mon0").requireSuccess();
        Link removed = await(RtnlEvent.LinkRemoved.class, e -> e.link().name().equals("mon0")).link();
        assertEquals(added.index(), removed.index());
    }

    @Test
    void reportsIpv4AndIpv6AddressesAddedAndRemoved() {
        ns.run("ip", "link", "add", "mon0", "type", "veth", "peer", "name", "mon1").requireSuccess();
        ns.run("ip", "addr", "add", "192.0.2.7/24", "dev", "mon0", "label", "mon0:vip").requireSuccess();
        InterfaceAddress v4 = await(RtnlEvent.AddressAdded.class,
                e -> e.address().address().equals(ip("192.0.2.7"))).address();
        assertEquals(24, v4.prefixLength());
        assertEquals("mon0:vip", v4.label());
        assertEquals(Scope.GLOBAL, v4.scope());

        ns.run("ip", "addr", "add", "2001:db8::7/64", "dev", "mon0", "nodad").requireSuccess();
        InterfaceAddress v6 = await(RtnlEvent.AddressAdded.class,
                e -> e.address().address().equals(ip("2001:db8::7"))).address();
        assertEquals(64, v6.prefixLength());
        assertTrue((v6.flags() & InterfaceAddress.FLAG_NODAD) != 0);

        ns.run("ip", "addr", "del", "192.0.2.7/24", "dev", "mon0").requireSuccess();
        InterfaceAddress gone = await(RtnlEvent.AddressRemoved.class,
                e -> e.address().address().equals(ip("192.0.2.7"))).address();
        assertEquals(v4.interfaceIndex(), gone.interfaceIndex());
    }

    @Test
    void staysQuietAboutGroupsItDidNotJoin() {
        ns.run("ip", "link", "add", "mon0", "type", "veth", "peer", "name", "mon1").requireSuccess();
        ns.run("ip", "link", "set", "mon0", "up").requireSuccess();
        ns.run("ip", "addr", "add", "198.51.100.1/24", "dev", "mon0").requireSuccess();
        ns.run("ip", "route", "add", "203.0.113.0/24", "via", "198.51.100.254").requireSuccess();
        ns.run("ip", "addr", "add", "192.0.2.9/32", "dev", "lo").requireSuccess(); // a marker after the route
        await(RtnlEvent.AddressAdded.class, e -> e.address().address().equals(ip("192.0.2.9")));
        assertTrue(seen.stream().noneMatch(e -> e instanceof RtnlEvent.RouteAdded), seen.toString());
    }

    /** Polls until an event of {@code type} matching {@code wanted} arrives; fails after five seconds. */
    private <E extends RtnlEvent> E await(Class<E> type, Predicate<E> wanted) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        int from = 0;
        while (System.nanoTime() < deadline) {
            for (; from < seen.size(); from++) {
                if (type.isInstance(seen.get(from)) && wanted.test(type.cast(seen.get(from)))) {
                    return type.cast(seen.get(from));
                }
            }
            seen.addAll(monitor.poll(200));
        }
        return fail("no matching " + type.getSimpleName() + " in " + seen);
    }
}
