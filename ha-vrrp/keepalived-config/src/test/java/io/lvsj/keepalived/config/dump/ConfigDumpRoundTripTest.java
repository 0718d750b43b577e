package io.lvsj.keepalived.config.dump;

import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Configs;
import io.lvsj.keepalived.config.Fixture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code --dump-config} text reads back to an equal configuration, for every fixture that
 * reads to the end; a configuration that was clean dumps to text that is clean too.
 */
class ConfigDumpRoundTripTest {
    @TempDir
    Path temp;

    static List<Fixture> readable() {
        return Fixture.all().stream().filter(f -> {
            ConfigReport r = Configs.parse(f);
            return r.outcome() == ConfigReport.Outcome.CHECKED && !r.vrrpStops();
        }).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void dumpParsesBackToAnEqualModel(Fixture fixture) {
        ConfigReport original = Configs.parse(fixture);
        String text = ConfigDump.render(original.config());
        ConfigReport again = Configs.parseText(temp, text);
        String context = fixture.name() + "\n" + Configs.describe(again) + "--- dump:\n" + text;
        assertEquals(original.config(), again.config(), context);
        if (original.testExitStatus() == 0) {
            assertEquals(0, again.testExitStatus(), context);
        }
    }
}
