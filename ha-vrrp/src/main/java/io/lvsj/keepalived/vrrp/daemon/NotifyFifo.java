package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.sys.LibC;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code notify_fifo}: keepalived creates the FIFO if missing, opens it read-write and
 * non-blocking (so opening never waits for a reader and a full pipe drops the line rather
 * than stalling the daemon), and writes one line per notification.
 */
final class NotifyFifo implements AutoCloseable {
    private static final int O_RDWR = 2;
    private static final int O_NONBLOCK = 0x800;

    private final int fd;

    private NotifyFifo(int fd) {
        this.fd = fd;
    }

    static NotifyFifo open(Path path) {
        if (!Files.exists(path)) {
            FifoCalls.mkfifo(path.toString(), 0644);
        }
        return new NotifyFifo(LibC.open(path.toString(), O_RDWR | O_NONBLOCK | LibC.O_CLOEXEC));
    }

    void write(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, buffer, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
            FifoCalls.write(fd, buffer, bytes.length);
        }
    }

    @Override
    public void close() {
        LibC.close(fd);
    }
}
