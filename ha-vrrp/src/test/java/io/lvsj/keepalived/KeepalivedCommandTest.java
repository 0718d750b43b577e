package io.lvsj.keepalived;

import io.lvsj.keepalived.config.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KeepalivedMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String fixture(String name) {
        return Fixture.named(name).path().toString();
    }

    @Test
    void cleanConfigurationTestsQuietlyWithStatusZero() {
        Result r = run("-t", "-f", fixture("vs-full-options.conf"));
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertEquals("", r.out());
    }

    @Test
    void problemsArePrintedAsFileLineWhatIsWrong() {
        Result r = run("-t", "-f", fixture("vs-minimal.conf"));
        assertEquals(5, r.status());
        assertTrue(r.err().contains("vs-minimal.conf:3: warning: Virtual server [203.0.113.10]:none:80: no protocol set - defaulting to UDP"),
                r.err());
        assertFalse(r.err().contains("Exception"), r.err());
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
        assertEquals("", r.err());
        assertTrue(Files.readString(log).contains("no protocol set"));
    }

    @Test
    void aMissingConfigurationFileSaysSoAndLikeKeepalivedIsNotAnError() {
        Result r = run("-t", "-f", dir.resolve("absent.conf").toString());
        assertEquals(0, r.status());
        assertTrue(r.err().contains("Config files missing"), r.err());
    }

    @Test
    void dumpConfigPrintsTheNormalisedConfiguration() throws Exception {
        Result r = run("--dump-config", "-f", fixture("vs-full-options.conf"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("virtual_server 203.0.113.11 443 {"), r.out());
        assertTrue(r.out().contains("delay_loop 7"), r.out());
        Path again = dir.resolve("again.conf");
        Files.writeString(again, r.out());
        assertEquals(0, run("-t", "-f", again.toString()).status());
    }

    @Test
    void dumpConfigOfAnUnreadableConfigurationPrintsNothing() {
        Result r = run("--dump-config", "-f", fixture("lex-missing-parameter-global.conf"));
        assertEquals(2, r.status());
        assertEquals("", r.out());
    }

    @Test
    void drainOnReloadIsAnExtensionThatChecksCleanAndIsNotedWithDetail() {
        Result quiet = run("-t", "-f", fixture("vs-drain-on-reload.conf"));
        assertEquals(0, quiet.status(), quiet.err());
        assertEquals("", quiet.err());
        Result detail = run("-t", "-D", "-f", fixture("vs-drain-on-reload.conf"));
        assertTrue(detail.err().contains("vs-drain-on-reload.conf:7: note: drain_on_reload is a keepalived-j extension;"
                + " keepalived ignores it (\"Unknown keyword\")"), detail.err());
        Result dump = run("--dump-config", "-f", fixture("vs-drain-on-reload.conf"));
        assertTrue(dump.out().contains("\n    drain_on_reload 120\n"), dump.out());
        Result invalid = run("-t", "-f", fixture("vs-drain-on-reload-invalid.conf"));
        assertEquals(5, invalid.status());
        assertTrue(invalid.err().contains("vs-drain-on-reload-invalid.conf:7: warning: drain_on_reload 0 must be a number"
                + " of seconds in [1, 86400] - ignoring"), invalid.err());
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
        assertTrue(r.err().contains("lex-missing-parameter-global.conf:"), r.err());
    }

    /** keepalived -t says 5; the daemon's VRRP child refuses it and keepalived exits 2 (observed). */
    @Test
    void theDaemonExitsTwoWhenVrrpRefusesTheConfigurationAsKeepalived() throws Exception {
        Path conf = dir.resolve("missing-interface.conf");
        Files.writeString(conf, "vrrp_instance VI_1 {\n interface nosuchif9\n virtual_router_id 51\n priority 100\n"
                + " virtual_ipaddress {\n  192.0.2.100/24\n }\n}\n");
        assertEquals(5, run("-t", "-f", conf.toString()).status());
        Result r = run("-P", "-n", "-l", "-f", conf.toString(), "-p", dir.resolve("p").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("Non-existent interface specified in configuration"), r.err());
        assertTrue(r.err().contains("exited with permanent error CONFIG. Terminating"), r.err());
    }

    @Test
    void daemonOnlyOptionsAreAcceptedWithConfigTest() {
        Result r = run("-P", "-C", "-B", "-l", "-D", "-n", "-x", "-m", "-M", "-S", "local3", "-p", dir.resolve("p").toString(),
                "-r", dir.resolve("r").toString(), "-c", dir.resolve("c").toString(), "-b", dir.resolve("b").toString(),
                "-t", "-f", fixture("vs-full-options.conf"));
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void jsonSaysHowToGetTheDump() {
        Result json = run("--json");
        assertEquals(1, json.status());
        assertTrue(json.err().contains("kill -USR1"), json.err());
    }

    @Test
    void genhashWithoutItsOptionsPrintsItsUsage() {
        Result genhash = run("-T");
        assertEquals(1, genhash.status());
        assertTrue(genhash.err().startsWith("Usage: keepalived-j --genhash COMMAND [OPTIONS]\n"), genhash.err());
    }

    @Test
    void versionAndSignalNumbers() {
        Result v = run("-v");
        assertEquals(0, v.status());
        assertTrue(v.err().contains("2.2.7"), v.err());
        Result s = run("--signum=STOP");
        assertEquals("15\n", s.out());
        assertEquals("1\n", run("--signum", "RELOAD").out());
        assertEquals(1, run("--signum=NOPE").status());
    }

    @Test
    void unknownOptionsFailLikeKeepalived() {
        Result r = run("--bogus");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("--bogus"), r.err());
    }

    @Test
    void helpListsTheOptions() {
        Result r = run("-h");
        assertEquals(0, r.status());
        String help = r.out() + r.err();
        for (String option : new String[] {"--use-file", "--config-test", "--dump-config", "--config-id", "--vrrp", "--check"}) {
            assertTrue(help.contains(option), option + " missing from\n" + help);
        }
    }
}
