package io.lvsj.keepalived.metrics;

import io.lvsj.metrics.model.Promtool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    private String promtool(String... args) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of(Promtool.binary().toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        assertEquals(0, p.exitValue(), "promtool " + String.join(" ", args) + ":\n" + out);
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
