package io.lvsj.keepalived.metrics;

import io.lvsj.lab.Command;
import io.lvsj.metrics.model.Promtool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three alerting rules of docs/metrics.md (instance left MASTER, real server down, split
 * brain) are valid rules ({@code promtool check rules}) and fire when, and only when, they
 * should ({@code promtool test rules}, with the series in alerts-test.yml).
 */
class AlertRulesTest {
    @TempDir
    Path dir;

    private String promtool(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(Promtool.binary().toString()));
        argv.addAll(List.of(args));
        Command.Result r = Command.runIn(dir, argv);
        String out = r.stdout() + r.stderr();
        assertEquals(0, r.status(), "promtool " + String.join(" ", args) + ":\n" + out);
        return out;
    }

    @Test
    void theDocumentedRulesAreValidAndFireAsTheyShould() throws Exception {
        AlertRules.write(dir);
        try (InputStream tests = getClass().getResourceAsStream("alerts-test.yml")) {
            Files.write(dir.resolve("alerts-test.yml"), tests.readAllBytes());
        }
        assertTrue(promtool("check", "rules", "lvsj-alerts.yml").contains("SUCCESS: 3 rules found"));
        assertTrue(promtool("test", "rules", "alerts-test.yml").contains("SUCCESS"));
    }
}
