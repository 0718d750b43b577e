package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.lib.TrackFileWatcher;
import io.lvsj.keepalived.lib.TrackedFileValue;
import io.lvsj.keepalived.vrrp.config.TrackFileConfig;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vrrp_track_file}: the tracked files by their names, written with their initial value
 * when {@code init_file} asks and they are missing, then followed by the {@link TrackFileWatcher}
 * the checkers use too. A file whose number is out of range counts as 0, and the log says so.
 */
final class TrackFiles implements AutoCloseable {
    /** Receives a file's new value, on the watcher's thread. */
    interface Changes {
        void changed(String name, long value);
    }

    private final Map<Path, String> names = new HashMap<>();
    private final Logger log;
    private final TrackFileWatcher watcher;

    TrackFiles(List<TrackFileConfig> files, Changes changes, Logger log) throws IOException {
        this.log = log;
        for (TrackFileConfig f : files) {
            Path file = f.file().toAbsolutePath().normalize();
            if (f.initFile() && !Files.exists(file)) {
                Files.writeString(file, f.initValue() + "\n");
            }
            names.put(file, f.name());
        }
        if (files.isEmpty()) {
            this.watcher = null; // no watch service, and none of its threads, when nothing is tracked
            return;
        }
        this.watcher = new TrackFileWatcher(new TrackFileWatcher.Listener() {
            @Override
            public void changed(Path file, long value) {
                changes.changed(names.get(file), value);
            }

            @Override
            public void invalid(Path file) {
                invalidNumber(file);
                changes.changed(names.get(file), 0);
            }
        });
        watcher.follow(names.keySet());
    }

    /** The current value of every tracked file, by name. */
    Map<String, Long> values() {
        Map<String, Long> values = new HashMap<>();
        names.forEach((file, name) -> values.put(name, TrackFileWatcher.read(file).orElseGet(() -> {
            invalidNumber(file);
            return 0;
        })));
        return values;
    }

    /** Whether the files are still followed. */
    boolean running() {
        return watcher == null || watcher.running();
    }

    private void invalidNumber(Path file) {
        log.info("Invalid number read from " + file + " - ignoring");
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
