package io.lvsj.fullnat;

import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.IpvsClient;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.lab.FullNatLab;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import io.lvsj.lab.LabTools;
import io.lvsj.lab.BackgroundProcess;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.lvsj.lab.Addresses.ip;
import static io.lvsj.lab.FullNatLab.realServer;
import static io.lvsj.lab.FullNatLab.realServer6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FullNAT with real traffic through the kernel's IPVS, with the back end the lab's kernel
 * supports (detected: legacy iptables, since its nftables lacks the ip family): real servers
 * with no route to the client answer it, each sees a local address as the source, connections
 * spread evenly over the pool, a change keeps the untouched connections alive, and removing
 * FullNAT leaves no rule, address or sysctl of LVS-J's behind.
 */
@KernelTest
class FullNatKernelTest {
    private static final ServiceKey.Inet WEB = (ServiceKey.Inet) ServiceKey.tcp(ip(FullNatLab.VIP), 80);
    private static final ServiceKey.Inet WEB6 = (ServiceKey.Inet) ServiceKey.tcp(ip(FullNatLab.VIP6), 80);
    private static final List<InetAddress> LIPS = List.of(ip("198.51.100.11"), ip("198.51.100.12"), ip("198.51.100.13"));

    /** A state directory of this test's own, gone with the lab's /tmp: a namespace's name and inode recur across boots. */
    private static Path runDirectory(LabNamespace ns) {
        try {
            return Files.createTempDirectory("fullnat-" + ns.name());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void nat(LabNamespace director, ServiceKey key, String... servers) {
        try (IpvsClient ipvs = IpvsClient.open(io.lvsj.sys.NetNamespace.named(director.name()))) {
            if (ipvs.service(key).isEmpty()) {
                ipvs.addService(Service.of(key, "rr"));
            }
            for (String s : servers) {
                ipvs.addDestination(key, Destination.of(ip(s), 80, ForwardingMethod.MASQ));
            }
        }
    }

    private static FullNatTable table(ServiceKey.Inet key, List<InetAddress> lips, List<String> servers) {
        FullNatTable t = FullNatTable.empty();
        for (InetAddress lip : lips) {
            t = t.withLocalAddress(key, lip);
        }
        for (String s : servers) {
            t = t.withRealServer(key, new RealServer(ip(s), 80));
        }
        return t;
    }

    /** Counts by the first word (the source each real server saw) and by the second (the real server). */
    private static Map<String, Long> by(Map<String, Long> lines, int word) {
        Map<String, Long> out = new TreeMap<>();
        lines.forEach((line, n) -> out.merge(line.split(" ")[word], n, Long::sum));
        return out;
    }

    @Test
    void tenThousandConnectionsSpreadOverThePoolAndStopLeavesNothing(LabNamespace director) {
        try (FullNatLab lab = FullNatLab.build(director, 2)) {
            assertFalse(lab.realServers.getFirst().run("ip", "route", "get", FullNatLab.CLIENT).status() == 0,
                    "a real server must have no route to the client");
            String conntrackBefore = director.run("sysctl", "-n", "net.ipv4.vs.conntrack").stdout().strip();
            nat(director, WEB, realServer(0), realServer(1));
            FullNat fullNat = new FullNat(io.lvsj.sys.NetNamespace.named(director.name()), runDirectory(director), null);
            assertEquals(List.of(), fullNat.apply(table(WEB, LIPS, List.of(realServer(0), realServer(1)))));
            assertEquals(FirewallBackend.IPTABLES_LEGACY, fullNat.state().backend(), "detected back end");
            for (InetAddress lip : LIPS) {
                assertTrue(director.run("ip", "-o", "addr", "show", "dev", "inner").stdout()
                        .contains(lip.getHostAddress() + "/32"), "local address on the inner interface");
            }

            Map<String, Long> seen = lab.count(FullNatLab.VIP, 80, 10_000);
            Map<String, Long> sources = by(seen, 0);
            assertEquals(Set.of("198.51.100.11", "198.51.100.12", "198.51.100.13"), sources.keySet(), seen.toString());
            // A fair pick of one in three: 3,333 each, give or take 4.5 standard deviations (47 each).
            sources.values().forEach(n -> assertTrue(n >= 3120 && n <= 3550, "an even spread: " + sources));
            for (String server : List.of(realServer(0), realServer(1))) {
                Map<String, Long> perServer = new TreeMap<>();
                seen.forEach((line, n) -> {
                    if (line.split(" ")[1].equals(server)) {
                        perServer.merge(line.split(" ")[0], n, Long::sum);
                    }
                });
                assertEquals(3, perServer.size(), server + " sees every local address: " + seen);
            }
            assertEquals(Map.of(realServer(0), 5000L, realServer(1), 5000L), by(seen, 1), "round robin over servers");
            Map<InetAddress, Long> counted = new TreeMap<>(java.util.Comparator.comparing(InetAddress::getHostAddress));
            LIPS.forEach(l -> counted.put(l, fullNat.views().get(io.lvsj.ipvs.AddressFamily.INET).connections(WEB, l)));
            assertEquals(10_000L, counted.values().stream().mapToLong(Long::longValue).sum(), "rule counters: " + counted);

            assertEquals(List.of(), fullNat.apply(FullNatTable.empty()));
            String save = director.run("iptables-legacy-save", "-t", "nat").requireSuccess().stdout();
            assertFalse(save.contains("LVSJ") || save.contains("lvsj"), save);
            String addresses = director.run("ip", "-o", "addr").stdout();
            LIPS.forEach(l -> assertFalse(addresses.contains(l.getHostAddress() + "/"), addresses));
            assertEquals(conntrackBefore, director.run("sysctl", "-n", "net.ipv4.vs.conntrack").stdout().strip());
            assertTrue(fullNat.state().isEmpty());
        }
    }

    @Test
    void aChangeKeepsTheUntouchedConnectionsAlive(LabNamespace director) throws InterruptedException {
        try (FullNatLab lab = FullNatLab.build(director, 3)) {
            nat(director, WEB, realServer(0), realServer(1));
            FullNat fullNat = new FullNat(io.lvsj.sys.NetNamespace.named(director.name()), runDirectory(director), null);
            fullNat.apply(table(WEB, LIPS, List.of(realServer(0), realServer(1))));
            List<BackgroundProcess> held = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    held.add(lab.hold(FullNatLab.VIP, 80, 4));
                }
                // Remove real server 1 and local address .13; add real server 2 and local address .14.
                nat(director, WEB, realServer(2));
                try (IpvsClient ipvs = IpvsClient.open(io.lvsj.sys.NetNamespace.named(director.name()))) {
                    ipvs.deleteDestination(WEB, ip(realServer(1)), 80);
                }
                List<InetAddress> newPool = List.of(LIPS.get(0), LIPS.get(1), ip("198.51.100.14"));
                fullNat.apply(table(WEB, newPool, List.of(realServer(0), realServer(2))));
                int untouched = 0;
                for (BackgroundProcess h : held) {
                    int status = h.awaitExit(java.time.Duration.ofSeconds(30));
                    String first = h.log().lines().findFirst().orElse("");
                    String[] words = first.split(" ");
                    if (words.length == 3 && words[1].equals(realServer(0)) && !words[0].equals("198.51.100.13")) {
                        untouched++;
                        assertEquals(0, status, "an untouched connection lived on: " + h.log());
                    }
                }
                assertTrue(untouched >= 1, "some held connection used real server 0 and a kept address");
            } finally {
                LabTools.closeAll(held);
            }
            Map<String, Long> seen = lab.count(FullNatLab.VIP, 80, 300);
            assertEquals(Set.of("198.51.100.11", "198.51.100.12", "198.51.100.14"), by(seen, 0).keySet(), seen.toString());
            assertEquals(Set.of(realServer(0), realServer(2)), by(seen, 1).keySet(), seen.toString());
            assertFalse(director.run("ip", "-o", "addr").stdout().contains("198.51.100.13/"), "the removed address went");
            fullNat.apply(FullNatTable.empty());
        }
    }

