package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.lib.TrackedFileValue;
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
        this.watcher = FileSystems.getDefault().newWatchService();
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

    /** Watches until closed. */
    void run() {
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

    /**
     * A tracked file's number as keepalived reads it ({@link TrackedFileValue}); one out of
     * range throws.
     */
    static long parse(String text) {
        return TrackedFileValue.parse(text.getBytes(StandardCharsets.ISO_8859_1))
                .orElseThrow(() -> new NumberFormatException(text));
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
