package io.lvsj.log;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * keepalived's log file ({@code -g FILE}, a build with {@code --enable-log-file}): each ident's
 * lines appended to its own file, {@code Mon Dec 07 09:30:44.123000000 2026: message}
 * (strftime's {@code %a %b %d %T}, nanoseconds, the year). Files are opened when their first
 * line comes; one that cannot be opened loses its lines, as keepalived's would.
 */
final class FileSink extends LogSink {
    private static final DateTimeFormatter DAY_AND_TIME =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final Function<String, Optional<Path>> fileOf;
    private final Map<Path, BufferedWriter> open = new HashMap<>();
    private final Map<String, Optional<Path>> byIdent = new HashMap<>();

    FileSink(Function<String, Optional<Path>> fileOf) {
        super("log-file");
        this.fileOf = fileOf;
    }

    @Override
    void write(LogLine line) {
        Optional<Path> file = byIdent.computeIfAbsent(line.ident(), fileOf);
        if (file.isEmpty()) {
            return;
        }
        BufferedWriter out = open.computeIfAbsent(file.get(), FileSink::openOrNull);
        if (out == null) {
            return;
        }
        Instant at = Instant.ofEpochMilli(line.millis());
        try {
            out.write(DAY_AND_TIME.format(at) + String.format(".%09d ", (line.millis() % 1000) * 1_000_000)
                    + YEAR.format(at) + ": " + line.message() + "\n");
        } catch (IOException e) {
            // a full disk: the line is lost, as fprintf's would be
        }
    }

    @Override
    void idle() {
        for (BufferedWriter out : open.values()) {
            if (out != null) {
                try {
                    out.flush();
                } catch (IOException e) {
                    // as above
                }
            }
        }
    }

    private static BufferedWriter openOrNull(Path file) {
        try {
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            return null;
        }
    }
}
