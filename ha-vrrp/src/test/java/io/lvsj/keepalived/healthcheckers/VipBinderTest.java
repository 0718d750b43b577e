package io.lvsj.keepalived.healthcheckers;

import io.lvsj.keepalived.lvs.BoundVip;
import io.lvsj.lab.LabNamespace;
import io.lvsj.sys.NetNamespace;
import io.lvsj.log.LogOutput;
import org.junit.jupiter.api.AfterEach;
import org.slf4j.Logger;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vip_bind_dev}'s rtnetlink side against the host kernel, in a namespace of its own: the
 * interface is one end of a veth pair (the host kernel has no {@code dummy}).
 */
class VipBinderTest {
    static final BoundVip VIP = vip("vip0", "203.0.113.10");
    static final BoundVip VIP6 = vip("vip0", "2001:db8::10");
    static final BoundVip OTHER = vip("vip0", "203.0.113.11");

    final LabNamespace ns = LabNamespace.create("vipb");
    final List<String> log = new CopyOnWriteArrayList<>();
    final Logger lines = LogOutput.lines(log::add, true);
    final VipBinder binder = new VipBinder(IpvsNamespace.of(NetNamespace.named(ns.name()))::openRtnl, lines);

    static BoundVip vip(String device, String address) {
        try {
            return new BoundVip(device, InetAddress.getByName(address));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void cleanUp() {
        binder.close();
        ns.close();
    }

    void addInterface(String name) {
        ns.run("ip", "link", "add", name, "type", "veth", "peer", "name", name + "p").requireSuccess();
        ns.run("ip", "link", "set", name, "up").requireSuccess();
    }

    String addresses(String device) {
        return ns.run("ip", "-o", "addr", "show", "dev", device).requireSuccess().stdout();
    }

    @Test
    void wantedVipsGoOnAsHostRoutesAndComeOffWhenNoLongerWanted() {
        addInterface("vip0");
        Set<BoundVip> configured = Set.of(VIP, VIP6, OTHER);
        assertTrue(binder.sync(configured, Set.of(VIP, VIP6)));
        String on = addresses("vip0");
        assertTrue(on.contains("inet 203.0.113.10/32 scope global vip0"), on);
        assertTrue(on.contains("inet6 2001:db8::10/128 scope global nodad"), on);
        assertFalse(on.contains("203.0.113.11"), on);
        assertTrue(log.contains("vip_bind_dev: adding 203.0.113.10/32 to vip0"), log.toString());
        assertEquals(Set.of(VIP, VIP6), binder.bound());

        assertTrue(binder.sync(configured, Set.of(VIP6)));
        assertFalse(addresses("vip0").contains("203.0.113.10"), "the virtual server went down");
        assertTrue(log.contains("vip_bind_dev: removing 203.0.113.10/32 from vip0"), log.toString());
        int said = log.size();
        assertTrue(binder.sync(configured, Set.of(VIP6)));
        assertEquals(said, log.size(), "nothing to do, nothing said");
    }

    @Test
    void whatIsOnTheInterfaceCounts() {
        addInterface("vip0");
        ns.run("ip", "addr", "add", "203.0.113.11/32", "dev", "vip0").requireSuccess(); // left by a killed keepalived-j
        ns.run("ip", "addr", "add", "198.51.100.1/24", "dev", "vip0").requireSuccess(); // not a VIP: never touched
        assertTrue(binder.sync(Set.of(VIP, OTHER), Set.of(VIP)));
        String on = addresses("vip0");
        assertFalse(on.contains("203.0.113.11"), on);
        assertTrue(on.contains("198.51.100.1/24"), on);
        ns.run("ip", "addr", "del", "203.0.113.10/32", "dev", "vip0").requireSuccess(); // removed by hand
        assertTrue(binder.sync(Set.of(VIP, OTHER), Set.of(VIP)));
        assertTrue(addresses("vip0").contains("203.0.113.10/32"), "put back");
    }

    @Test
    void aVipWhoseBindingAReloadDroppedComesOff() {
        addInterface("vip0");
        assertTrue(binder.sync(Set.of(VIP), Set.of(VIP)));
        assertTrue(binder.sync(Set.of(), Set.of()));
        assertFalse(addresses("vip0").contains("203.0.113.10"));
        assertEquals(Set.of(), binder.bound());
    }

    @Test
    void aMissingInterfaceIsSaidOnceAndTheVipBoundOnceItAppears() {
        assertFalse(binder.sync(Set.of(VIP), Set.of(VIP)));
        assertFalse(binder.sync(Set.of(VIP), Set.of(VIP)));
        assertEquals(List.of("vip_bind_dev vip0: no such interface; 203.0.113.10 is not announced until it exists"),
                log);
        addInterface("vip0");
        assertTrue(binder.sync(Set.of(VIP), Set.of(VIP)));
        assertTrue(addresses("vip0").contains("203.0.113.10/32"));
    }

    @Test
    void aRefusedAddressIsReportedWithItsErrnoAndTheRestIsDone() {
        addInterface("vip0");
        addInterface("vip1");
        ns.run("sysctl", "-qw", "net.ipv6.conf.vip1.disable_ipv6=1").requireSuccess();
        BoundVip refused = vip("vip1", "2001:db8::10");
        assertFalse(binder.sync(Set.of(VIP, refused), Set.of(VIP, refused)));
        assertTrue(addresses("vip0").contains("203.0.113.10/32"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("vip_bind_dev: cannot add 2001:db8::10/128 to vip1: E")),
                log.toString());
    }
}
