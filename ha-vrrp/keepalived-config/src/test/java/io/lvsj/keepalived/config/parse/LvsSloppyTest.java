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
 * {@code lvs_sloppy_tcp}/{@code lvs_sloppy_sctp}.
 */
class LvsSloppyTest {
    @TempDir
    Path dir;

    @Test
    void sloppyModesAndMaglevFlagsAreRead() {
        ConfigReport report = Configs.parse(Fixture.named("global-lvs-sloppy.conf"));
        assertEquals(0, report.testExitStatus(), Configs.describe(report));
        GlobalDefs.Lvs lvs = report.config().global().lvs();
        assertEquals(Optional.of(true), lvs.sloppyTcp());
        assertEquals(Optional.of(false), lvs.sloppySctp());
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
}
