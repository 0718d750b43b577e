package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.vrrp.VrrpState;
import io.lvsj.keepalived.vrrp.config.SyncGroupConfig;
import io.lvsj.keepalived.vrrp.config.Tracked;
import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualLink;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import io.lvsj.keepalived.vrrp.config.VrrpScriptConfig;
import io.lvsj.keepalived.vrrp.wire.AuthType;
import io.lvsj.keepalived.vrrp.wire.Authentication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rest of the state machine against Debian's keepalived, keepalived-j in each role
 * ("jk": router 1 is keepalived-j; "kj": router 1 is keepalived), VRRPv2 over IPv4 multicast
 * unless the test says otherwise: nopreempt, a tracked interface and a tracked script taking
 * the master down, authentication (PASS and AH), sync groups, and the notify arguments.
 */
@Tag("interop")
@Execution(ExecutionMode.CONCURRENT)
class VrrpBehaviourInteropTest {
    static final Segment V2 = new Segment(2, false, false, 100);

    private interface Scenario {
        void run(Lan lan, Router one, Router two, VipWatch vips, Capture capture, Path dir) throws Exception;
    }

    private static void withPair(String name, String kinds, Scenario scenario) {
        Path dir = Evidence.directory(name + " " + kinds);
        try (Lan lan = Lan.create(2); Capture capture = Capture.start(lan.client, dir.resolve("lan.pcap"));
             VipWatch vips = new VipWatch(lan.nodes)) {
            Function<Integer, Router> make = Segment.routers(lan, kinds, dir);
            Router one = make.apply(1);
            Router two = make.apply(2);
            try {
                scenario.run(lan, one, two, vips, capture, dir);
            } catch (AssertionError | Exception e) {
                throw new AssertionError(e.getMessage() + "\n--- router 1 (" + one.kind() + ")\n" + one.log()
                        + "\n--- router 2 (" + two.kind() + ")\n" + two.log(), e);
            } finally {
                one.close();
                two.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jk", "kj"})
    void nopreemptLeavesALowerPriorityMasterAlone(String kinds) {
        withPair("nopreempt", kinds, (lan, one, two, vips, capture, dir) -> {
            two.start(VrrpConfig.of(List.of(V2.instance(2, 2, 100).build())));
            vips.awaitSole(V2.vip(), 2, 8000);
            one.start(VrrpConfig.of(List.of(V2.instance(1, 2, 150).nopreempt(true).build())));
            vips.assertSoleHolderFor(V2.vip(), 2, 3 * V2.masterDownMillis());
            // Without the master, the higher priority does take over.
            two.stop();
            vips.awaitSole(V2.vip(), 1, 3000);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"jk", "kj"})
    void aTrackedInterfaceGoingDownFaultsTheMaster(String kinds) {
        withPair("track-interface", kinds, (lan, one, two, vips, capture, dir) -> {
            trackedLinks(lan);
            List<Tracked> track = List.of(Tracked.iface("trk0", 0));
            one.start(VrrpConfig.of(List.of(V2.instance(1, 2, 150).tracked(track).build())));
            two.start(VrrpConfig.of(List.of(V2.instance(2, 2, 100).tracked(track).build())));
            vips.awaitSole(V2.vip(), 1, 8000);
            Shell.must("ip", "-n", lan.node(1), "link", "set", "trk0", "down");
            // FAULT sends priority 0: router 2 takes over after a skew, not a master-down interval.
            long took = vips.awaitSole(V2.vip(), 2, 3000);
            assertTrue(took < V2.masterDownMillis(), "takeover took " + took + " ms");
            VrrpInteropTest.awaitCount(() -> capture.adverts(lan.macBytes(1), Segment.VRID, 0), 1);
            VrrpInteropTest.awaitCount(() -> capture.announcements(lan.macBytes(2), V2.vip().getAddress()), 1);
            Shell.must("ip", "-n", lan.node(1), "link", "set", "trk0", "up");
            vips.awaitSole(V2.vip(), 1, 8000);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"jk", "kj"})
    void aFailingTrackedScriptLowersThePriorityBelowTheBackup(String kinds) {
        withPair("track-script", kinds, (lan, one, two, vips, capture, dir) -> {
            Path flag = dir.resolve("healthy");
            Files.writeString(flag, "ok");
            VrrpScriptConfig check = new VrrpScriptConfig("chk", List.of("/usr/bin/test", "-f", flag.toString()),
                    Duration.ofSeconds(1), Duration.ofSeconds(1), -60, false, 1, 1, false, null, null);
            VrrpScriptConfig none = new VrrpScriptConfig("chk", List.of("/bin/true"), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), -60, false, 1, 1, false, null, null);
            one.start(withScript(V2.instance(1, 2, 150).tracked(List.of(Tracked.script("chk", -60))).build(), check));
            two.start(withScript(V2.instance(2, 2, 100).tracked(List.of(Tracked.script("chk", -60))).build(), none));
            vips.awaitSole(V2.vip(), 1, 8000);
            Files.delete(flag);
            // 150 - 60 = 90 < 100: router 2 preempts (after its down timer, the master's adverts now lower).
            vips.awaitSole(V2.vip(), 2, 3000 + 2 * V2.masterDownMillis());
            VrrpInteropTest.awaitCount(() -> capture.adverts(lan.macBytes(1), Segment.VRID, 90), 1);
            Files.writeString(flag, "ok");
            vips.awaitSole(V2.vip(), 1, 3000 + 2 * V2.masterDownMillis());
        });
    }

    /** A veth pair "trk0"/"trk1" in every router: trk0 is the tracked interface, up and running. */
    private static void trackedLinks(Lan lan) {
        for (String ns : lan.nodes) {
            Shell.must("ip", "-n", ns, "link", "add", "trk0", "type", "veth", "peer", "name", "trk1");
            Shell.must("ip", "-n", ns, "link", "set", "trk1", "up");
            Shell.must("ip", "-n", ns, "link", "set", "trk0", "up");
        }
    }

    private static VrrpConfig withScript(VirtualRouterConfig instance, VrrpScriptConfig script) {
        return new VrrpConfig(List.of(instance), List.of(), List.of(script), List.of(), null, null, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jk-PASS", "kj-PASS", "jk-AH", "kj-AH"})
    void authenticatedPeersElectAndFailOver(String kindsAndAuth) {
        String kinds = kindsAndAuth.substring(0, 2);
        Authentication auth = Authentication.of(AuthType.valueOf(kindsAndAuth.substring(3)), "s3cret");
        withPair("auth-" + kindsAndAuth.substring(3), kinds, (lan, one, two, vips, capture, dir) -> {
            one.start(VrrpConfig.of(List.of(V2.instance(1, 2, 150).authentication(auth).build())));
            two.start(VrrpConfig.of(List.of(V2.instance(2, 2, 100).authentication(auth).build())));
            vips.awaitSole(V2.vip(), 1, 8000);
            vips.assertSoleHolderFor(V2.vip(), 1, 2500); // router 2 accepts router 1's adverts: no takeover
            one.stop();
            vips.awaitSole(V2.vip(), 2, 3000);
            one.start(VrrpConfig.of(List.of(V2.instance(1, 2, 150).authentication(auth).build())));
            vips.awaitSole(V2.vip(), 1, 8000);
            vips.assertSoleHolderFor(V2.vip(), 1, 2500);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"jk", "kj"})
    void ofTwoAddressOwnersTheLowerAddressConcedes(String kinds) {
        withPair("two-owners", kinds, (lan, one, two, vips, capture, dir) -> {
            one.start(VrrpConfig.of(List.of(V2.instance(1, 2, 255).initialMaster(true).build())));
            vips.awaitSole(V2.vip(), 1, 3000);
            two.start(VrrpConfig.of(List.of(V2.instance(2, 2, 255).initialMaster(true).build())));
            // Router 2 (192.0.2.2) takes over at once as an owner; router 1 (192.0.2.1) hears it,
            // lowers itself to 254 and gives way, for good.
            vips.awaitSole(V2.vip(), 2, 3000);
            assertTrue(one.log().contains("(VI_1) CONFIGURATION ERROR: local instance and a remote instance are both"
                    + " configured as address owner, please fix - reducing local priority"), one.log());
            vips.assertSoleHolderFor(V2.vip(), 2, 2 * V2.masterDownMillis());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"jk", "kj"})
    void syncGroupMembersFailOverTogether(String kinds) {
        withPair("sync-group", kinds, (lan, one, two, vips, capture, dir) -> {
            trackedLinks(lan);
            one.start(group(V2.instance(1, 2, 150)));
            two.start(group(V2.instance(2, 2, 100)));
            vips.awaitSole(V2.vip(), 1, 8000);
            vips.awaitSole(Segment.ip("192.0.2.101"), 1, 2000);
            // VI_2 tracks trk0; its fault takes VI_1 down with it.
            Shell.must("ip", "-n", lan.node(1), "link", "set", "trk0", "down");
            vips.awaitSole(V2.vip(), 2, 3000);
            vips.awaitSole(Segment.ip("192.0.2.101"), 2, 3000);
            Shell.must("ip", "-n", lan.node(1), "link", "set", "trk0", "up");
            vips.awaitSole(V2.vip(), 1, 8000);
            vips.awaitSole(Segment.ip("192.0.2.101"), 1, 3000);
        });
    }

    private static VrrpConfig group(VirtualRouterConfig.Builder first) {
        VirtualRouterConfig one = first.build();
        VirtualRouterConfig two = one.toBuilder().build();
        VirtualRouterConfig vi2 = VirtualRouterConfig.builder("VI_2", "eth0", 52).priority(one.priority())
                .virtualAddresses(List.of(VirtualAddress.of(Segment.ip("192.0.2.101"), 24)))
                .garp(one.garp()).tracked(List.of(Tracked.iface("trk0", 0))).build();
        return new VrrpConfig(List.of(two, vi2), List.of(new SyncGroupConfig("G", List.of("VI_1", "VI_2"), null)),
                List.of(), List.of(), null, null, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jk", "kj"})
    void virtualRoutesFollowTheMasterAndStaticAddressesTheDaemon(String kinds) {
        withPair("routes", kinds, (lan, one, two, vips, capture, dir) -> {
            io.lvsj.keepalived.vrrp.config.VirtualRoute route = io.lvsj.keepalived.vrrp.config.VirtualRoute.via(
                    Segment.ip("198.51.100.0"), 24, Segment.ip("192.0.2.254"), "eth0");
            VirtualAddress fixed = new VirtualAddress(Segment.ip("203.0.113.1"), 32, "eth0", 0, null, null, false);
            one.start(new VrrpConfig(List.of(V2.instance(1, 2, 150).virtualRoutes(List.of(route)).build()),
                    List.of(), List.of(), List.of(), null, null, false, List.of(fixed), List.of()));
            two.start(VrrpConfig.of(List.of(V2.instance(2, 2, 100).virtualRoutes(List.of(route)).build())));
            vips.awaitSole(V2.vip(), 1, 8000);
            // keepalived adds its virtual routes after the VIPs: under load they can lag a little
            awaitRoute(lan, "198.51.100.0", List.of(1));
            assertEquals(List.of(1), vips.holders(Segment.ip("203.0.113.1")), "static address on router 1");
            one.stop();
            vips.awaitSole(V2.vip(), 2, 3000);
            awaitRoute(lan, "198.51.100.0", List.of(2));
            assertEquals(List.of(), vips.holders(Segment.ip("203.0.113.1")), "static address removed at stop");
        });
    }

    /** The routers (1-based) whose main table has a route to {@code destination}. */
    private static List<Integer> routeHolders(Lan lan, String destination) {
        java.util.List<Integer> holders = new java.util.ArrayList<>();
        for (int i = 1; i <= lan.nodes.size(); i++) {
            try (io.lvsj.rtnl.RtnlClient rtnl = io.lvsj.rtnl.RtnlClient.open(
                    io.lvsj.sys.NetNamespace.named(lan.node(i)))) {
                if (rtnl.routes().stream().anyMatch(r -> r.destination() != null
                        && r.destination().equals(Segment.ip(destination)))) {
                    holders.add(i);
                }
            }
        }
        return holders;
    }

    private static void awaitRoute(Lan lan, String destination, List<Integer> expected) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!routeHolders(lan, destination).equals(expected)) {
            if (System.nanoTime() > deadline) {
                assertEquals(expected, routeHolders(lan, destination), "route to " + destination);
            }
            VipWatch.sleep(20);
        }
    }

    /**
     * {@code use_vmac}: adverts and gratuitous ARPs/NAs leave from the virtual router MAC
     * (00:00:5e:00:01:33, or :02:33 for IPv6), never from the parent's, and the VIP sits on
     * the master's vrrp.51. Both routers hold the same MAC on their VMACs: the backup's must
     * stay silent (keepalived's nftables map sends its multicast reports from the parent).
     */
    @ParameterizedTest
    @ValueSource(strings = {"jk-4", "kj-4", "jk-6", "kj-6"})
    void useVmacAdvertisesFromTheVirtualRouterMac(String kindsAndFamily) {
        String kinds = kindsAndFamily.substring(0, 2);
        Segment seg = kindsAndFamily.endsWith("4") ? V2 : new Segment(3, true, false, 100);
        VirtualLink.Macvlan vmac = new VirtualLink.Macvlan("vrrp.51", VirtualLink.Macvlan.virtualRouterMac(Segment.VRID,
                !seg.ipv6()), false);
        withPair("use-vmac-" + kindsAndFamily.substring(3), kinds, (lan, one, two, vips, capture, dir) -> {
            one.start(VrrpConfig.of(List.of(seg.instance(1, 2, 150).virtualLink(vmac).build())));
            two.start(VrrpConfig.of(List.of(seg.instance(2, 2, 100).virtualLink(vmac).build())));
            vips.awaitSole(seg.vip(), 1, 8000);
            byte[] vrrpMac = vmac.mac();
            VrrpInteropTest.awaitCount(() -> capture.adverts(vrrpMac, Segment.VRID, 150), 2);
            VrrpInteropTest.awaitCount(() -> capture.announcements(vrrpMac, seg.vip().getAddress()), 1);
            assertEquals(0, capture.adverts(lan.macBytes(1), Segment.VRID, 150), "an advert from the parent's MAC");
            assertTrue(Shell.must("ip", "-n", lan.node(1), "-o", "addr", "show", "dev", "vrrp.51")
                    .contains(seg.vip().getHostAddress().replace("0:0:0:0:0:", ":")), "the VIP is on vrrp.51");
            one.stop();
            vips.awaitSole(seg.vip(), 2, 3000);
            VrrpInteropTest.awaitCount(() -> capture.adverts(vrrpMac, Segment.VRID, 100), 1);
            assertEquals(List.of(), Shell.must("ip", "-n", lan.node(1), "-o", "link", "show").lines()
                    .filter(l -> l.contains("vrrp.51")).toList(), "router 1's VMAC is gone after stop");
        });
    }

    /**
     * The address a master sends from (its interface's, none configured) is deleted (its VIP,
     * in the same subnet, goes with it): it goes to FAULT and the backup takes over; the
     * address back, it is BACKUP again and preempts.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jk", "kj"})
    void losingTheSourceAddressIsAFault(String kinds) {
        withPair("source-address-lost", kinds, (lan, one, two, vips, capture, dir) -> {
            two.start(VrrpConfig.of(List.of(V2.instance(2, 2, 100).build())));
            vips.awaitSole(V2.vip(), 2, 8000);
            one.start(VrrpConfig.of(List.of(V2.instance(1, 2, 150).build())));
            vips.awaitSole(V2.vip(), 1, 8000);
            Shell.must("ip", "-n", lan.node(1), "addr", "del", "192.0.2.1/24", "dev", "eth0");
            vips.awaitSole(V2.vip(), 2, 8000);
            VipWatch.sleep(1000);
            assertTrue(one.log().contains("(VI_1) Entering FAULT STATE"), one.log());
            Shell.must("ip", "-n", lan.node(1), "addr", "add", "192.0.2.1/24", "dev", "eth0");
            vips.awaitSole(V2.vip(), 1, 8000);
        });
    }

    /**
     * A configured source ({@code mcast_src_ip}) deleted with {@code track_src_ip}: keepalived
     * 2.2.7 does not go to FAULT (its check compares the wrong bytes), it re-elects and is
     * master again; so does keepalived-j's command line reading the same keepalived.conf.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ck", "kc"})
    void trackSrcIpChangesNothingAsInKeepalived(String kinds) {
        withPair("track-src-ip", kinds, (lan, one, two, vips, capture, dir) -> {
            two.start(VrrpConfig.of(List.of(V2.instance(2, 2, 100).build())));
            vips.awaitSole(V2.vip(), 2, 8000);
            String conf = KeepalivedConf.render(VrrpConfig.of(List.of(V2.instance(1, 2, 150)
                    .sourceAddress(Segment.ip("192.0.2.1")).build())))
                    .replace("  mcast_src_ip 192.0.2.1\n", "  mcast_src_ip 192.0.2.1\n  track_src_ip\n");
            assertTrue(conf.contains("track_src_ip"), conf);
            one.start(conf);
            vips.awaitSole(V2.vip(), 1, 8000);
            Shell.must("ip", "-n", lan.node(1), "addr", "del", "192.0.2.1/24", "dev", "eth0");
            VipWatch.sleep(1000);
            vips.awaitSole(V2.vip(), 1, 8000);
            assertTrue(!one.log().contains("Entering FAULT STATE"), one.log());
        });
    }

    /** {@code log_unknown_vrids}: an advert for a VRID the router does not run is logged, in keepalived's words. */
    @ParameterizedTest
    @ValueSource(strings = {"jk", "kj"})
    void unknownVridsAreLoggedWhenAskedFor(String kinds) {
        withPair("log-unknown-vrids", kinds, (lan, one, two, vips, capture, dir) -> {
            two.start(VrrpConfig.of(List.of(V2.instance(2, 2, 100).build())));
            vips.awaitSole(V2.vip(), 2, 8000);
            VirtualRouterConfig other = VirtualRouterConfig.builder("VI_2", "eth0", 52).priority(100)
                    .virtualAddresses(List.of(VirtualAddress.of(Segment.ip("192.0.2.152"), 24))).build();
            one.start(new VrrpConfig(List.of(other), List.of(), List.of(), List.of(), null, null, false, List.of(),
                    List.of(), new io.lvsj.keepalived.vrrp.config.VrrpGlobals("keepalived", -1, false, false, false,
                    Duration.ZERO, io.lvsj.keepalived.vrrp.config.GarpPacing.NONE, true, false), List.of(), List.of()));
            long deadline = System.nanoTime() + 8_000_000_000L;
            while (!one.log().contains("Unknown VRID(51) received on interface(eth0). ignoring...")) {
                assertTrue(System.nanoTime() < deadline, "no unknown VRID logged");
                VipWatch.sleep(100);
            }
        });
    }

    /**
     * {@code mcast_dst_ip}: both routers advertise to and listen on another group (224.0.0.19,
     * ff02::13), elect one master, and its adverts go to that group and never to the standard one.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jk-4", "kj-4", "jk-6", "kj-6"})
    void anotherMulticastGroupCarriesTheAdverts(String kindsAndFamily) {
        String kinds = kindsAndFamily.substring(0, 2);
        boolean ipv6 = kindsAndFamily.endsWith("6");
        Segment seg = ipv6 ? new Segment(3, true, false, 100) : V2;
        java.net.InetAddress group = Segment.ip(ipv6 ? "ff02::13" : "224.0.0.19");
        withPair("mcast-dst-ip-" + kindsAndFamily.substring(3), kinds, (lan, one, two, vips, capture, dir) -> {
            two.start(VrrpConfig.of(List.of(seg.instance(2, 2, 100).multicastGroup(group).build())));
            vips.awaitSole(seg.vip(), 2, 8000);
            one.start(VrrpConfig.of(List.of(seg.instance(1, 2, 150).multicastGroup(group).build())));
            vips.awaitSole(seg.vip(), 1, 8000);
            VrrpInteropTest.awaitCount(() -> capture.adverts(lan.macBytes(1), Segment.VRID, 150), 2);
            vips.assertSoleHolderFor(seg.vip(), 1, 3000);
            java.util.Set<String> destinations = new java.util.TreeSet<>();
            for (io.lvsj.keepalived.vrrp.wire.Pcap.Frame f : capture.frames()) {
                byte[] b = f.bytes();
                int type = ((b[12] & 0xff) << 8) | (b[13] & 0xff);
                if (type == 0x0800 && (b[14 + 9] & 0xff) == 112) {
                    destinations.add(io.lvsj.text.InetText.ntop(java.util.Arrays.copyOfRange(b, 30, 34)));
                } else if (type == 0x86dd && (b[14 + 6] & 0xff) == 112) {
                    destinations.add(io.lvsj.text.InetText.ntop(java.util.Arrays.copyOfRange(b, 38, 54)));
                }
            }
            assertEquals(java.util.Set.of(ipv6 ? "ff02::13" : "224.0.0.19"), destinations, "where the adverts went");
        });
    }

    /**
     * {@code vrrp_garp_interval} / {@code vrrp_gna_interval}: a new master's gratuitous ARPs
     * (NAs) for two VIPs, three rounds a burst, leave its interface at least 0.5 s apart, the
     * repeats of a queued address collapsing into one: .100, .100, .101 in each burst (the
     * second burst, {@code garp_master_delay} 2 s later, likewise), from keepalived-j as from
     * keepalived.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jk-4", "kj-4", "jk-6", "kj-6"})
    void pacedGratuitousArpsLeaveAnIntervalApart(String kindsAndFamily) {
        String kinds = kindsAndFamily.substring(0, 2);
        boolean ipv6 = kindsAndFamily.endsWith("6");
        Segment seg = ipv6 ? new Segment(3, true, false, 100) : V2;
        java.net.InetAddress second = Segment.ip(ipv6 ? "2001:db8::101" : "192.0.2.101");
        Optional<Duration> half = Optional.of(Duration.ofMillis(500));
        io.lvsj.keepalived.vrrp.config.GarpPacing pacing = new io.lvsj.keepalived.vrrp.config.GarpPacing(
                new io.lvsj.keepalived.vrrp.config.GarpPacing.Pace(ipv6 ? Optional.empty() : half,
                        ipv6 ? half : Optional.empty()), List.of());
        io.lvsj.keepalived.vrrp.config.VrrpGlobals globals = new io.lvsj.keepalived.vrrp.config.VrrpGlobals(
                "keepalived", -1, false, false, false, Duration.ZERO, pacing);
        withPair("garp-interval-" + kindsAndFamily.substring(3), kinds, (lan, one, two, vips, capture, dir) -> {
            VirtualRouterConfig instance = seg.instance(1, 2, 150).virtualAddresses(List.of(
                    VirtualAddress.of(seg.vip(), ipv6 ? 64 : 24), VirtualAddress.of(second, ipv6 ? 64 : 24))).build();
            one.start(new VrrpConfig(List.of(instance), List.of(), List.of(), List.of(), null, null, false, List.of(),
                    List.of(), globals, List.of(), List.of()));
            vips.awaitSole(seg.vip(), 1, 8000);
            byte[] mac = lan.macBytes(1);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (announcements(capture, mac).size() < 6 && System.nanoTime() < deadline) {
                VipWatch.sleep(100);
            }
            VipWatch.sleep(1500); // nothing more may come
            List<Map.Entry<Long, String>> sent = announcements(capture, mac);
            String a = Segment.ip(seg.vip().getHostAddress()).getHostAddress();
            String b = second.getHostAddress();
            assertEquals(List.of(a, a, b, a, a, b), sent.stream().map(Map.Entry::getValue).toList(), sent.toString());
            for (int i = 1; i < sent.size(); i++) {
                long gap = sent.get(i).getKey() - sent.get(i - 1).getKey();
                assertTrue(gap >= 450_000, "announcements " + (i - 1) + " and " + i + " " + gap / 1000 + " ms apart: "
                        + sent);
            }
        });
    }

    /** The gratuitous ARPs and unsolicited NAs from {@code mac}: when (µs) and for which address. */
    private static List<Map.Entry<Long, String>> announcements(Capture capture, byte[] mac) {
        List<Map.Entry<Long, String>> out = new java.util.ArrayList<>();
        for (io.lvsj.keepalived.vrrp.wire.Pcap.Frame f : capture.frames()) {
            byte[] b = f.bytes();
            if (b.length < 42 || !java.util.Arrays.equals(b, 6, 12, mac, 0, 6)) {
                continue;
            }
            int type = ((b[12] & 0xff) << 8) | (b[13] & 0xff);
            byte[] target = null;
            if (type == 0x0806 && java.util.Arrays.equals(b, 28, 32, b, 38, 42)) {
                target = java.util.Arrays.copyOfRange(b, 28, 32);
            } else if (type == 0x86dd && b.length >= 86 && (b[14 + 6] & 0xff) == 58 && (b[14 + 40] & 0xff) == 136) {
                target = java.util.Arrays.copyOfRange(b, 14 + 48, 14 + 64);
            }
            if (target != null) {
                out.add(Map.entry(f.micros(), Segment.ip(io.lvsj.text.InetText.ntop(target)).getHostAddress()));
            }
        }
        return out;
    }

    /**
     * {@code no_accept}: a master drops traffic to its VIPs (a client's TCP connection attempt
     * to the VIP goes unanswered, while one to the router's own address is refused at once);
     * a master that became backup empties its {@code vips} set and keeps the table, as
     * keepalived does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jk", "kj"})
    void noAcceptDropsTrafficToTheMastersVips(String kinds) {
        withPair("no-accept", kinds, (lan, one, two, vips, capture, dir) -> {
            two.start(VrrpConfig.of(List.of(V2.instance(2, 2, 100).accept(false).build())));
            vips.awaitSole(V2.vip(), 2, 8000);
            assertEquals("refused", knock(lan, "192.0.2.2"), "router 2's own address answers");
            assertEquals("dropped", knock(lan, "192.0.2.100"), "router 2 drops traffic to its VIP");
            one.start(VrrpConfig.of(List.of(V2.instance(1, 2, 150).accept(false).build())));
            vips.awaitSole(V2.vip(), 1, 8000);
            assertEquals("dropped", knock(lan, "192.0.2.100"), "router 1 drops traffic to its VIP");
            String set = Shell.must("ip", "netns", "exec", lan.node(2), "nft", "list", "set", "ip", "keepalived", "vips");
            assertTrue(set.contains("type ipv4_addr") && !set.contains("elements"), "router 2's set, emptied:\n" + set);
        });
    }

    /** A TCP connection attempt from the client to port 9 of {@code address}: "refused" (RST) or "dropped" (no answer). */
    private static String knock(Lan lan, String address) {
        return io.lvsj.sys.NetNamespace.named(lan.client).call(() -> {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(Segment.ip(address), 9), 1000);
                return "connected";
            } catch (java.net.ConnectException e) {
                return "refused";
            } catch (java.net.SocketTimeoutException e) {
                return "dropped";
            }
        });
    }

    /** {@code vrrp_track_process} for {@code sleep N}, full command line, exact parameters. */
    private static io.lvsj.keepalived.vrrp.config.TrackProcessConfig sleeper(String name, String seconds) {
        return new io.lvsj.keepalived.vrrp.config.TrackProcessConfig(name, "sleep", List.of(seconds),
                io.lvsj.keepalived.vrrp.config.TrackProcessConfig.ParamMatch.EXACT, true, 1, Long.MAX_VALUE,
                Duration.ZERO, Duration.ZERO);
    }

    private static VrrpConfig withProcess(VirtualRouterConfig instance, io.lvsj.keepalived.vrrp.config.TrackProcessConfig p) {
        return new VrrpConfig(List.of(instance), List.of(), List.of(), List.of(), null, null, false, List.of(), List.of(),
                null, List.of(p), List.of());
    }

    /**
     * A weighted {@code track_process} that is not running lowers the priority by its weight:
     * the master advertises 100 - 10 = 90, in either role.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jk", "kj"})
    void anAbsentWeightedProcessLowersThePriority(String kinds) {
        String absent = Long.toString(810_000 + ProcessHandle.current().pid() % 100_000);
        withPair("track-process-weight", kinds, (lan, one, two, vips, capture, dir) -> {
            one.start(withProcess(V2.instance(1, 2, 100).tracked(List.of(Tracked.process("gone", -10))).build(),
                    sleeper("gone", absent)));
            two.start(VrrpConfig.of(List.of(V2.instance(2, 2, 85).build())));
            vips.awaitSole(V2.vip(), 1, 8000);
            VrrpInteropTest.awaitCount(() -> capture.adverts(lan.macBytes(1), Segment.VRID, 90), 2);
            assertEquals(0, capture.adverts(lan.macBytes(1), Segment.VRID, 100), "adverts at the base priority");
        });
    }

    /**
     * keepalived-j follows processes as they come and go (keepalived does too, but only from the
     * initial network namespace, where no test runs it: the host's is the machine's own, and the
     * lab's kernel has no process events), so keepalived-j is the tracking router here: the
     * instance leaves FAULT and takes over when the process starts, and hands over at once
     * (priority 0) when it ends.
     */
    @org.junit.jupiter.api.Test
    void aTrackedProcessStartingAndEndingMovesTheMaster() throws Exception {
        String seconds = Long.toString(820_000 + ProcessHandle.current().pid() % 100_000);
        withPair("track-process-events", "jk", (lan, one, two, vips, capture, dir) -> {
            two.start(VrrpConfig.of(List.of(V2.instance(2, 2, 50).build())));
            vips.awaitSole(V2.vip(), 2, 8000);
            one.start(withProcess(V2.instance(1, 2, 100).tracked(List.of(Tracked.process("svc", 0))).build(),
                    sleeper("svc", seconds)));
            assertEquals(VrrpState.FAULT, ((JavaRouter) one).state("VI_1"));
            io.lvsj.lab.BackgroundProcess service = io.lvsj.lab.BackgroundProcess.start(List.of("sleep", seconds),
                    dir.resolve("service.log"));
            try {
                vips.awaitSole(V2.vip(), 1, 5000);
                assertTrue(one.log().contains("Quorum gained for tracked process svc"), one.log());
            } finally {
                service.stop(java.time.Duration.ofSeconds(10));
            }
            long took = vips.awaitSole(V2.vip(), 2, 3000);
            assertTrue(took < V2.masterDownMillis(), "handed over in " + took + " ms: a priority 0, not a timeout");
            assertTrue(one.log().contains("Quorum lost for tracked process svc"), one.log());
            assertEquals(VrrpState.FAULT, ((JavaRouter) one).state("VI_1"));
        });
    }

    /**
     * {@code unicast_peer { IP min_ttl N max_ttl M }} with {@code check_unicast_src}: adverts that
     * arrive with a TTL outside the range are refused, so a backup whose master sends with
     * {@code unicast_ttl 200} while it wants 250..255 takes over too (both hold the VIP), and the
     * refusal is logged as keepalived words it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jk", "kj"})
    void unicastAdvertsOutsideThePeersTtlRangeAreRefused(String kinds) {
        Segment unicast = new Segment(2, false, true, 100);
        withPair("unicast-ttl", kinds, (lan, one, two, vips, capture, dir) -> {
            one.start(VrrpConfig.of(List.of(unicast.instance(1, 2, 150).unicastTtl(200).build())));
            vips.awaitSole(unicast.vip(), 1, 8000);
            two.start(VrrpConfig.of(List.of(unicast.instance(2, 2, 100).checkUnicastSource(true)
                    .peerTtls(java.util.Map.of(unicast.address(1), new VirtualRouterConfig.TtlRange(250, 255)))
                    .build())));
            long deadline = System.nanoTime() + 3 * unicast.masterDownMillis() * 1_000_000 + 3_000_000_000L;
            while (!vips.holders(unicast.vip()).equals(List.of(1, 2)) && System.nanoTime() < deadline) {
                VipWatch.sleep(20);
            }
            assertEquals(List.of(1, 2), vips.holders(unicast.vip()), "router 2 refused router 1's adverts");
            assertTrue(two.log().contains("(VI_1) TTL/HL 200 not in range 250 - 255"), two.log());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"jk"})
    void aReloadChangesOnlyWhatChanged(String kinds) {
        withPair("reload", kinds, (lan, one, two, vips, capture, dir) -> {
            VirtualRouterConfig before = V2.instance(1, 2, 150)
                    .excludedAddresses(List.of(VirtualAddress.of(Segment.ip("192.0.2.151"), 24))).build();
            one.start(VrrpConfig.of(List.of(before)));
            two.start(VrrpConfig.of(List.of(V2.instance(2, 2, 100).build())));
            vips.awaitSole(V2.vip(), 1, 8000);
            vips.awaitSole(Segment.ip("192.0.2.151"), 1, 2000);
            // Renamed, a different excluded address: the VIP itself must never leave router 1.
            VirtualRouterConfig after = VirtualRouterConfig.builder("VI_renamed", "eth0", Segment.VRID).priority(150)
                    .virtualAddresses(before.virtualAddresses()).garp(before.garp())
                    .excludedAddresses(List.of(VirtualAddress.of(Segment.ip("192.0.2.152"), 24))).build();
            Thread sampler = Thread.ofVirtual().start(() -> vips.assertSoleHolderFor(V2.vip(), 1, 3000));
            ((JavaRouter) one).reload(VrrpConfig.of(List.of(after)));
            vips.awaitSole(Segment.ip("192.0.2.152"), 1, 2000);
            assertEquals(List.of(), vips.holders(Segment.ip("192.0.2.151")), "the dropped address is removed");
            sampler.join();
            assertEquals(VrrpState.MASTER, ((JavaRouter) one).state("VI_renamed"));
            assertTrue(one.log().contains("Reloading"));
            String afterReload = one.log().substring(one.log().indexOf("Reloading"));
            assertTrue(!afterReload.contains("Entering MASTER STATE"), "no second MASTER transition");
            vips.assertSoleHolderFor(V2.vip(), 1, 2000);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"jk", "kj"})
    void notifyScriptsGetKeepalivedsArguments(String kinds) {
        withPair("notify", kinds, (lan, one, two, vips, capture, dir) -> {
            Path script = dir.resolve("notify.sh");
            Files.writeString(script, "#!/bin/sh\necho \"$@\" >> \"$(dirname \"$0\")/notify-$(ip -o link show eth0"
                    + " | sed 's/.*link\\/ether \\([^ ]*\\).*/\\1/' | tr -d :).log\"\n");
            script.toFile().setExecutable(true);
            VrrpConfig c1 = VrrpConfig.of(List.of(V2.instance(1, 2, 150).notifyCommands(notify(script)).build()));
            VrrpConfig c2 = VrrpConfig.of(List.of(V2.instance(2, 2, 100).notifyCommands(notify(script)).build()));
            one.start(c1);
            two.start(c2);
            vips.awaitSole(V2.vip(), 1, 8000);
            one.stop();
            vips.awaitSole(V2.vip(), 2, 3000);
            Path log1 = dir.resolve("notify-" + lan.mac(1).replace(":", "") + ".log");
            Path log2 = dir.resolve("notify-" + lan.mac(2).replace(":", "") + ".log");
            // Scripts run concurrently, so two close together may finish (and write) in either order
            // (keepalived issue #1884): the arguments are what must match.
            awaitLines(log1, List.of("INSTANCE VI_1 BACKUP 150", "INSTANCE VI_1 MASTER 150", "INSTANCE VI_1 STOP 150"),
                    true);
            awaitLines(log2, List.of("INSTANCE VI_1 BACKUP 100", "INSTANCE VI_1 MASTER 100"), true);
        });
    }

    @org.junit.jupiter.api.Test
    void scriptsRunAsScriptUser() throws Exception {
        Path dir = Files.createTempDirectory("vr-script-user");
        try (Lan lan = Lan.create(1)) {
            dir.toFile().setWritable(true, false);
            dir.toFile().setExecutable(true, false);
            dir.toFile().setReadable(true, false);
            Path script = dir.resolve("whoami.sh");
            Files.writeString(script, "#!/bin/sh\nid -un > \"$1\"\n");
            script.toFile().setExecutable(true, false);
            script.toFile().setReadable(true, false);
            Path out = dir.resolve("user");
            VirtualRouterConfig c = V2.instance(1, 1, 150).notifyCommands(new io.lvsj.keepalived.vrrp.config
                    .NotifyCommands(List.of(script.toString(), out.toString()), null, null, null, null, null)).build();
            JavaRouter router = new JavaRouter(lan.node(1));
            router.start(new VrrpConfig(List.of(c), List.of(), List.of(), List.of(), null, "nobody", false));
            try {
                awaitLines(out, List.of("nobody"));
            } finally {
                router.stop();
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static io.lvsj.keepalived.vrrp.config.NotifyCommands notify(Path script) {
        return new io.lvsj.keepalived.vrrp.config.NotifyCommands(null, null, null, null, List.of(script.toString()),
                null);
    }

    private static void awaitLines(Path file, List<String> expected) {
        awaitLines(file, expected, false);
    }

    /** Waits for exactly {@code expected} in {@code file}, in that order unless {@code anyOrder}. */
    private static void awaitLines(Path file, List<String> expected, boolean anyOrder) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            try {
                lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (anyOrder ? lines.stream().sorted().toList().equals(expected.stream().sorted().toList())
                    : lines.equals(expected)) {
                return;
            }
            VipWatch.sleep(50);
        }
        assertEquals(expected, lines, file.toString());
    }
}
