package io.lvsj.realserver;

import io.lvsj.lab.KernelTest;
import io.lvsj.lab.Command;
import io.lvsj.lab.LabNamespace;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.lvsj.realserver.SegmentLab.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * lvsj-realserver on real servers of the lab kernel, with real traffic through IPVS: direct
 * routing on one L2 segment (the shipped command), where only the director may answer ARP for
 * the VIP; and tunnels (IPIP, GUE, GRE; the tool in-process, in each real server's namespace,
 * to spare a JVM start per call), where traffic reaches the real servers through the tunnel
 * device and they answer the client directly.
 */
@KernelTest
class RealServerKernelTest {

    private static String sysctl(LabNamespace ns, String name) {
        return ns.run("sysctl", "-n", name).requireSuccess().stdout().strip();
    }

    private static void ok(Command.Result r) {
        assertEquals(0, r.status(), r.stdout() + r.stderr());
    }

    @Test
    void directRoutingOnOneSegment(LabNamespace director) {
        try (SegmentLab lab = new SegmentLab(director, 2)) {
            LabNamespace rs0 = lab.realServers.get(0);
            // Without lvsj-realserver: the VIP on lo as tutorials put it; the real server answers ARP for it.
            rs0.run("ip", "addr", "add", VIP + "/32", "dev", "lo").requireSuccess();
            String neighbour = lab.clientNeighbourAfterConnecting(VIP);
            assertTrue(neighbour.contains(SegmentLab.mac(rs0)), "the real server answered ARP for the VIP: " + neighbour);
            rs0.run("ip", "addr", "del", VIP + "/32", "dev", "lo").requireSuccess();

            for (LabNamespace rs : lab.realServers) {
                ok(SegmentLab.realServerTool(rs, "start", "--dr", VIP));
            }
            String silent = lab.clientNeighbourAfterConnecting(VIP);
            for (LabNamespace rs : lab.realServers) {
                assertFalse(silent.contains(SegmentLab.mac(rs)), "a real server answered ARP for the VIP: " + silent);
            }

            director.run("ip", "addr", "add", VIP + "/32", "dev", "eth0").requireSuccess();
            director.ipvsadm("-A", "-t", VIP + ":80", "-s", "rr").requireSuccess();
            for (int i = 0; i < 2; i++) {
                director.ipvsadm("-a", "-t", VIP + ":80", "-r", "203.0.113." + (3 + i), "-g").requireSuccess();
            }
            assertEquals(Map.of("rs0", 50L, "rs1", 50L), lab.count(80, 100), "balanced, answered from the VIP");
            assertTrue(lab.clientNeighbourAfterConnecting(VIP).contains(SegmentLab.mac(director)), "only the director answers");

            ok(SegmentLab.realServerTool(rs0, "status"));
            ok(SegmentLab.realServerTool(rs0, "stop"));
            assertEquals("0", sysctl(rs0, "net.ipv4.conf.all.arp_ignore"));
            assertEquals("0", sysctl(rs0, "net.ipv4.conf.all.arp_announce"));
            assertFalse(rs0.run("ip", "addr", "show", "dev", "lo").stdout().contains(VIP));
            assertEquals(3, SegmentLab.realServerTool(rs0, "status").status(), "stopped");
        }
    }

    /** The tool in-process, its state in the lab's /tmp: a namespace's name and inode recur across boots, a state file must not. */
    private static RealServerTool inProcess(LabNamespace rs) {
        return new RealServerTool(io.lvsj.sys.NetNamespace.named(rs.name()), java.nio.file.Path.of("/tmp/realserver-" + rs.name()));
    }

