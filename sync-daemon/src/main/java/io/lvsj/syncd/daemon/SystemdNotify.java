package io.lvsj.syncd.daemon;

import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.LibC;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * systemd's readiness protocol ({@code sd_notify(3)}) for a {@code Type=notify} unit: one
 * datagram to {@code $NOTIFY_SOCKET}. Without the variable nothing is sent. (The JDK has no
 * Unix datagram sockets, so this goes through {@link LibC}; it is the same few lines as
 * keepalived-j's and moves to the shared daemon library when that lands.)
 */
final class SystemdNotify {
    private static final int AF_UNIX = 1;
    private final String socket;

    private SystemdNotify(String socket) {
        this.socket = socket;
    }

    static SystemdNotify fromEnvironment() {
        String s = System.getenv("NOTIFY_SOCKET");
        return new SystemdNotify(s == null || s.isEmpty() ? null : s);
    }

    void ready(String status) {
        send("READY=1\nSTATUS=" + status + "\nMAINPID=" + ProcessHandle.current().pid());
    }

    void reloading() {
        send("RELOADING=1");
    }

    void status(String status) {
        send("READY=1\nSTATUS=" + status);
    }

    void stopping() {
        send("STOPPING=1");
    }

    private void send(String message) {
        if (socket == null) {
            return;
        }
        byte[] path = socket.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = path.length > 0 && path[0] == '@';
        byte[] to = new byte[2 + path.length + (abstractName ? 0 : 1)];
        System.arraycopy(path, 0, to, 2, path.length);
        if (abstractName) {
            to[2] = 0;
        }
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        int fd = -1;
        try (Arena arena = Arena.ofConfined()) {
            fd = LibC.socket(AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
            MemorySegment address = arena.allocate(to.length);
            MemorySegment.copy(to, 0, address, JAVA_BYTE, 0, to.length);
            address.set(JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment buffer = arena.allocate(text.length);
            MemorySegment.copy(text, 0, buffer, JAVA_BYTE, 0, text.length);
            LibC.sendto(fd, buffer, text.length, 0, address);
        } catch (ErrnoException e) {
            // nobody listening: systemd is not waiting for us
        } finally {
            if (fd >= 0) {
                LibC.close(fd);
            }
        }
    }
}