    /** keepalived-j's case: a local address that is also a VRRP VIP belongs to VRRP, which moves it with the master. */
    @Test
    void aLocalAddressKeptBySomeoneElseIsNeitherAddedNorRemoved(LabNamespace director) {
        try (FullNatLab lab = FullNatLab.build(director, 1)) {
            nat(director, WEB, realServer(0));
            FullNat fullNat = new FullNat(io.lvsj.sys.NetNamespace.named(director.name()), runDirectory(director), null);
            fullNat.apply(table(WEB, LIPS.subList(0, 2), List.of(realServer(0))), Set.of(LIPS.get(0)));
            String addresses = director.run("ip", "-o", "addr").stdout();
            assertFalse(addresses.contains("198.51.100.11/"), "left to its owner: " + addresses);
            assertTrue(addresses.contains("198.51.100.12/32"), addresses);
            director.run("ip", "addr", "add", "198.51.100.11/32", "dev", "inner").requireSuccess(); // VRRP adds it
            assertEquals(Set.of("198.51.100.11", "198.51.100.12"), by(lab.count(FullNatLab.VIP, 80, 40), 0).keySet());
            fullNat.apply(FullNatTable.empty(), Set.of(LIPS.get(0)));
            String after = director.run("ip", "-o", "addr").stdout();
            assertTrue(after.contains("198.51.100.11/32"), "still its owner's: " + after);
            assertFalse(after.contains("198.51.100.12/"), after);
        }
    }

    @Test
    void ipv6WithIp6tables(LabNamespace director) {
        try (FullNatLab lab = FullNatLab.build(director, 2)) {
            nat(director, WEB6, realServer6(0), realServer6(1));
            FullNat fullNat = new FullNat(io.lvsj.sys.NetNamespace.named(director.name()), runDirectory(director), null);
            List<InetAddress> lips = List.of(ip("2001:db8:1::11"), ip("2001:db8:1::12"));
            fullNat.apply(table(WEB6, lips, List.of(realServer6(0), realServer6(1))));
            Map<String, Long> seen = lab.count(FullNatLab.VIP6, 80, 200);
            assertEquals(new TreeSet<>(Set.of("2001:db8:1::11", "2001:db8:1::12")), new TreeSet<>(by(seen, 0).keySet()),
                    seen.toString());
            assertEquals(Set.of(realServer6(0), realServer6(1)), by(seen, 1).keySet(), seen.toString());
            fullNat.apply(FullNatTable.empty());
            String save = director.run("ip6tables-legacy-save", "-t", "nat").requireSuccess().stdout();
            assertFalse(save.contains("LVSJ"), save);
        }
    }
}