    /**
     * IPv6 DR: the VIP as a /128 on lo (no DAD, never a source) is never announced: with only
     * real servers holding it, the client's neighbour discovery for it fails; with the director
     * holding it too, only the director answers, and balanced traffic flows.
     */
    @Test
    void directRoutingIpv6(LabNamespace director) {
        try (SegmentLab lab = new SegmentLab(director, 2)) {
            for (LabNamespace rs : lab.realServers) {
                inProcess(rs).start(new RealServerConfig(java.util.List.of(
                        new Vip(io.lvsj.lab.Addresses.ip(SegmentLab.VIP6), new Vip.Dr("lo"))), java.util.List.of()));
                String lo = rs.run("ip", "-6", "addr", "show", "dev", "lo").stdout();
                assertTrue(lo.contains(SegmentLab.VIP6 + "/128") && lo.contains("nodad") && lo.contains("preferred_lft 0sec"), lo);
            }
            String silent = lab.clientNeighbourAfterConnecting(SegmentLab.VIP6);
            for (LabNamespace rs : lab.realServers) {
                assertFalse(silent.contains(SegmentLab.mac(rs)), "a real server answered for the IPv6 VIP: " + silent);
            }
            director.run("ip", "addr", "add", SegmentLab.VIP6 + "/128", "dev", "eth0", "nodad").requireSuccess();
            director.ipvsadm("-A", "-t", "[" + SegmentLab.VIP6 + "]:80", "-s", "rr").requireSuccess();
            for (int i = 0; i < 2; i++) {
                director.ipvsadm("-a", "-t", "[" + SegmentLab.VIP6 + "]:80", "-r", "[2001:db8:a::" + (3 + i) + "]:80", "-g")
                        .requireSuccess();
            }
            assertEquals(Map.of("rs0", 10L, "rs1", 10L), lab.count(SegmentLab.VIP6, "2001:db8:a::2", 80, 20));
            assertTrue(lab.clientNeighbourAfterConnecting(SegmentLab.VIP6).contains(SegmentLab.mac(director)));
            for (LabNamespace rs : lab.realServers) {
                inProcess(rs).stop();
                assertFalse(rs.run("ip", "-6", "addr", "show", "dev", "lo").stdout().contains(SegmentLab.VIP6));
            }
        }
    }

    /** One tunnel type end to end; {@code ipvsadmTunnel} is ipvsadm's tunnel options. */
    private static void tunnel(LabNamespace director, String device, String[] ipvsadmTunnel, Vip.Tun mode) {
        try (SegmentLab lab = new SegmentLab(director, 2)) {
            for (LabNamespace rs : lab.realServers) {
                rs.run("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=1").requireSuccess(); // RHEL's default: strict
                inProcess(rs).start(new RealServerConfig(java.util.List.of(
                        new Vip(io.lvsj.lab.Addresses.ip(VIP), mode)), java.util.List.of()));
                assertEquals("2", sysctl(rs, "net.ipv4.conf.all.rp_filter"), "loose, not strict");
            }
            director.run("ip", "addr", "add", VIP + "/32", "dev", "eth0").requireSuccess();
            director.ipvsadm("-A", "-t", VIP + ":80", "-s", "rr").requireSuccess();
            for (int i = 0; i < 2; i++) {
                String[] add = {"-a", "-t", VIP + ":80", "-r", "203.0.113." + (3 + i), "-i"};
                String[] argv = new String[add.length + ipvsadmTunnel.length];
                System.arraycopy(add, 0, argv, 0, add.length);
                System.arraycopy(ipvsadmTunnel, 0, argv, add.length, ipvsadmTunnel.length);
                director.ipvsadm(argv).requireSuccess();
            }
            assertEquals(Map.of("rs0", 10L, "rs1", 10L), lab.count(80, 20));
            for (LabNamespace rs : lab.realServers) {
                String stats = rs.run("cat", "/sys/class/net/" + device + "/statistics/rx_packets").requireSuccess().stdout();
                assertTrue(Long.parseLong(stats.strip()) >= 10 * 3, device + " received the tunnelled packets: " + stats);
            }
            String directorStats = director.ipvsadm("-Ln", "--stats", "--exact").requireSuccess().stdout();
            assertTrue(directorStats.lines().anyMatch(l -> l.startsWith("TCP  " + VIP + ":80") && l.trim().split(" +")[4].equals("0")),
                    "the replies went to the client directly, not through the director: " + directorStats);
            for (LabNamespace rs : lab.realServers) {
                inProcess(rs).stop();
                assertEquals("1", sysctl(rs, "net.ipv4.conf.all.rp_filter"));
                assertFalse(rs.run("ip", "link", "show", device).status() == 0, device + " removed");
            }
        }
    }

    @Test
    void ipipTunnel(LabNamespace director) {
        tunnel(director, "lvsj-ipip", new String[]{"--tun-type", "ipip"}, new Vip.Tun(io.lvsj.ipvs.TunnelType.IPIP, 0));
    }

    @Test
    void gueTunnel(LabNamespace director) {
        tunnel(director, "lvsj-ipip", new String[]{"--tun-type", "gue", "--tun-port", "6080", "--tun-nocsum"},
                new Vip.Tun(io.lvsj.ipvs.TunnelType.GUE, 6080));
    }

    @Test
    void greTunnel(LabNamespace director) {
        tunnel(director, "lvsj-gre", new String[]{"--tun-type", "gre", "--tun-nocsum"},
                new Vip.Tun(io.lvsj.ipvs.TunnelType.GRE, 0));
    }
}
