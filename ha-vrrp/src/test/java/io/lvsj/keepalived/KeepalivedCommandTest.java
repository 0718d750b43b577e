package io.lvsj.keepalived;

import io.lvsj.keepalived.config.Fixture;
import io.lvsj.lab.Command.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line. Fixtures used here name no interfaces, so the real host's interfaces do
 * not matter (the differential test covers interface checks in a namespace of its own).
 */
class KeepalivedCommandTest {
    @TempDir
    Path dir;

    private static Result run(String... args) {
        return InProcess.keepalivedJ(args);
    }

    private String fixture(String name) {
        return Fixture.named(name).path().toString();
    }

    @Test
    void cleanConfigurationTestsQuietlyWithStatusZero() {
        Result r = run("-t", "-f", fixture("vs-full-options.conf"));
        assertEquals(0, r.status(), r.stderr());
        assertEquals("", r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void problemsArePrintedAsFileLineWhatIsWrong() {
        Result r = run("-t", "-f", fixture("vs-minimal.conf"));
        assertEquals(5, r.status());
        assertTrue(r.stderr().contains("vs-minimal.conf:3: warning: Virtual server [203.0.113.10]:none:80: no protocol set - defaulting to UDP"),
                r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
    }

    @Test
    void securityViolationIsStatusSix() {
        assertEquals(6, run("-t", "-f", fixture("chk-misc-without-security.conf")).status());
    }

    @Test
    void missingParameterIsStatusTwo() {
        assertEquals(2, run("--config-test", "--use-file", fixture("lex-missing-parameter-global.conf")).status());
    }

    @Test
    void configTestCanWriteToALogFile() throws Exception {
        Path log = dir.resolve("test.log");
        Result r = run("-t" + log, "-f", fixture("vs-minimal.conf"));
        assertEquals(5, r.status());
        assertEquals("", r.stderr());
        assertTrue(Files.readString(log).contains("no protocol set"));
    }

    /**
     * Issue 12: keepalived -t prints what it reports at level CONFIG_OK (an include that
     * matches nothing) without -D; so does keepalived-j, and the verdict stays 0.
     */
    @Test
    void aMissingIncludeIsPrintedWithoutDetailAndIsNoError() throws Exception {
        java.nio.file.Path conf = dir.resolve("inc.conf");
        java.nio.file.Files.writeString(conf, "include absent.conf\n");
        Result r = run("-t", "-f", conf.toString());
        assertEquals(0, r.status());
        assertEquals(conf + ":1: warning: Config files missing 'absent.conf'.\n", r.stderr());
    }

    @Test
    void aMissingConfigurationFileSaysSoAndLikeKeepalivedIsNotAnError() {
        Result r = run("-t", "-f", dir.resolve("absent.conf").toString());
        assertEquals(0, r.status());
        assertTrue(r.stderr().contains("Config files missing"), r.stderr());
    }

    @Test
    void dumpConfigPrintsTheNormalisedConfiguration() throws Exception {
        Result r = run("--dump-config", "-f", fixture("vs-full-options.conf"));
        assertEquals(0, r.status(), r.stderr());
        assertTrue(r.stdout().contains("virtual_server 203.0.113.11 443 {"), r.stdout());
        assertTrue(r.stdout().contains("delay_loop 7"), r.stdout());
        Path again = dir.resolve("again.conf");
        Files.writeString(again, r.stdout());
        assertEquals(0, run("-t", "-f", again.toString()).status());
    }

    @Test
    void dumpConfigOfAnUnreadableConfigurationPrintsNothing() {
        Result r = run("--dump-config", "-f", fixture("lex-missing-parameter-global.conf"));
        assertEquals(2, r.status());
        assertEquals("", r.stdout());
    }

    @Test
    void drainOnReloadIsAnExtensionThatChecksCleanAndIsNotedWithDetail() {
        Result quiet = run("-t", "-f", fixture("vs-drain-on-reload.conf"));
        assertEquals(0, quiet.status(), quiet.stderr());
        assertEquals("", quiet.stderr());
        Result detail = run("-t", "-D", "-f", fixture("vs-drain-on-reload.conf"));
        assertTrue(detail.stderr().contains("vs-drain-on-reload.conf:7: note: drain_on_reload is a keepalived-j extension;"
                + " keepalived ignores it (\"Unknown keyword\")"), detail.stderr());
        Result dump = run("--dump-config", "-f", fixture("vs-drain-on-reload.conf"));
        assertTrue(dump.stdout().contains("\n    drain_on_reload 120\n"), dump.stdout());
        Result invalid = run("-t", "-f", fixture("vs-drain-on-reload-invalid.conf"));
        assertEquals(5, invalid.status());
        assertTrue(invalid.stderr().contains("vs-drain-on-reload-invalid.conf:7: warning: drain_on_reload 0 must be a number"
                + " of seconds in [1, 86400] - ignoring"), invalid.stderr());
    }

    @Test
    void configIdSelectsConditionalLines() {
        assertEquals(0, run("-t", "-i", "node1", "-f", fixture("cond-config-id-match.conf")).status());
    }

    @Test
    void theDaemonWithoutAConfigurationFileExitsNotConfiguredAsKeepalived() {
        Result r = run("-n", "-l", "-f", dir.resolve("absent.conf").toString());
        assertEquals(6, r.status());
    }

    @Test
    void theDaemonRefusesAConfigurationThatStopsReadingWithItsStatus() {
        Result r = run("-n", "-l", "-f", fixture("lex-missing-parameter-global.conf"));
        assertEquals(2, r.status());
        assertTrue(r.stderr().contains("lex-missing-parameter-global.conf:"), r.stderr());
    }

    /** keepalived -t says 5; the daemon's VRRP child refuses it and keepalived exits 2 (observed). */
    @Test
    void theDaemonExitsTwoWhenVrrpRefusesTheConfigurationAsKeepalived() throws Exception {
        Path conf = dir.resolve("missing-interface.conf");
        Files.writeString(conf, "vrrp_instance VI_1 {\n interface nosuchif9\n virtual_router_id 51\n priority 100\n"
                + " virtual_ipaddress {\n  192.0.2.100/24\n }\n}\n");
        assertEquals(5, run("-t", "-f", conf.toString()).status());
        Result r = run("-P", "-n", "-l", "-f", conf.toString(), "-p", dir.resolve("p").toString());
        assertEquals(2, r.status(), r.stderr());
        assertTrue(r.stderr().contains("Non-existent interface specified in configuration"), r.stderr());
        assertTrue(r.stderr().contains("exited with permanent error CONFIG. Terminating"), r.stderr());
    }

    @Test
    void daemonOnlyOptionsAreAcceptedWithConfigTest() {
        Result r = run("-P", "-C", "-B", "-l", "-D", "-n", "-x", "-m", "-M", "-S", "local3", "-p", dir.resolve("p").toString(),
                "-r", dir.resolve("r").toString(), "-c", dir.resolve("c").toString(), "-b", dir.resolve("b").toString(),
                "-t", "-f", fixture("vs-full-options.conf"));
        assertEquals(0, r.status(), r.stderr());
    }

    /** --json with no daemon running (KeepalivedDaemonProcessTest asks a running one). */
    @Test
    void jsonWithoutADaemonSaysSo() {
        Result json = run("--json", "-f", fixture("vs-full-options.conf"), "-p", dir.resolve("none.pid").toString());
        assertEquals(1, json.status());
        assertTrue(json.stderr().contains("no daemon is running (no pid in " + dir.resolve("none.pid") + ")"),
                json.stderr());
    }

    @Test
    void genhashWithoutItsOptionsPrintsItsUsage() {
        Result genhash = run("-T");
        assertEquals(1, genhash.status());
        assertTrue(genhash.stderr().startsWith("Usage: keepalived-j --genhash COMMAND [OPTIONS]\n"), genhash.stderr());
    }

    @Test
    void versionAndSignalNumbers() {
        Result v = run("-v");
        assertEquals(0, v.status());
        assertTrue(v.stderr().contains("2.2.7"), v.stderr());
        Result s = run("--signum=STOP");
        assertEquals("15\n", s.stdout());
        assertEquals("1\n", run("--signum", "RELOAD").stdout());
        assertEquals(1, run("--signum=NOPE").status());
    }

    @Test
    void unknownOptionsFailLikeKeepalived() {
        Result r = run("--bogus");
        assertEquals(1, r.status());
        assertTrue(r.stderr().contains("--bogus"), r.stderr());
    }

    @Test
    void helpListsTheOptions() {
        Result r = run("-h");
        assertEquals(0, r.status());
        String help = r.stdout() + r.stderr();
        for (String option : new String[] {"--use-file", "--config-test", "--dump-config", "--config-id", "--vrrp", "--check"}) {
            assertTrue(help.contains(option), option + " missing from\n" + help);
        }
    }
}
