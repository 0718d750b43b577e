package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.vrrp.config.TrackFileConfig;
import org.slf4j.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vrrp_track_file}: reads each tracked file's number, as keepalived does (C's
 * {@code strtol(buf, NULL, 0)}: decimal, 0x hex or 0 octal; unreadable or empty means 0),
 * then watches the files' directories (inotify underneath, as keepalived) and reports every
 * change. Runs on its own thread.
 */
final class TrackFileWatcher implements AutoCloseable {
    /** Receives a file's new value, on the watcher's thread. */
    interface Changes {
        void changed(String name, long value);
    }

    private final WatchService watcher;
    private final Map<Path, String> names = new HashMap<>();
    private final Changes changes;
    private final Logger log;

    TrackFileWatcher(List<TrackFileConfig> files, Changes changes, Logger log) throws IOException {
        // no files, no watch service (and none of the threads that come with it)
        this.watcher = files.isEmpty() ? null : FileSystems.getDefault().newWatchService();
        this.changes = changes;
        this.log = log;
        for (TrackFileConfig f : files) {
            Path file = f.file().toAbsolutePath();
            if (f.initFile() && !Files.exists(file)) {
                Files.writeString(file, f.initValue() + "\n");
            }
            names.put(file, f.name());
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        }
    }

    /** The current value of every tracked file, by name. */
    Map<String, Long> values() {
        Map<String, Long> values = new HashMap<>();
        names.forEach((file, name) -> values.put(name, read(file)));
        return values;
    }

    /** Whether there is anything to watch (a thread to run {@link #run()} on). */
    boolean watching() {
        return watcher != null;
    }

    /** Watches until closed. */
    void run() {
        if (watcher == null) {
            return;
        }
        try {
            while (true) {
                WatchKey key = watcher.take();
                Path dir = (Path) key.watchable();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path relative) {
                        Path file = dir.resolve(relative).toAbsolutePath();
                        String name = names.get(file);
                        if (name != null) {
                            changes.changed(name, read(file));
                        }
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private long read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new String(in.readNBytes(127), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return 0;
        } catch (NumberFormatException e) {
            log.info("Invalid number read from " + file + " - ignoring");
            return 0;
        }
    }

    /** C's {@code strtol(text, NULL, 0)}: leading space, a sign, then 0x.., 0.. (octal) or decimal digits. */
    static long parse(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < n && text.charAt(i) == '0' && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(text.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && text.charAt(i) == '0') {
            radix = 8;
        }
        long value = 0;
        while (i < n && Character.digit(text.charAt(i), radix) >= 0) {
            value = value * radix + Character.digit(text.charAt(i), radix);
            if (value > Integer.MAX_VALUE + 1L) {
                throw new NumberFormatException(text);
            }
            i++;
        }
        return negative ? -value : value;
    }

    @Override
    public void close() {
        if (watcher == null) {
            return;
        }
        try {
            watcher.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
