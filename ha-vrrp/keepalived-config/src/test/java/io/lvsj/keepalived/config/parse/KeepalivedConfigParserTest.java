package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Checker;
import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Configs;
import io.lvsj.keepalived.config.Diagnostic;
import io.lvsj.keepalived.config.Forwarding;
import io.lvsj.keepalived.config.RealServer;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.keepalived.config.Tracked;
import io.lvsj.keepalived.config.VirtualServer;
import io.lvsj.keepalived.config.VrrpInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed model: values as keepalived applies them, defaults filled in, locations kept. */
class KeepalivedConfigParserTest {
    @TempDir
    Path dir;

    private ConfigReport parse(String text) {
        return Configs.parseText(dir, text);
    }

    static String realPath(String path) {
        try {
            return Path.of(path).toRealPath().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    /**
     * Issue 12: a block keyword refused for its arguments skips its block; without a '{' it
     * has none, and the lines after it are not its body (keepalived parses them into the
     * previous instance, here overwriting VI_1's priority).
     */
    @Test
    void aRefusedBlockNeverTakesTheLinesAfterItIntoThePreviousOne() {
        ConfigReport report = parse("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                }
                vrrp_instance VI_1
                    priority 200
                vrrp_instance
                {
                    priority 50
                }
                """);
        assertEquals(5, report.testExitStatus(), Configs.describe(report));
        assertEquals(1, report.config().vrrpInstances().size());
        assertEquals(100, report.config().vrrpInstances().getFirst().priority());
        assertTrue(report.diagnostics().stream().anyMatch(d -> d.message().equals("Unknown keyword 'priority'")),
                Configs.describe(report));
    }

    @Test
    void aRefusedBlockAtTheEndOfTheFileIsNotClosed() {
        for (String text : List.of("virtual_server 203.SS\n", "vrrp_instance\n", "vrrp_instance {{\n",
                "vrrp_sync_group SG_1 s\ngroup {\n", "vrrp_script chk\n")) {
            ConfigReport report = parse(text);
            assertEquals(5, report.testExitStatus(), text + Configs.describe(report));
        }
        for (String text : List.of("virtual_server_group\n", "vrrp_script\n")) {
            assertEquals(2, parse(text).testExitStatus(), text + ": a missing parameter, as in keepalived");
        }
    }

    @Test
    void vrrpInstanceDefaults() throws Exception {
        ConfigReport report = parse("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        192.0.2.1/24 dev eth1 label eth1:vip
                        192.0.2.2
                    }
                }
                """);
        assertEquals(0, report.testExitStatus(), Configs.describe(report));
        VrrpInstance v = report.config().vrrpInstances().getFirst();
        assertEquals(VrrpInstance.State.BACKUP, v.initialState());
        assertEquals(Optional.of("eth0"), v.interfaceName());
        assertEquals(51, v.virtualRouterId());
        assertEquals(100, v.priority());
        assertEquals(2, v.version());
        assertEquals(Duration.ofSeconds(1), v.advertInterval());
        assertEquals(Optional.of(ip("224.0.0.18")), v.multicastGroup());
        assertTrue(v.unicastPeers().isEmpty());
        assertFalse(v.nopreempt());
        assertEquals(Duration.ZERO, v.preemptDelay());
        assertEquals(Duration.ofSeconds(5), v.garp().delay());
        assertEquals(5, v.garp().repeat());
        assertEquals(3, v.downTimerAdverts());
        assertEquals(ip("192.0.2.1"), v.virtualAddresses().get(0).address());
        assertEquals(24, v.virtualAddresses().get(0).prefixLength());
        assertEquals(Optional.of("eth1"), v.virtualAddresses().get(0).device());
        assertEquals(Optional.of("eth1:vip"), v.virtualAddresses().get(0).label());
        assertEquals(32, v.virtualAddresses().get(1).prefixLength());
    }

    @Test
    void everyElementKnowsWhereItWasWritten() {
        ConfigReport report = parse("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        192.0.2.1
                    }
                }
                virtual_server 203.0.113.1 80 {
                    protocol TCP
                    lb_algo rr
                    lb_kind DR
                    real_server 192.0.2.10 80 {
                        TCP_CHECK {
                        }
                    }
                }
                """);
        VrrpInstance v = report.config().vrrpInstances().getFirst();
        assertEquals(1, v.location().line());
        assertTrue(v.location().file().endsWith(".conf"), v.location().file());
        assertEquals(5, v.virtualAddresses().getFirst().location().line());
        VirtualServer vs = report.config().virtualServers().getFirst();
        assertEquals(8, vs.location().line());
        assertEquals(12, vs.realServers().getFirst().location().line());
        assertEquals(13, ((Checker.TcpCheck) vs.realServers().getFirst().checkers().getFirst()).location().line());
    }

    @Test
    void problemsPointAtTheirLine() {
        ConfigReport report = parse("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 300
                }
                """);
        Diagnostic d = report.diagnostics().stream().filter(x -> x.message().contains("300")).findFirst().orElseThrow();
        assertEquals(3, d.location().line());
        assertTrue(d.toString().matches(".*\\.conf:3: warning: .*300.*"), d.toString());
        assertEquals(5, report.testExitStatus());
    }

