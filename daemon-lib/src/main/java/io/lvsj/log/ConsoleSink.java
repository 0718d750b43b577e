package io.lvsj.log;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * keepalived's console log ({@code -l}): {@code Sat Nov 21 10:26:39 2026: message}, no ident;
 * the time is strftime's {@code %c} in the C locale, so a day below 10 is padded with a space
 * ({@code Mon Dec  7 09:30:44 2026}).
 */
final class ConsoleSink extends LogSink {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneId.systemDefault());
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
