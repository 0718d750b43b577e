package io.lvsj.keepalived.vrrp.daemon;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

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

    /**
     * keepalived's console format. The VRRP thread only queues the line with its time; a
     * writer thread formats and prints it, so a slow terminal or pipe never delays an advert.
     */
    static VrrpLog console(PrintStream out, boolean detail) {
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);
        record Line(long millis, String message) {
        }
        BlockingQueue<Line> queue = new LinkedBlockingQueue<>();
        Thread writer = Thread.ofPlatform().name("vrrp-log").daemon(true).unstarted(() -> {
            try {
                while (true) {
                    Line line = queue.take();
                    ZonedDateTime at = ZonedDateTime.ofInstant(Instant.ofEpochMilli(line.millis()), ZoneId.systemDefault());
                    synchronized (out) {
                        out.println(stamp.format(at) + ": " + line.message());
                        if (queue.isEmpty()) {
                            out.flush();
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        return new VrrpLog() {
            @Override
            public void log(String message) {
                queue.add(new Line(System.currentTimeMillis(), message));
            }

            @Override
            public boolean detail() {
                return detail;
            }

            @Override
            public void flush() {
                long deadline = System.nanoTime() + 2_000_000_000L;
                while (!queue.isEmpty() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    Thread.yield();
                }
                synchronized (out) {
                    out.flush();
                }
            }
        };
    }

    /** Waits (briefly) until queued lines are written: before the process exits. */
    default void flush() {
    }
}
