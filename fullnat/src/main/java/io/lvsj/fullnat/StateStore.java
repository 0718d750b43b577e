package io.lvsj.fullnat;

import io.lvsj.sys.NetNamespace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where LVS-J keeps a namespace's FullNAT state: {@code RUNDIR/fullnat/net-INODE.state}, one
 * file per network namespace (the inode number of its {@code nsfs} file names it), under
 * {@code /run} so it goes when the kernel state it describes goes, at reboot. Changes are made
 * under an exclusive lock on a file next to it, so two commands never interleave.
 */
final class StateStore {
    private final Path state;
    private final Path lock;

    StateStore(Path runDirectory, NetNamespace namespace) {
        Path dir = runDirectory.resolve("fullnat");
        String id = namespaceId(namespace);
        this.state = dir.resolve("net-" + id + ".state");
        this.lock = dir.resolve("net-" + id + ".lock");
    }

    Path path() {
        return state;
    }

    /** The recorded state; none when there is no file (the common case: one stat, nothing else). */
    FullNatState load() {
        try {
            return FullNatState.parse(Files.readString(state), state.toString());
        } catch (NoSuchFileException e) {
            return FullNatState.none();
        } catch (IOException e) {
            throw new FullNatException("cannot read " + state + ": " + e.getMessage(), e);
        }
    }

    /** Writes the state whole (a new file moved into place), or removes the file when nothing is left. */
    void save(FullNatState s, String header) {
        try {
            if (s.isEmpty()) {
                Files.deleteIfExists(state);
                return;
            }
            Files.createDirectories(state.getParent());
            Path tmp = state.resolveSibling(state.getFileName() + ".new");
            Files.writeString(tmp, s.text(header));
            try {
                Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new FullNatException("cannot write " + state + ": " + e.getMessage(), e);
        }
    }

    /** Holds the namespace's lock until closed. */
    AutoCloseable lock() {
        try {
            Files.createDirectories(lock.getParent());
            FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held = channel.lock();
            return () -> {
                held.release();
                channel.close();
            };
        } catch (IOException e) {
            throw new FullNatException("cannot lock " + lock + ": " + e.getMessage(), e);
        }
    }

    /** The inode of the namespace's nsfs file: what {@code /proc/PID/ns/net} shows as {@code net:[N]}. */
    static String namespaceId(NetNamespace namespace) {
        try {
            if (namespace == null) {
                String link = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
                return link.substring(link.indexOf('[') + 1, link.indexOf(']'));
            }
            return String.valueOf(Files.getAttribute(namespace.path(), "unix:ino"));
        } catch (IOException | RuntimeException e) {
            throw new FullNatException("cannot identify network namespace "
                    + (namespace == null ? "of this process" : namespace.name()) + ": " + e.getMessage(), e);
        }
    }
}