    @Test
    void trackingWeightsAndUnicastPeers() throws Exception {
        ConfigReport report = parse("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    version 3
                    advert_int 0.5
                    unicast_src_ip 192.0.2.5
                    unicast_peer {
                        192.0.2.6
                        192.0.2.7
                    }
                    track_interface {
                        eth1 weight -20
                        eth2
                    }
                    virtual_ipaddress {
                        192.0.2.1
                    }
                }
                """);
        assertEquals(0, report.testExitStatus(), Configs.describe(report));
        VrrpInstance v = report.config().vrrpInstances().getFirst();
        assertEquals(150, v.priority());
        assertEquals(Duration.ofMillis(500), v.advertInterval());
        assertEquals(Optional.of(ip("192.0.2.5")), v.sourceAddress());
        assertEquals(List.of(ip("192.0.2.6"), ip("192.0.2.7")), v.unicastPeers().stream().map(VrrpInstance.UnicastPeer::address).toList());
        assertEquals(255, v.unicastTtl());
        List<Tracked> tracked = v.trackInterfaces();
        assertEquals("eth1", tracked.get(0).name());
        assertEquals(-20, tracked.get(0).weight());
        assertEquals(0, tracked.get(1).weight());
    }

    @Test
    void virtualServerDefaultsAndCheckerConnections() throws Exception {
        ConfigReport report = parse("""
                virtual_server 203.0.113.1 80 {
                    protocol TCP
                    lb_algo rr
                    lb_kind NAT
                    real_server 192.0.2.10 8080 {
                        TCP_CHECK {
                        }
                        HTTP_GET {
                            url {
                                path /health
                                status_code 200-204
                            }
                            connect_port 81
                            connect_timeout 2
                        }
                    }
                }
                """);
        assertEquals(0, report.testExitStatus(), Configs.describe(report));
        VirtualServer vs = report.config().virtualServers().getFirst();
        assertEquals(new VirtualServer.Address(ip("203.0.113.1"), 80), vs.key());
        assertEquals(Optional.of(VirtualServer.Protocol.TCP), vs.protocol());
        assertEquals("rr", vs.scheduler());
        assertEquals(Forwarding.Method.NAT, vs.forwarding().method());
        assertEquals(Duration.ofSeconds(60), vs.delayLoop());
        assertEquals(Duration.ofSeconds(5), vs.connectTimeout());
        assertEquals(1, vs.quorum());
        RealServer rs = vs.realServers().getFirst();
        assertEquals(1, rs.weight());
        assertEquals(8080, rs.port());
        Checker.TcpCheck tcp = assertInstanceOf(Checker.TcpCheck.class, rs.checkers().get(0));
        assertEquals(ip("192.0.2.10"), tcp.connection().address());
        assertEquals(8080, tcp.connection().port());
        assertEquals(Duration.ofSeconds(5), tcp.connection().connectTimeout());
        assertEquals(Duration.ofSeconds(60), tcp.timing().delayLoop());
        Checker.HttpGet http = assertInstanceOf(Checker.HttpGet.class, rs.checkers().get(1));
        assertFalse(http.ssl());
        assertEquals(81, http.connection().port());
        assertEquals(Duration.ofSeconds(2), http.connection().connectTimeout());
        assertEquals("/health", http.urls().getFirst().path());
        assertEquals(List.of(new Checker.StatusRange(200, 204)), http.urls().getFirst().statusCodes());
    }

    @Test
    void keepalivedDefaultsForAnIncompleteVirtualServerAreWarnings() {
        ConfigReport report = parse("""
                virtual_server 203.0.113.1 80 {
                    real_server 192.0.2.10 80 {
                    }
                }
                """);
        assertEquals(5, report.testExitStatus());
        VirtualServer vs = report.config().virtualServers().getFirst();
        assertEquals(Optional.of(VirtualServer.Protocol.UDP), vs.protocol());
        assertEquals("wlc", vs.scheduler());
        assertEquals(Forwarding.Method.NAT, vs.realServers().getFirst().forwarding().method());
        assertTrue(report.diagnostics().stream().allMatch(d -> d.severity() == Severity.GENERAL), Configs.describe(report));
    }

    @Test
    void unknownInterfaceIsAnErrorAndStopsVrrp() {
        ConfigReport report = parse("""
                vrrp_instance VI_1 {
                    interface kac-nosuch0
                    virtual_router_id 51
                    virtual_ipaddress {
                        192.0.2.1
                    }
                }
                """);
        // keepalived 2.2.7: "Non-existent interface specified in configuration", status 5
        assertEquals(5, report.testExitStatus());
        assertTrue(report.vrrpStops());
    }

    @Test
    void unknownLinkbeatInterfaceIsFatal() {
        ConfigReport report = parse("""
                linkbeat_interfaces {
                    kac-nosuch0
                }
                """);
        assertEquals(4, report.testExitStatus(), Configs.describe(report));
    }

    @Test
    void missingParameterStopsReadingWithStatusTwo() {
        ConfigReport report = parse("""
                vrrp_instance VI_1 {
                    interface
                }
                """);
        assertEquals(ConfigReport.Outcome.MISSING_PARAMETER, report.outcome());
        assertEquals(2, report.testExitStatus());
        assertEquals(2, report.diagnostics().getLast().location().line());
    }

    @Test
    void scriptsThatWouldRunWithoutScriptSecurityAreASecurityViolation() {
        ConfigReport report = parse("""
                vrrp_script chk {
                    script /bin/true
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    track_script {
                        chk
                    }
                    virtual_ipaddress {
                        192.0.2.1
                    }
                }
                """);
        assertEquals(6, report.testExitStatus(), Configs.describe(report));
        // keepalived runs the resolved path ("/usr/bin/true" where /bin is a link to usr/bin)
        assertEquals(List.of(realPath("/bin/true")), report.config().vrrpScripts().getFirst().script().command());
    }
}
