package io.lvsj.keepalived;

import io.lvsj.lab.Command;
import io.lvsj.lab.Command.Result;
import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Configs;
import io.lvsj.keepalived.config.Fixture;
import io.lvsj.keepalived.TestNetwork;
import io.lvsj.keepalived.config.dump.ConfigDump;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's {@code keepalived -t} (2.2.7) and {@code keepalived-j -t} give every fixture the
 * same exit status, the one its {@code # expect} header records. Both look at the interfaces
 * of one network namespace made for the test, so the verdicts do not depend on this machine's
 * interfaces. Where keepalived 2.2.7 itself crashes or kills itself ({@code # oracle} header),
 * the test checks that it still does, so the recorded exception stays true.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeepalivedDifferentialTest {
    private static final String KEEPALIVED = "/usr/sbin/keepalived";
    /** Unique per JVM, so two checkouts testing at once never share (or delete) each other's namespace. */
    private static final String NAMESPACE = "kac-diff-" + ProcessHandle.current().pid();
    private static final long TIMEOUT_SECONDS = 5;

    private TestNetwork network;

    @BeforeAll
    void createNamespace() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(KEEPALIVED))) {
            fail("Debian's keepalived is needed as the oracle: apt-get install keepalived (missing " + KEEPALIVED + ")");
        }
        Result version = keepalived(List.of(KEEPALIVED, "-v"), Path.of("/"));
        assertTrue(version.output().contains("Keepalived v2.2.7"), "the fixtures record keepalived 2.2.7's verdicts, found: "
                + version.output());
        network = TestNetwork.create(NAMESPACE);
    }

    @AfterAll
    void deleteNamespace() {
        if (network != null) {
            network.close();
        }
    }

    static List<Fixture> fixtures() {
        return Fixture.all();
    }

    @Test
    void atLeastAHundredConfigurationsAreCompared() {
        assertTrue(Fixture.all().size() >= 100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void sameExitStatusAsKeepalived(Fixture fixture) throws IOException, InterruptedException {
        Result keepalived = keepalivedTest(fixture.path(), fixture.args());
        Result ours = keepalivedJ(fixture.path(), fixture.args());
        String context = fixture.name() + "\n--- keepalived:\n" + keepalived.output() + "--- keepalived-j:\n" + ours.output();
        if (fixture.oracleFailure().isPresent()) {
            // keepalived's crash is undefined behaviour (a dangling or NULL pointer): whether it
            // faults depends on the memory layout, which the fixture's path alone changes (the
            // same file crashes from /tmp/x.conf and exits 5 from /tmp/kac-fixtures.../). When it
            // survives, it must give the verdict keepalived-j gives.
            assertTrue(keepalived.timedOut() || keepalived.status() > 128 || keepalived.status() == fixture.expect(),
                    "keepalived was expected to fail with " + fixture.oracleFailure().get() + " or exit " + fixture.expect()
                            + " but exited " + keepalived.status() + "\n" + context);
        } else {
            assertEquals(fixture.keepalivedExpect(), keepalived.status(), "keepalived's verdict changed\n" + context);
        }
        assertEquals(fixture.expect(), ours.status(), context);
    }

    static List<Fixture> clean() {
        return Fixture.all().stream().filter(f -> f.expect() == 0 && f.keepalivedExpect() == 0
                && f.oracleFailure().isEmpty()).toList();
    }

    /** What --dump-config prints is a configuration keepalived itself accepts as clean. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("clean")
    void keepalivedAcceptsTheDump(Fixture fixture, @TempDir Path temp) throws IOException, InterruptedException {
        ConfigReport report = Configs.parse(fixture);
        Path dump = temp.resolve(fixture.name());
        Files.writeString(dump, ConfigDump.render(report.config()));
        Result keepalived = keepalivedTest(dump, fixture.args());
        assertEquals(0, keepalived.status(), fixture.name() + "\n" + keepalived.output() + "--- dump:\n" + Files.readString(dump));
    }

    private Result keepalivedTest(Path file, List<String> args) {
        List<String> command = new ArrayList<>(List.of(KEEPALIVED, "-t"));
        command.addAll(args);
        command.addAll(List.of("-f", file.toString()));
        return keepalived(network.inside(command), file.getParent());
    }

    private static Result keepalived(List<String> command, Path directory) {
        return Command.runUntil(command, directory, Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    private static Result keepalivedJ(Path file, List<String> args) {
        List<String> command = new ArrayList<>(List.of("-t", "-s", NAMESPACE));
        command.addAll(args);
        command.addAll(List.of("-f", file.toString()));
        return InProcess.keepalivedJ(command.toArray(String[]::new));
    }

}
