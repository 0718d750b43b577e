package io.lvsj.keepalived.lib;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Follows tracked files (VRRP's {@code track_file}, the checkers' {@code FILE_CHECK}) through
 * inotify (the JDK's watch service on Linux), as keepalived's {@code lib/track_file.c} does for
 * both: a file written, moved in or deleted is read again (a missing file counts as 0) and,
 * when its value changed, handed to the listener. A number out of range is reported as
 * invalid and the previous value stands. One platform thread waits for events.
 */
public final class TrackFileWatcher implements AutoCloseable {
    /** Hears of the files' values, on the watcher's thread. */
    public interface Listener {
        void changed(Path file, long value);

        /** The file holds a number out of range (keepalived: "Invalid number"). */
        default void invalid(Path file) {
        }
    }

    private final WatchService watcher;
    private final Listener listener;
    private final Map<Path, WatchKey> directories = new HashMap<>();
    private volatile Set<Path> files = Set.of();
    private final Map<Path, Long> last = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread thread;

    public TrackFileWatcher(Listener listener) throws IOException {
        this.watcher = FileSystems.getDefault().newWatchService();
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("lvsj-track-files").start(this::run);
    }

    /**
     * The value of a tracked file now, as keepalived reads it: 0 when missing, empty when the
     * number is out of range (keepalived keeps the previous value then).
     */
    public static OptionalLong read(Path file) {
        try {
            byte[] content = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            return TrackedFileValue.parse(content);
        } catch (IOException e) {
            return OptionalLong.of(0);
        }
    }

    /** Follows exactly these files from now on. */
    public synchronized void follow(Set<Path> paths) throws IOException {
        Set<Path> absolute = new HashSet<>();
        for (Path p : paths) {
            absolute.add(p.toAbsolutePath().normalize());
        }
        Set<Path> dirs = new HashSet<>();
        for (Path p : absolute) {
            dirs.add(p.getParent());
        }
        for (Path dir : dirs) {
            if (!directories.containsKey(dir) && Files.isDirectory(dir)) {
                directories.put(dir, dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
            }
        }
        directories.entrySet().removeIf(e -> {
            if (!dirs.contains(e.getKey())) {
                e.getValue().cancel();
                return true;
            }
            return false;
        });
        files = Set.copyOf(absolute);
        last.keySet().retainAll(absolute);
    }

    private void run() {
        while (true) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path dir = (Path) key.watchable();
            Set<Path> changed = new HashSet<>();
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.context() instanceof Path name) {
                    Path file = dir.resolve(name);
                    if (files.contains(file)) {
                        changed.add(file);
                    }
                } else {
                    changed.addAll(files); // overflow: read everything again
                }
            }
            key.reset();
            for (Path file : changed) {
                OptionalLong value = read(file);
                if (value.isEmpty()) {
                    listener.invalid(file);
                } else if (!Long.valueOf(value.getAsLong()).equals(last.put(file, value.getAsLong()))) {
                    listener.changed(file, value.getAsLong());
                }
            }
        }
    }

    /** Whether its thread still waits for events (not once closed). */
    public boolean running() {
        return thread.isAlive();
    }

    /** Stops following, and waits (briefly) for its thread to end. */
    @Override
    public void close() throws IOException {
        watcher.close();
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
