package io.lvsj.keepalived.lib;

import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.LibC;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code notify_fifo} ({@code vrrp_notify_fifo}, {@code lvs_notify_fifo}), as keepalived's
 * VRRP and checker processes both open it: created with mode 0644 if missing, opened read-write
 * and non-blocking, so opening never waits for a reader and a full pipe drops the line rather
 * than stalling the daemon. A line goes in one {@code write}, whole or not at all.
 */
public final class NotifyFifo implements AutoCloseable {
    private static final int O_RDWR = 2;
    private static final int O_NONBLOCK = 0x800;

    private final int fd;

    private NotifyFifo(int fd) {
        this.fd = fd;
    }

    /** Opens the FIFO at {@code path}, creating it first when there is nothing there. */
    public static NotifyFifo open(Path path) throws IOException {
        try {
            if (!Files.exists(path)) {
                LibC.mkfifo(path.toString(), 0644);
            }
            return new NotifyFifo(LibC.open(path.toString(), O_RDWR | O_NONBLOCK | LibC.O_CLOEXEC));
        } catch (ErrnoException e) {
            throw new IOException("cannot open notify FIFO " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code text} at once; returns false when the pipe had no room for it (nothing is
     * then written, as keepalived drops the line on EAGAIN). Other errors throw.
     */
    public boolean write(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, 0, bytes.length);
            return LibC.tryWrite(fd, buffer, bytes.length) == bytes.length;
        }
    }

    @Override
    public void close() {
        LibC.close(fd);
    }
}
