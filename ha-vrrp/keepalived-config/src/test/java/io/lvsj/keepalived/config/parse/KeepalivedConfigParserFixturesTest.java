package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Configs;
import io.lvsj.keepalived.config.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every fixture gets the {@code keepalived -t} status its header records (verified against
 * Debian's keepalived 2.2.7 by {@code KeepalivedDifferentialTest}), on the fixed fake host.
 */
class KeepalivedConfigParserFixturesTest {

    static List<Fixture> fixtures() {
        return Fixture.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void statusMatchesKeepalived(Fixture fixture) {
        ConfigReport report = Configs.parse(fixture);
        assertEquals(fixture.expect(), report.testExitStatus(), () -> fixture.name() + "\n" + Configs.describe(report));
    }

    @Test
    void thereAreEnoughFixturesOfEveryVerdict() {
        List<Fixture> all = Fixture.all();
        assertTrue(all.size() >= 100, "fixtures: " + all.size());
        for (int status : new int[] {0, 2, 4, 5, 6}) {
            assertTrue(all.stream().anyMatch(f -> f.expect() == status), "no fixture expects status " + status);
        }
    }
}
