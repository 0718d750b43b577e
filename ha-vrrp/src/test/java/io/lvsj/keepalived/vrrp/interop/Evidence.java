package io.lvsj.keepalived.vrrp.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a scenario keeps its captures, configs and logs: target/interop/NAME, kept for post-mortems. */
final class Evidence {
    private Evidence() {
    }

    static Path directory(String name) {
        Path dir = Path.of("target", "interop", name.replaceAll("[^A-Za-z0-9.]+", "-"));
        try {
            if (Files.exists(dir)) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
