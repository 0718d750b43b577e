package io.lvsj.keepalived.daemon;

import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.LibC;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * systemd's readiness protocol ({@code sd_notify(3)}), as keepalived built with systemd
 * support speaks it, so Debian's {@code Type=notify} unit works unchanged: one datagram to
 * {@code $NOTIFY_SOCKET} (a path, or an abstract name written with a leading {@code @}) with
 * {@code READY=1}, {@code RELOADING=1}, {@code STOPPING=1}. Without the variable, nothing is sent.
 */
final class SystemdNotify {
    private static final int AF_UNIX = 1;
    private final String socket;

    private SystemdNotify(String socket) {
        this.socket = socket;
    }

    static SystemdNotify from(String notifySocket) {
        return new SystemdNotify(notifySocket == null || notifySocket.isEmpty() ? null : notifySocket);
    }

    void ready() {
        send("READY=1\nSTATUS=Running\nMAINPID=" + ProcessHandle.current().pid());
    }

    void reloading() {
        send("RELOADING=1");
    }

    void stopping() {
        send("STOPPING=1");
    }

    /** The {@code sockaddr_un} for {@code name}: family, then the path (a leading '@' becomes the abstract NUL). */
    static byte[] address(String name) {
        byte[] path = name.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = path.length > 0 && path[0] == '@';
        byte[] out = new byte[2 + path.length + (abstractName ? 0 : 1)];
        out[0] = AF_UNIX;
        System.arraycopy(path, 0, out, 2, path.length);
        if (abstractName) {
            out[2] = 0;
        }
        return out;
    }

    private void send(String message) {
        if (socket == null) {
            return;
        }
        byte[] to = address(socket);
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
            // no one listening: systemd is not waiting for us
        } finally {
            if (fd >= 0) {
                LibC.close(fd);
            }
        }
    }
}
