package io.lvsj.process;

import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.LibC;
import io.lvsj.sys.Sockaddr;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * systemd's readiness protocol ({@code sd_notify(3)}), as keepalived built with systemd
 * support speaks it, so Debian's {@code Type=notify} unit works unchanged: one datagram to
 * {@code $NOTIFY_SOCKET} (a path, or an abstract name written with a leading {@code @}) with
 * {@code READY=1}, {@code RELOADING=1}, {@code STOPPING=1}. Without the variable, nothing is sent.
 * keepalived-j and lvs-syncd both speak it.
 */
public final class SystemdNotify {
    private final String socket;

    private SystemdNotify(String socket) {
        this.socket = socket;
    }

    public static SystemdNotify from(String notifySocket) {
        return new SystemdNotify(notifySocket == null || notifySocket.isEmpty() ? null : notifySocket);
    }

    public void ready() {
        send("READY=1\nSTATUS=Running\nMAINPID=" + ProcessHandle.current().pid());
    }

    public void reloading() {
        send("RELOADING=1");
    }

    public void stopping() {
        send("STOPPING=1");
    }


    private void send(String message) {
        if (socket == null) {
            return;
        }
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        int fd = -1;
        try (Arena arena = Arena.ofConfined()) {
            fd = LibC.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
            MemorySegment address = Sockaddr.unix(arena, socket);
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
