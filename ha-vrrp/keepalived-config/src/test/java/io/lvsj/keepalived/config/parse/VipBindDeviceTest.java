package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Configs;
import io.lvsj.keepalived.config.Diagnostic;
import io.lvsj.keepalived.config.Fixture;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.keepalived.config.VirtualServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vip_bind_dev IFNAME}: Alibaba's and DPVS's keyword, read as they define it, with file:line complaints. */
class VipBindDeviceTest {
    @TempDir
    Path dir;

    private static String virtualServer(String address, String body) {
        return """
                virtual_server %s {
                    lb_algo mh
                    lb_kind DR
                    protocol TCP
                %s    real_server 192.0.2.11 80 {
                        TCP_CHECK {
                            connect_timeout 3
                        }
                    }
                }
                """.formatted(address, body.indent(4));
    }

    private static Diagnostic only(ConfigReport report, String containing) {
        List<Diagnostic> found = report.diagnostics().stream().filter(d -> d.message().contains(containing)).toList();
        assertEquals(1, found.size(), Configs.describe(report));
        return found.getFirst();
    }

    @Test
    void theInterfaceIsKeptAndTheKeywordNotedAsAnExtension() {
        ConfigReport report = Configs.parse(Fixture.named("vs-vip-bind-dev.conf"));
        assertEquals(0, report.testExitStatus(), Configs.describe(report));
        for (VirtualServer vs : report.config().virtualServers()) {
            assertEquals(Optional.of("eth1"), vs.vipBindDevice());
        }
        Diagnostic note = report.diagnostics().getFirst();
        assertEquals(Severity.NOTE, note.severity());
        assertEquals(8, note.location().line());
        assertTrue(note.message().startsWith("vip_bind_dev is a keepalived-j extension"), note.message());
    }

    @Test
    void withoutTheKeywordNothingIsBound() {
        ConfigReport report = Configs.parseText(dir, virtualServer("203.0.113.10 80", ""));
        assertEquals(Optional.empty(), report.config().virtualServers().getFirst().vipBindDevice());
    }

    @Test
    void badNamesAndMissingInterfacesAreWarningsAtTheirLine() {
        ConfigReport report = Configs.parse(Fixture.named("vs-vip-bind-dev-invalid.conf"));
        assertEquals(5, report.testExitStatus());
        assertEquals(7, only(report, "vip_bind_dev needs an interface name - ignoring").location().line());
        assertEquals(8, only(report, "interface name 'an-interface-name-too-long' is invalid").location().line());
        Diagnostic missing = only(report, "vip_bind_dev vip9: no such interface now");
        assertEquals(9, missing.location().line());
        assertEquals(Severity.GENERAL, missing.severity());
        assertTrue(missing.toString().matches(".*vs-vip-bind-dev-invalid\\.conf:9: warning: .*"), missing.toString());
        List<VirtualServer> servers = report.config().virtualServers();
        assertEquals(Optional.of("vip9"), servers.get(0).vipBindDevice(), "bound once the interface appears");
    }

    @Test
    void aFwmarkOrANonHostAddressHasNothingToBind() {
        ConfigReport report = Configs.parse(Fixture.named("vs-vip-bind-dev-invalid.conf"));
        Diagnostic fwmark = only(report, "Virtual server FWM 7: a fwmark has no address to bind - vip_bind_dev ignored");
        assertEquals(19, fwmark.location().line());
        Diagnostic multicast = only(report, "224.0.0.10 is not a unicast host address (multicast) - vip_bind_dev ignored");
        assertEquals(30, multicast.location().line());
        List<VirtualServer> servers = report.config().virtualServers();
        assertEquals(Optional.empty(), servers.get(1).vipBindDevice());
        assertEquals(Optional.empty(), servers.get(2).vipBindDevice());
    }

    @Test
    void everyAddressOfAGroupMustBeAHostAddress() {
        ConfigReport report = Configs.parseText(dir, """
                virtual_server_group g {
                    203.0.113.10 80
                    127.0.0.1 80
                }
                """ + virtualServer("group g", "vip_bind_dev eth1\n"));
        assertTrue(only(report, "127.0.0.1 is not a unicast host address (loopback)").toString().contains(":9: "),
                Configs.describe(report));
        assertEquals(Optional.empty(), report.config().virtualServers().getFirst().vipBindDevice());
    }

    @Test
    void aSecondKeywordReplacesTheFirstWithAWarning() {
        ConfigReport report = Configs.parseText(dir, virtualServer("203.0.113.10 80", """
                vip_bind_dev eth0
                vip_bind_dev eth1 extra
                """));
        only(report, "vip_bind_dev already specified as eth0 - replacing with eth1");
        only(report, "vip_bind_dev takes one interface name - ignoring 'extra'");
        assertEquals(Optional.of("eth1"), report.config().virtualServers().getFirst().vipBindDevice());
    }

    @Test
    void hostAddressesAreUnicast() throws Exception {
        assertEquals(null, VipBindDevice.notHost(java.net.InetAddress.getByName("203.0.113.10")));
        assertEquals(null, VipBindDevice.notHost(java.net.InetAddress.getByName("2001:db8::10")));
        assertEquals("unspecified", VipBindDevice.notHost(java.net.InetAddress.getByName("0.0.0.0")));
        assertEquals("link-local", VipBindDevice.notHost(java.net.InetAddress.getByName("fe80::1")));
        assertEquals("broadcast", VipBindDevice.notHost(java.net.InetAddress.getByName("255.255.255.255")));
        assertEquals("multicast", VipBindDevice.notHost(java.net.InetAddress.getByName("ff02::1")));
    }

    @Test
    void haSuspendWouldKeepALostQuorumLostAndIsCleared() {
        ConfigReport report = Configs.parseText(dir, virtualServer("203.0.113.10 80", """
                ha_suspend
                vip_bind_dev eth1
                """));
        Diagnostic d = only(report, "ha_suspend would stop the checks that bring a VIP vip_bind_dev removed back"
                + " - clearing ha_suspend");
        assertEquals(6, d.location().line());
        VirtualServer vs = report.config().virtualServers().getFirst();
        assertEquals(false, vs.haSuspend());
        assertEquals(Optional.of("eth1"), vs.vipBindDevice());
    }
}
