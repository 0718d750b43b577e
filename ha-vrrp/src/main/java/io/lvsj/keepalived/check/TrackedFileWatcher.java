package io.lvsj.keepalived.check;

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
import java.util.function.BiConsumer;


/**
 * Follows the files FILE_CHECKs track, through inotify (the JDK's watch service on Linux), as
 * keepalived does: a file written, moved in or deleted is read again (a missing file counts
 * as 0) and its new value is handed to the listener. One platform thread waits for events.
 */
public final class TrackedFileWatcher implements AutoCloseable {
    private final WatchService watcher;
    private final BiConsumer<Path, Long> listener;
    private final Map<Path, WatchKey> directories = new HashMap<>();
    private volatile Set<Path> files = Set.of();
    private final Map<Path, Long> last = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread thread;

    public TrackedFileWatcher(BiConsumer<Path, Long> listener) throws IOException {
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
                if (value.isPresent() && !Long.valueOf(value.getAsLong()).equals(last.put(file, value.getAsLong()))) {
                    listener.accept(file, value.getAsLong());
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        watcher.close();
        thread.interrupt();
    }
}
