package io.lvsj.keepalived.config;

import io.lvsj.keepalived.config.parse.KeepalivedConfigParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Reads configurations the way {@code keepalived-j -t} does, on the {@link FakeHost}. */
public final class Configs {
    private Configs() {
    }

    public static ConfigReport parse(Fixture fixture) {
        return parse(fixture.path(), fixture.configId());
    }

    public static ConfigReport parse(Path file, String configId) {
        return KeepalivedConfigParser.parse(new KeepalivedConfigParser.Request(file.toString(), file.getParent(), configId,
                FakeHost.INSTANCE, new Random(7), false));
    }

    /** Parses configuration text written to a file in {@code directory}. */
    public static ConfigReport parseText(Path directory, String text) {
        try {
            Path file = Files.createTempFile(directory, "kac-", ".conf");
            Files.writeString(file, text);
            return parse(file, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every diagnostic, one a line, for assertion messages. */
    public static String describe(ConfigReport report) {
        StringBuilder s = new StringBuilder("status ").append(report.testExitStatus()).append('\n');
        report.diagnostics().forEach(d -> s.append("  ").append(d).append('\n'));
        return s.toString();
    }
}
