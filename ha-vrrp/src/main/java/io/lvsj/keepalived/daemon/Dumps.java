package io.lvsj.keepalived.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Writing keepalived's dump files. */
final class Dumps {
    private Dumps() {
    }

    static void write(Path file, String text, Consumer<String> log) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            log.accept("Can't open " + file + " (" + e.getMessage() + ")");
        }
    }
}
