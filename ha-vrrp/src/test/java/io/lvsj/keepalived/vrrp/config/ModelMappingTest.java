package io.lvsj.keepalived.vrrp.config;

import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Configs;
import io.lvsj.keepalived.lib.NotifyFifoConfig;
import io.lvsj.keepalived.script.RunAs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** keepalived.conf text, parsed as {@code keepalived-j} reads it, mapped onto what the VRRP engine runs. */
class ModelMappingTest {
    @TempDir
    Path dir;

    static String instance(String body) {
        return "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority 100\n" + body + "}\n";
    }

    ModelMapping.Mapped map(String text) {
        ConfigReport report = Configs.parseText(dir, text);
        assertEquals(0, report.testExitStatus(), Configs.describe(report) + "\n" + text);
        return ModelMapping.map(report.config());
    }

    List<VirtualAddress> vips(String addresses) {
        return map(instance("  virtual_ipaddress {\n" + addresses + "  }\n")).config().instances().getFirst()
                .virtualAddresses();
    }

    @Test
    void anIpv6HostAddressIsDeprecatedAndWithoutDadAsKeepalivedAddsIt() throws Exception {
        List<VirtualAddress> v = vips("    2001:db8::10/128\n    2001:db8::11/64\n    2001:db8::12/128 preferred_lft forever\n"
                + "    2001:db8::13/128 -nodad\n    2001:db8::14/64 home noprefixroute\n");
        assertEquals(0, v.get(0).preferredLifetime());
        assertEquals(VirtualAddress.FLAG_NODAD, v.get(0).flags());
        assertEquals(VirtualAddress.FOREVER, v.get(1).preferredLifetime());
        assertEquals(VirtualAddress.FOREVER, v.get(2).preferredLifetime());
        assertEquals(0, v.get(3).flags(), "-nodad: duplicate address detection stays on");
        assertEquals(InetAddress.getByName("2001:db8::13"), v.get(3).address());
        assertEquals(0x10 | 0x200 | VirtualAddress.FLAG_NODAD, v.get(4).flags(), "home, noprefixroute, nodad");
    }

    @Test
    void aPeerIsCarriedOver() throws Exception {
        List<VirtualAddress> v = vips("    192.0.2.10 peer 192.0.2.20\n    192.0.2.11/24\n");
        assertEquals(InetAddress.getByName("192.0.2.20"), v.get(0).peer());
        assertNull(v.get(1).peer());
        assertEquals(0, v.get(1).flags());
        assertEquals(VirtualAddress.FOREVER, v.get(1).preferredLifetime(), "IPv4 has no preferred lifetime");
    }

    @Test
    void vmacsGetKeepalivedsNamesAndTheVirtualRouterMac() {
        VrrpConfig c = map("vrrp_instance A {\n  interface eth0\n  virtual_router_id 51\n  use_vmac\n"
                + "  virtual_ipaddress {\n    192.0.2.1\n  }\n}\n"
                + "vrrp_instance B {\n  interface eth1\n  virtual_router_id 51\n  use_vmac\n"
                + "  virtual_ipaddress {\n    192.0.2.2\n  }\n}\n"
                + "vrrp_instance C {\n  interface eth0\n  virtual_router_id 51\n  use_vmac\n"
                + "  virtual_ipaddress {\n    2001:db8::1\n  }\n}\n"
                + "vrrp_instance D {\n  interface eth2\n  virtual_router_id 52\n  use_vmac mine 02:00:5e:00:01:34\n"
                + "  virtual_ipaddress {\n    192.0.2.3\n  }\n}\n").config();
        List<VirtualLink> links = c.instances().stream().map(VirtualRouterConfig::virtualLink).toList();
        assertEquals(List.of("vrrp.51", "vrrp1.51", "vrrp6.51", "mine"), links.stream().map(VirtualLink::name).toList());
        assertArrayEquals(new byte[]{0, 0, 0x5e, 0, 1, 51}, ((VirtualLink.Macvlan) links.get(0)).mac());
        assertArrayEquals(new byte[]{0, 0, 0x5e, 0, 2, 51}, ((VirtualLink.Macvlan) links.get(2)).mac());
        assertArrayEquals(new byte[]{2, 0, 0x5e, 0, 1, 0x34}, ((VirtualLink.Macvlan) links.get(3)).mac());
    }

