package io.lvsj.metrics.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
    public static String checkMetrics(byte[] exposition) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary().toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(exposition);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("promtool check metrics did not finish");
        }
        return p.exitValue() == 0 ? out : "exit " + p.exitValue() + ": " + out;
    }
}
