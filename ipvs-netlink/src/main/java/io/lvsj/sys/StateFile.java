package io.lvsj.sys;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * What a tool set up in one network namespace, kept between its runs:
 * {@code RUNDIR/TOOL/net-INODE.state}, named by the inode of the namespace's nsfs file
 * ({@link NetNamespace#inode}) and kept under {@code /run} so it goes at reboot with the
 * kernel state it describes. Written whole (a new file moved into place); changed under an
 * exclusive lock on a file next to it, so two runs never interleave.
 */
public final class StateFile {
    /** Where LVS-J keeps such files unless {@code LVSJ_RUN_DIR} says otherwise. */
    public static final Path DEFAULT_RUN_DIRECTORY = Path.of("/run/lvsj");

    private final Path state;
    private final Path lock;

    public StateFile(Path runDirectory, String tool, NetNamespace namespace) throws IOException {
        Path dir = runDirectory.resolve(tool);
        long id = NetNamespace.inode(namespace);
        this.state = dir.resolve("net-" + id + ".state");
        this.lock = dir.resolve("net-" + id + ".lock");
    }

    /** {@code LVSJ_RUN_DIR} if set, else {@link #DEFAULT_RUN_DIRECTORY}. */
    public static Path runDirectory() {
        String dir = System.getenv("LVSJ_RUN_DIR");
        return dir == null || dir.isBlank() ? DEFAULT_RUN_DIRECTORY : Path.of(dir);
    }

    public Path path() {
        return state;
    }

    /** The text, or empty when there is no file (the common case: one failed open, nothing else). */
    public Optional<String> read() throws IOException {
        try {
            return Optional.of(Files.readString(state));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Replaces the file with {@code text}, or removes it when {@code text} is null. */
    public void write(String text) throws IOException {
        if (text == null) {
            Files.deleteIfExists(state);
            return;
        }
        Files.createDirectories(state.getParent());
        Path tmp = state.resolveSibling(state.getFileName() + ".new");
        Files.writeString(tmp, text);
        try {
            Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Holds the lock until closed. */
    public Lock lock() throws IOException {
        Files.createDirectories(lock.getParent());
        FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            return new Lock(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A held lock. */
    public record Lock(FileChannel channel, FileLock held) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            held.release();
            channel.close();
        }
    }
}