    /** vrrp_garp_interval / vrrp_gna_interval and garp_group as keepalived keeps them. */
    @Test
    void garpPacingIsCarriedOver() {
        GarpPacing p = map("global_defs {\n  vrrp_garp_interval 0.25\n}\n"
                + "garp_group {\n  gna_interval 1.5\n  interfaces {\n    eth1\n    eth2\n  }\n}\n"
                + "garp_group {\n  garp_interval 0.001\n  interface eth0\n}\n"
                + instance("  virtual_ipaddress {\n    192.0.2.1\n  }\n")).config().globals().garpPacing();
        assertEquals(new GarpPacing.Pace(java.util.Optional.of(java.time.Duration.ofMillis(250)),
                java.util.Optional.empty()), p.defaults());
        assertEquals(List.of(
                new GarpPacing.Group(new GarpPacing.Pace(java.util.Optional.empty(),
                        java.util.Optional.of(java.time.Duration.ofMillis(1500))), List.of("eth1", "eth2")),
                new GarpPacing.Group(new GarpPacing.Pace(java.util.Optional.of(java.time.Duration.ofMillis(1)),
                        java.util.Optional.empty()), List.of("eth0"))), p.groups());
        assertEquals(GarpPacing.NONE, map(instance("  virtual_ipaddress {\n    192.0.2.1\n  }\n")).config().globals()
                .garpPacing());
    }

    /** mcast_dst_ip, else vrrp_mcast_group4; a unicast instance keeps vrrp_mcast_group4 for its compatible checksum. */
    @Test
    void theMulticastGroupIsCarriedOver() throws Exception {
        String vip = "  virtual_ipaddress {\n    192.0.2.1\n  }\n";
        VrrpConfig c = map("global_defs {\n  vrrp_mcast_group4 224.0.0.20\n}\n"
                + "vrrp_instance A {\n  interface eth0\n  virtual_router_id 1\n  mcast_dst_ip 224.0.0.19\n" + vip + "}\n"
                + "vrrp_instance B {\n  interface eth0\n  virtual_router_id 2\n" + vip + "}\n"
                + "vrrp_instance C {\n  interface eth0\n  virtual_router_id 3\n  unicast_peer {\n    192.0.2.9\n  }\n"
                + vip + "}\n").config();
        assertArrayEquals(InetAddress.getByName("224.0.0.19").getAddress(), c.instances().get(0).group());
        assertArrayEquals(InetAddress.getByName("224.0.0.20").getAddress(), c.instances().get(1).group());
        assertArrayEquals(InetAddress.getByName("224.0.0.20").getAddress(), c.instances().get(2).checksumGroup());
        assertArrayEquals(InetAddress.getByName("224.0.0.18").getAddress(),
                map(instance(vip)).config().instances().getFirst().group());
    }

    /** What keepalived-j does not do yet is said at start, one line each. */
    @Test
    void whatIsNotDoneYetIsSaid() {
        List<String> said = map("linkbeat_use_polling\nglobal_defs {\n  smtp_server 127.0.0.1\n  notification_email {\n"
                + "    a@b.c\n  }\n  vrrp_rx_bufs_policy MTU\n}\n"
                + instance("  track_src_ip\n  mcast_src_ip 192.0.2.1\n  garp_extra_if all 5\n  kernel_rx_buf_size 65536\n"
                + "  virtual_ipaddress {\n    192.0.2.10\n  }\n")).unsupported();
        assertEquals(List.of("linkbeat_use_polling is not supported; interface state comes from netlink"), said,
                "e-mail alerts, garp_extra_if, receive buffers and track_src_ip are done");
    }

    /** Each instance's share of its socket's receive buffer, in keepalived's order of precedence. */
    @Test
    void receiveBufferShares() {
        String vip = "  virtual_ipaddress {\n    192.0.2.10\n  }\n";
        java.util.function.Function<String, RxBuffer> share = conf -> map(conf).config().instances().getFirst().rxBuffer();
        assertEquals(RxBuffer.NONE, share.apply(instance(vip)));
        assertEquals(new RxBuffer.Fixed(65536), share.apply("global_defs {\n  vrrp_rx_bufs_policy MTU\n}\n"
                + instance("  kernel_rx_buf_size 65536\n" + vip)));
        assertEquals(new RxBuffer.Mtu(3), share.apply("global_defs {\n  vrrp_rx_bufs_policy MTU\n}\n" + instance(vip)));
        assertEquals(new RxBuffer.Adverts(7), share.apply("global_defs {\n  vrrp_rx_bufs_policy ADVERT\n"
                + "  vrrp_rx_bufs_multiplier 7\n}\n" + instance(vip)));
        assertEquals(new RxBuffer.Fixed(5000), share.apply("global_defs {\n  vrrp_rx_bufs_policy 5000\n}\n" + instance(vip)));
        assertEquals(4500, new RxBuffer.Mtu(3).share(40, 1500));
        assertEquals(120, new RxBuffer.Adverts(3).share(40, 1500));
    }

    /**
     * Each script's account: its own USER [GROUP], else script_user's; nothing is said at start
     * (a vrrp_script's user and what each account does are in LocalStateInteropTest).
     */
    @Test
    void scriptAccounts() {
        String vip = "  virtual_ipaddress {\n    192.0.2.10\n  }\n";
        // without enable_script_security (the test file's directory is not root's alone): exit 6, mapped all the same
        var mapped = ModelMapping.map(Configs.parseText(dir, "global_defs {\n  script_user nobody daemon\n}\n"
                + instance("  notify_backup /bin/true root root\n" + vip)).config());
        assertEquals(List.of(), mapped.unsupported());
        assertEquals(new io.lvsj.keepalived.script.RunAs("nobody", "daemon"), mapped.config().scriptAccount());
        var notify = mapped.config().instances().getFirst().notifyCommands();
        assertEquals(new io.lvsj.keepalived.script.RunAs("root", "root"), notify.backup().runAs());
    }

