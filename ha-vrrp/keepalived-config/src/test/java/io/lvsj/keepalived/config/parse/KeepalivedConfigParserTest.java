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

    @Test
    void fullNatExtension() throws Exception {
        ConfigReport report = parse("""
                local_address_group laddr_g1 {
                    198.51.100.11
                    198.51.100.20-22
                    198.51.100.30 eth1
                }
                virtual_server 203.0.113.10 80 {
                    lb_algo rr
                    lb_kind FNAT
                    laddr_group_name laddr_g1
                    protocol TCP
                    real_server 192.0.2.11 8080 {
                        uthreshold 500000
                        TCP_CHECK {
                            connect_timeout 3
                        }
                    }
                }
                """);
        assertEquals(0, report.testExitStatus(), Configs.describe(report));
        var group = report.config().localAddressGroup("laddr_g1").orElseThrow();
        assertEquals(List.of(ip("198.51.100.11"), ip("198.51.100.20"), ip("198.51.100.21"), ip("198.51.100.22"),
                ip("198.51.100.30")), group.addresses());
        assertEquals(Optional.of("eth1"), group.entries().get(2).device());
        VirtualServer vs = report.config().virtualServers().getFirst();
        assertEquals(Forwarding.Method.FNAT, vs.forwarding().method());
        assertEquals(Optional.of("laddr_g1"), vs.localAddressGroup());
        assertTrue(vs.usesFullNat());
        RealServer rs = vs.realServers().getFirst();
        assertEquals(Forwarding.Method.FNAT, rs.forwarding().method());
        assertEquals(8080, rs.port(), "FullNAT, like NAT, keeps the real server's own port");
        assertTrue(report.diagnostics().stream().anyMatch(d -> d.severity() == Severity.NOTE
                && d.message().contains("uthreshold 500000 is more connections than 5 local address(es) can carry")),
                Configs.describe(report));
        assertTrue(report.diagnostics().stream().anyMatch(d -> d.message().startsWith(
                "local_address_group is a keepalived-j extension")), Configs.describe(report));
    }

    @Test
    void fullNatMistakesAreErrorsAtTheirLine() {
        ConfigReport report = parse("""
                local_address_group g {
                    198.51.100.20-300
                }
                virtual_server 203.0.113.10 80 {
                    lb_kind FNAT
                    laddr_group_name g
                    protocol TCP
                    real_server 192.0.2.11 80 {
                    }
                }
                virtual_server fwmark 3 {
                    lb_kind NAT
                    laddr_group_name g
                    real_server 192.0.2.11 80 {
                    }
                }
                """);
        List<String> messages = report.diagnostics().stream().filter(d -> d.severity() != Severity.NOTE)
                .map(d -> d.location().line() + ": " + d.message()).toList();
        assertTrue(messages.contains("2: (g): local address range 198.51.100.20-300 must end after its start and under 255"
                + " - skipping"), messages.toString());
        assertTrue(messages.contains("6: Virtual server [203.0.113.10]:tcp:80: local_address_group g has no address"
                + " - ignoring virtual server"), messages.toString());
        assertTrue(messages.contains("13: Virtual server FWM 3: a fwmark service cannot be FullNAT (lb_kind FNAT,"
                + " laddr_group_name match a service by address and port) - ignoring virtual server"), messages.toString());
        assertTrue(report.config().virtualServers().isEmpty());
        assertEquals(5, report.testExitStatus());
    }

    /**
     * A route or rule's track_group, as keepalived 2.2.7 reads it (its messages and verdicts
     * checked by hand against Debian's keepalived -t on the same lines, also in the fixture
     * static-invalid.conf): an unknown group is dropped, a second track_group ends the line's
     * reading, which for a route leaves the name as trailing nonsense and drops the route, and
     * for a rule keeps the rule without what follows.
     */
    @Test
    void trackGroupOfRoutesAndRulesAsKeepalived() {
        ConfigReport report = parse("""
                track_group TG_1 {
                    group {
                        VI_1
                    }
                }
                static_routes {
                    198.51.101.0/24 via 192.0.2.254 track_group TG_1
                    198.51.102.0/24 via 192.0.2.254 dev eth1 track_group TG_1 track_group TG_1 metric 5
                    198.51.103.0/24 via 192.0.2.254 dev eth1 track_group TG_NONE
                    198.51.104.0/24 via 192.0.2.254 dev eth1 track_group TG_1
                }
                static_rules {
                    to 198.51.101.0/24 table 100 priority 10 track_group TG_1
                    to 198.51.102.0/24 table 100 iif eth1 track_group TG_1 track_group TG_1 priority 7
                    to 198.51.103.0/24 table 100 priority 11 iif eth1 track_group TG_NONE
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 1
                    virtual_ipaddress {
                        192.0.2.1
                    }
                }
                """);
        List<String> messages = report.diagnostics().stream().map(d -> d.location().line() + ": " + d.message()).toList();
        for (String expected : List.of(
                "7: Static route cannot have track group if no oif specified",
                "8: track_group TG_1 is a duplicate", "8: Route has trailing nonsense - TG_1",
                "9: track_group TG_NONE not found",
                "13: Static rule cannot have track_group if dev/iif not specified",
                "14: track_group TG_1 is a duplicate",
                "14: Rule has no preference specified - setting to 16384. This is probably not what you want.",
                "15: track_group TG_NONE not found")) {
            assertTrue(messages.contains(expected), expected + " in " + messages);
        }
        List<String> routes = report.config().staticRoutes().stream()
                .map(r -> r.location().line() + " " + r.trackGroup().orElse("-")).toList();
        assertEquals(List.of("7 -", "9 -", "10 TG_1"), routes);
        List<String> rules = report.config().staticRules().stream()
                .map(r -> r.location().line() + " " + r.trackGroup().orElse("-") + " " + r.preference()).toList();
        assertEquals(List.of("13 - 10", "14 TG_1 16384", "15 - 11"), rules);
    }

    /**
     * A route's rtt, rttvar and rto_min, as Debian's keepalived 2.2.7 gives them to the kernel
     * (seen with {@code ip route} beside it): a plain number is the kernel's unit (1/8 ms for
     * rtt, 1/4 ms for rttvar), "100ms" and "1.5s" are converted, and values are kept between
     * 200 ms and 120 s; out-of-range and exponential numbers are refused with its messages.
     */
    @Test
    void routeTimesAreTheKernelsUnitsAsKeepalivedGivesThem() {
        ConfigReport report = parse("""
                static_routes {
                    192.0.2.0/25 dev eth0 rtt 100ms rttvar 1s rto_min 200ms
                    192.0.2.128/25 dev eth0 rtt 100 rttvar 40
                    198.51.100.0/24 dev eth0 rtt 500000
                    203.0.113.0/25 dev eth0 rtt lock 1.5s rttvar 300ms rto_min 2s
                    203.0.113.128/25 dev eth0 rtt 200s rto_min 250ms
                    198.18.0.0/24 dev eth0 rtt 1e3
                    198.18.1.0/24 dev eth0 rtt 99999999999999
                }
                """);
        List<String> routes = report.config().staticRoutes().stream()
                .map(r -> r.destination().address().getHostAddress() + "/" + r.destination().length() + " "
                        + new java.util.TreeMap<>(r.metrics()) + " " + r.locked()).toList();
        assertEquals(List.of(
                "192.0.2.0/25 {RTT=1600, RTTVAR=4000, RTO_MIN=200} []",
                "192.0.2.128/25 {RTT=1600, RTTVAR=800} []",
                "198.51.100.0/24 {RTT=500000} []",
                "203.0.113.0/25 {RTT=12000, RTTVAR=1200, RTO_MIN=2000} [RTT]",
                "203.0.113.128/25 {RTT=960000, RTO_MIN=250} []"), routes);
        List<String> messages = report.diagnostics().stream().map(d -> d.location().line() + ": " + d.message()).toList();
        for (String expected : List.of(
                "0: rtt value 100ms below minimum 200ms, resetting",
                "0: rtt value 40 below minimum 200ms, resetting",
                "0: rtt value 200s exceeds maximum 120s, resetting",
                "0: rtt value exponential form 1e3 no longer supported",
                "7: Invalid rtt 1e3 for route",
                "8: number '99999999999999' outside range [0., 960000.]",
                "8: Invalid rtt 99999999999999 for route")) {
            assertTrue(messages.contains(expected), expected + " in " + messages);
        }
        String dumped = io.lvsj.keepalived.config.dump.ConfigDump.render(report.config());
        for (String time : List.of("rtt lock 1500ms", "rttvar 300ms", "rto_min 2s", "rtt 62500ms", "rtt 120s", "rttvar 1s")) {
            assertTrue(dumped.contains(time), time + " in " + dumped);
        }
        assertEquals(report.config().staticRoutes().stream().map(r -> r.metrics()).toList(),
                parse(dumped).config().staticRoutes().stream().map(r -> r.metrics()).toList(), "read back the same");
    }
}
