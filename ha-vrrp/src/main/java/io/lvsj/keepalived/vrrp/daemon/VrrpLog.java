package io.lvsj.keepalived.vrrp.daemon;

import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Where the VRRP daemon's log lines go, worded as keepalived words them. On the console
 * ({@code -l}) each line carries keepalived's timestamp ("Sat Nov 21 10:26:39 2026: ").
 * Detail lines (keepalived's {@code -D}) are dropped unless detail is on.
 */
public interface VrrpLog {
    void log(String message);

    boolean detail();

    default void detail(String message) {
        if (detail()) {
            log(message);
        }
    }

    /** keepalived's console format. */
    static VrrpLog console(PrintStream out, boolean detail) {
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);
        return new VrrpLog() {
            @Override
            public void log(String message) {
                String line = stamp.format(ZonedDateTime.now()) + ": " + message;
                synchronized (out) {
                    out.println(line);
                }
            }

            @Override
            public boolean detail() {
                return detail;
            }
        };
    }
}