    /**
     * keepalived's vrrp_complete_init and init_global_data: the VRRP side writes to notify_fifo
     * and vrrp_notify_fifo, runs vrrp_notify_fifo_script, and runs notify_fifo_script only when
     * no checker process does; a vrrp_notify_fifo on the global FIFO's path is dropped.
     */
    @Test
    void notifyFifosAndWhoRunsTheirReaders() throws java.io.IOException {
        String cat = Path.of("/bin/cat").toRealPath().toString(); // keepalived runs the resolved path
        String vip = "  virtual_ipaddress {\n    192.0.2.10\n  }\n";
        var config = Configs.parseText(dir, "global_defs {\n  script_user nobody\n"
                + "  notify_fifo /run/all.fifo nobody nogroup\n  notify_fifo_script \"/bin/cat all\" root\n"
                + "  vrrp_notify_fifo /run/vrrp.fifo\n  vrrp_notify_fifo_script /bin/cat\n"
                + "  lvs_notify_fifo /run/lvs.fifo\n  lvs_notify_fifo_script /bin/true root\n}\n"
                + instance(vip)).config();
        var alone = ModelMapping.map(config, false).config().notifyFifos();
        assertEquals(List.of(
                new NotifyFifoConfig(Path.of("/run/all.fifo"), "", new RunAs("nobody", "nogroup"), List.of(cat, "all"),
                        new RunAs("root", null)),
                new NotifyFifoConfig(Path.of("/run/vrrp.fifo"), "vrrp_", new RunAs("nobody", null), List.of(cat),
                        new RunAs("nobody", null))), alone);
        var withCheckers = ModelMapping.map(config, true).config().notifyFifos();
        assertEquals(List.of(), withCheckers.getFirst().reader(), "the checker side runs the global reader");
        assertEquals(List.of(Path.of("/run/all.fifo"), Path.of("/run/lvs.fifo")),
                NotifyFifoConfig.forCheckers(config.global()).stream().map(NotifyFifoConfig::path).toList());
        assertEquals(List.of(cat, "all"), NotifyFifoConfig.forCheckers(config.global()).getFirst().reader());

        var same = Configs.parseText(dir, "global_defs {\n  notify_fifo /run/x.fifo\n  vrrp_notify_fifo /run/x.fifo\n"
                + "  vrrp_notify_fifo_script /bin/cat root\n}\n" + instance(vip)).config();
        assertEquals(List.of(NotifyFifoConfig.of(Path.of("/run/x.fifo")).path()),
                ModelMapping.map(same, false).config().notifyFifos().stream().map(NotifyFifoConfig::path).toList(),
                "one FIFO, opened once");
    }

    /** garp_extra_if runs only where keepalived's vrrp_complete_instance leaves it on. */
    @Test
    void garpExtraIfIsOffWithoutAnotherInterfaceOrAll() {
        java.util.function.BiFunction<String, String, java.time.Duration> interval = (global, body) -> map(
                "global_defs {\n" + global + "}\n" + instance(body)).config().instances().getFirst().garp().extraInterval();
        String elsewhere = "  virtual_ipaddress {\n    192.0.2.10\n    198.51.100.10 dev eth1\n  }\n";
        String home = "  virtual_ipaddress {\n    192.0.2.10\n    192.0.2.11 dev eth0\n  }\n";
        assertEquals(java.time.Duration.ofSeconds(5), interval.apply("", "  garp_extra_if all 5\n" + elsewhere));
        assertEquals(java.time.Duration.ZERO, interval.apply("", "  garp_extra_if 5\n" + elsewhere),
                "without all only VMACs count, and there are none");
        assertEquals(java.time.Duration.ZERO, interval.apply("", "  garp_extra_if all 5\n" + home), "no other interface");
        assertEquals(java.time.Duration.ofSeconds(3), interval.apply("  vrrp_garp_extra_if all 3\n", elsewhere),
                "the global default");
        assertEquals(java.time.Duration.ZERO, interval.apply("  vrrp_garp_extra_if all 3\n", "  garp_extra_if 0\n"
                + elsewhere), "0 turns the global one off");
        // keepalived -t exits 5 on the refused line ("specified without time"), and runs it so
        var refused = ModelMapping.map(Configs.parseText(dir, "global_defs {\n  vrrp_garp_extra_if 3\n}\n"
                + instance("  garp_extra_if all\n" + elsewhere)).config());
        assertEquals(java.time.Duration.ofSeconds(3), refused.config().instances().getFirst().garp().extraInterval(),
                "a refused line keeps its all, and the global interval applies");
    }
}
