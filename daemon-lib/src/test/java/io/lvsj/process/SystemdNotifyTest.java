package io.lvsj.process;

import io.lvsj.sys.LibC;
import io.lvsj.sys.Sockaddr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemdNotifyTest {
    @TempDir
    Path dir;

    @Test
    void aPathSocketIsNulTerminated() {
        assertArrayEquals(new byte[]{1, 0, '/', 'r', 0}, Sockaddr.unix("/r"));
    }

    @Test
    void anAbstractSocketStartsWithNul() {
        assertArrayEquals(new byte[]{1, 0, 0, 'n'}, Sockaddr.unix("@n"));
    }

    /** What systemd would receive: one datagram per state on the socket it named. */
    @Test
    void readyReloadingStoppingReachTheSocket() {
        String path = dir.resolve("notify").toString();
        int fd = LibC.socket(1, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        try (Arena arena = Arena.ofConfined()) {
            byte[] address = Sockaddr.unix(path);
            MemorySegment sockaddr = arena.allocate(address.length);
            MemorySegment.copy(address, 0, sockaddr, JAVA_BYTE, 0, address.length);
            LibC.bind(fd, sockaddr);
            SystemdNotify notify = SystemdNotify.from(path);
            notify.ready();
            notify.reloading();
            notify.stopping();
            MemorySegment buffer = arena.allocate(512);
            String ready = receive(fd, buffer);
            assertTrue(ready.startsWith("READY=1\n") && ready.contains("MAINPID=" + ProcessHandle.current().pid()), ready);
            assertEquals("RELOADING=1", receive(fd, buffer));
            assertEquals("STOPPING=1", receive(fd, buffer));
        } finally {
            LibC.close(fd);
        }
    }

    private static String receive(int fd, MemorySegment buffer) {
        int n = (int) LibC.recvfrom(fd, buffer, LibC.MSG_DONTWAIT);
        return new String(buffer.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }

    @Test
    void withoutTheVariableNothingHappens() {
        SystemdNotify.from(null).ready();
        SystemdNotify.from("").stopping();
    }
}
