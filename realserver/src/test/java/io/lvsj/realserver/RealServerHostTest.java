package io.lvsj.realserver;

import io.lvsj.lab.LabNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.lvsj.lab.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * lvsj-realserver against the host's kernel in a namespace of its own: DR set-up, idempotence,
 * stop restoring exactly, a value changed since start left alone, and all-or-nothing when the
 * kernel lacks a tunnel driver (this host's kernel has none: the lab tests the tunnels).
 */
class RealServerHostTest {
    private static final RealServerConfig DR = new RealServerConfig(List.of(
            new Vip(ip("192.0.2.10"), new Vip.Dr("lo")), new Vip(ip("2001:db8::10"), new Vip.Dr("lo"))), List.of());

    private static String sysctl(LabNamespace ns, String name) {
        return ns.run("sysctl", "-n", name).requireSuccess().stdout().strip();
    }

    @Test
    void directRoutingStartIsIdempotentAndStopRestoresExactly(@TempDir Path run) {
        try (LabNamespace ns = LabNamespace.create("rs-host")) {
            ns.run("sysctl", "-qw", "net.ipv4.conf.all.arp_announce=1").requireSuccess();
            RealServerTool tool = new RealServerTool(io.lvsj.sys.NetNamespace.named(ns.name()), run);
            List<String> first = tool.start(DR);
            assertTrue(first.contains("did: sysctl arp net.ipv4.conf.all.arp_ignore 0 1"), first.toString());
            assertEquals("1", sysctl(ns, "net.ipv4.conf.all.arp_ignore"));
            assertEquals("2", sysctl(ns, "net.ipv4.conf.all.arp_announce"));
            String lo = ns.run("ip", "addr", "show", "dev", "lo").stdout();
            assertTrue(lo.contains("inet 192.0.2.10/32"), lo);
            assertTrue(lo.contains("inet6 2001:db8::10/128") && lo.contains("nodad") && lo.contains("preferred_lft 0sec"), lo);

            List<String> second = tool.start(DR);
            assertTrue(second.stream().noneMatch(l -> l.startsWith("did:")), second.toString());
            assertEquals(0, tool.status().code());

            tool.stop();
            assertEquals("0", sysctl(ns, "net.ipv4.conf.all.arp_ignore"));
            assertEquals("1", sysctl(ns, "net.ipv4.conf.all.arp_announce"), "put back as it was, not to a default");
            assertFalse(ns.run("ip", "addr", "show", "dev", "lo").stdout().contains("192.0.2.10"));
            assertEquals(3, tool.status().code());
        }
    }

    @Test
    void aValueChangedSinceStartIsLeftAlone(@TempDir Path run) {
        try (LabNamespace ns = LabNamespace.create("rs-host")) {
            RealServerTool tool = new RealServerTool(io.lvsj.sys.NetNamespace.named(ns.name()), run);
            tool.start(DR);
            ns.run("sysctl", "-qw", "net.ipv4.conf.all.arp_ignore=2").requireSuccess();
            List<String> out = tool.stop();
            assertTrue(out.contains("warning: left net.ipv4.conf.all.arp_ignore at 2: it was changed since start (start"
                    + " set 1, it had been 0)"), out.toString());
            assertEquals("2", sysctl(ns, "net.ipv4.conf.all.arp_ignore"));
            assertEquals("0", sysctl(ns, "net.ipv4.conf.all.arp_announce"));
        }
    }

    @Test
    void aKernelWithoutTheTunnelDriverLeavesNothingHalfDone(@TempDir Path run) throws Exception {
        try (LabNamespace ns = LabNamespace.create("rs-host")) {
            RealServerTool tool = new RealServerTool(io.lvsj.sys.NetNamespace.named(ns.name()), run);
            RealServerConfig both = new RealServerConfig(List.of(new Vip(ip("192.0.2.10"), new Vip.Dr("lo")),
                    new Vip(ip("192.0.2.20"), new Vip.Tun(io.lvsj.ipvs.TunnelType.IPIP, 0))), List.of());
            String before = ns.run("sh", "-c", "ip -o addr; ip -o link; sysctl net.ipv4.conf.all").stdout();
            SetupException e = assertThrows(SetupException.class, () -> tool.start(both));
            assertTrue(e.getMessage().startsWith("this kernel has no ipip tunnel driver (module ipip): add link lvsj-ipip: "),
                    e.getMessage());
            assertEquals(before, ns.run("sh", "-c", "ip -o addr; ip -o link; sysctl net.ipv4.conf.all").stdout());
            try (var files = Files.list(run.resolve("realserver"))) {
                assertTrue(files.noneMatch(f -> f.toString().endsWith(".state")));
            }
        }
    }

    @Test
    void theCommandLineSaysWhatIsWrongInOneLine() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int status = RealServerMain.run(new String[]{"start", "--dr", "192.0.2.300"}, new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true));
        assertEquals(2, status);
        assertEquals("lvsj-realserver: '192.0.2.300' is not an IPv4 or IPv6 address\n", err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, RealServerMain.run(new String[]{"start", "--tun", "192.0.2.1", "--tun-type", "gue"},
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true)));
        assertEquals("lvsj-realserver: --tun-type gue needs --tun-port\n", err.toString());
    }
}
