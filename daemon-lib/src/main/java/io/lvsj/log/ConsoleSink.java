package io.lvsj.log;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** keepalived's console log ({@code -l}): {@code Sat Nov 21 10:26:39 2026: message}, no ident. */
final class ConsoleSink extends LogSink {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneId.systemDefault());
    private final PrintStream out;

    ConsoleSink(PrintStream out) {
        super("log-console");
        this.out = out;
    }

    @Override
    void write(LogLine line) {
        synchronized (out) {
            out.println(STAMP.format(Instant.ofEpochMilli(line.millis())) + ": " + line.message());
        }
    }

    @Override
    void idle() {
        synchronized (out) {
            out.flush();
        }
    }
}
