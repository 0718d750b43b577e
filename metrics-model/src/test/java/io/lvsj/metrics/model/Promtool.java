package io.lvsj.metrics.model;

import io.lvsj.lab.Command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Debian's {@code promtool} (package {@code prometheus}, installed by scripts/install-prerequisites). */
public final class Promtool {
    private Promtool() {
    }

    public static Path binary() {
        Path p = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("promtool is missing: run scripts/install-prerequisites (Debian package prometheus)");
        }
        return p;
    }

    /** {@code promtool check metrics} on {@code exposition}: what it printed, empty when it found nothing. */
    public static String checkMetrics(byte[] exposition) {
        Command.Result r = Command.run(List.of(binary().toString(), "check", "metrics"),
                new String(exposition, StandardCharsets.UTF_8), Duration.ofSeconds(30));
        String said = r.stdout() + r.stderr();
        return r.status() == 0 ? said : "exit " + r.status() + ": " + said;
    }
}
