package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Configs;
import io.lvsj.keepalived.config.Fixture;
import io.lvsj.keepalived.config.GlobalDefs;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.keepalived.config.VirtualServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What active-active directors need from the configuration besides {@code vip_bind_dev}: the
 * {@code mh} scheduler with its flags (keepalived's own keywords) and keepalived-j's
 * {@code lvs_sloppy_tcp}/{@code lvs_sloppy_sctp} and {@code routing_daemon}.
 */
class ActiveActiveGlobalsTest {
    @TempDir
    Path dir;

    @Test
    void sloppyModesAndMaglevFlagsAreRead() {
        ConfigReport report = Configs.parse(Fixture.named("global-active-active.conf"));
        assertEquals(0, report.testExitStatus(), Configs.describe(report));
        GlobalDefs.Lvs lvs = report.config().global().lvs();
        assertEquals(Optional.of(true), lvs.sloppyTcp());
        assertEquals(Optional.of(false), lvs.sloppySctp());
        assertEquals(Optional.of(new GlobalDefs.RoutingDaemon(GlobalDefs.RoutingDaemon.Kind.BIRD, "/run/bird/bird.ctl")),
                lvs.routingDaemon());
        VirtualServer vs = report.config().virtualServers().getFirst();
        assertEquals("mh", vs.scheduler());
        assertEquals(Set.of(VirtualServer.Flag.MH_PORT, VirtualServer.Flag.MH_FALLBACK), vs.flags());
        assertTrue(report.diagnostics().stream().allMatch(d -> d.severity() == Severity.NOTE
                && d.message().contains("is a keepalived-j extension")), Configs.describe(report));
    }

    @Test
    void withoutTheKeywordsTheKernelKeepsItsValue() {
        ConfigReport report = Configs.parseText(dir, "global_defs {\n    router_id x\n}\n");
        assertEquals(Optional.empty(), report.config().global().lvs().sloppyTcp());
        assertEquals(Optional.empty(), report.config().global().lvs().sloppySctp());
    }

    @Test
    void aValueThatIsNoBooleanIsAWarningAtItsLine() {
        ConfigReport report = Configs.parseText(dir, "global_defs {\n    lvs_sloppy_tcp maybe\n}\n");
        assertEquals(5, report.testExitStatus());
        assertTrue(report.diagnostics().stream().anyMatch(d -> d.location().line() == 2
                && d.message().equals("Invalid lvs_sloppy_tcp value 'maybe' - ignoring")), Configs.describe(report));
        assertEquals(Optional.empty(), report.config().global().lvs().sloppyTcp());
    }

    @Test
    void routingDaemonsHaveTheirDebianPathsByDefault() {
        ConfigReport report = Configs.parseText(dir, "global_defs {\n    routing_daemon frr\n}\n");
        assertEquals(0, report.testExitStatus(), Configs.describe(report));
        assertEquals(Optional.of(new GlobalDefs.RoutingDaemon(GlobalDefs.RoutingDaemon.Kind.FRR, "/run/frr")),
                report.config().global().lvs().routingDaemon());
        report = Configs.parseText(dir, "global_defs {\n    routing_daemon bird\n}\n");
        assertEquals(Optional.of(new GlobalDefs.RoutingDaemon(GlobalDefs.RoutingDaemon.Kind.BIRD, "/run/bird/bird.ctl")),
                report.config().global().lvs().routingDaemon());
    }

    @Test
    void anUnknownDaemonOrARelativePathIsAWarningAtItsLine() {
        ConfigReport report = Configs.parseText(dir, "global_defs {\n    routing_daemon quagga\n"
                + "    routing_daemon bird bird.ctl\n    routing_daemon\n}\n");
        assertEquals(5, report.testExitStatus());
        String all = Configs.describe(report);
        assertTrue(all.contains(":2: warning: Unknown routing_daemon 'quagga' (bird or frr) - ignoring"), all);
        assertTrue(all.contains(":3: warning: routing_daemon bird path 'bird.ctl' is not absolute - ignoring"), all);
        assertTrue(all.contains(":4: warning: routing_daemon needs bird or frr - ignoring"), all);
        assertEquals(Optional.empty(), report.config().global().lvs().routingDaemon());
    }
}
