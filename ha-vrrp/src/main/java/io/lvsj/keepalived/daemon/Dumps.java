package io.lvsj.keepalived.daemon;

import org.slf4j.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writing keepalived's dump files. */
final class Dumps {
    private Dumps() {
    }

    static void write(Path file, String text, Logger log) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            log.info("Can't open " + file + " (" + e.getMessage() + ")");
        }
    }
}
