package io.lvsj.keepalived.metrics;

import io.lvsj.keepalived.daemon.KeepalivedJ;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The alerting rules docs/metrics.md gives operators: its one YAML block under "## Alerting rules". */
final class AlertRules {
    private AlertRules() {
    }

    static String text() throws IOException {
        List<String> lines = Files.readAllLines(KeepalivedJ.repositoryRoot().resolve("docs/metrics.md"));
        int heading = lines.indexOf("## Alerting rules");
        if (heading < 0) {
            throw new AssertionError("docs/metrics.md has no '## Alerting rules' section");
        }
        int start = -1;
        for (int i = heading + 1; i < lines.size(); i++) {
            if (lines.get(i).equals("```yaml")) {
                start = i + 1;
                break;
            }
        }
        int end = lines.subList(start, lines.size()).indexOf("```") + start;
        return String.join("\n", lines.subList(start, end)) + "\n";
    }

    /** Writes the rules to {@code directory}/lvsj-alerts.yml and returns that file. */
    static Path write(Path directory) throws IOException {
        Path file = directory.resolve("lvsj-alerts.yml");
        Files.writeString(file, text());
        return file;
    }
}
