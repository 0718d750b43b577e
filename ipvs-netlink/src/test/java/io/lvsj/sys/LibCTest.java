package io.lvsj.sys;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The calls against the host kernel: an eventfd (read, write, poll), UDP datagrams over
 * loopback (sendto, sendmsg, recvmsg), interface indexes, open and setns, each failure checked
 * for its errno, and the segment checks that FFM no longer makes for raw addresses.
 */
class LibCTest {
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void free() {
        arena.close();
    }

    @Test
    void eventfdCountsWritesAndSaysEagainWhenEmptyOrFull() {
        int fd = LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
        try {
            MemorySegment counter = arena.allocate(JAVA_LONG);
            assertEquals(-1, LibC.tryRead(fd, counter, 8), "empty eventfd");

            counter.set(JAVA_LONG, 0, 3);
            assertEquals(8, LibC.tryWrite(fd, counter, 8));
            assertEquals(8, LibC.tryWrite(fd, counter, 8));
            assertEquals(8, LibC.tryRead(fd, counter, 8));
            assertEquals(6, counter.get(JAVA_LONG, 0));

            counter.set(JAVA_LONG, 0, 0xfffffffffffffffeL); // the largest count
            assertEquals(8, LibC.tryWrite(fd, counter, 8));
            counter.set(JAVA_LONG, 0, 1);
            assertEquals(-1, LibC.tryWrite(fd, counter, 8), "a write that would overflow");
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void pollReportsWhichDescriptorsAreReadable() {
        int idle = LibC.eventfd(0, LibC.EFD_NONBLOCK);
        int ready = LibC.eventfd(1, LibC.EFD_NONBLOCK);
        try {
            MemorySegment pollfds = arena.allocate(16, 4);
            pollfds.set(JAVA_INT, 0, idle);
            pollfds.set(JAVA_SHORT, 4, LibC.POLLIN);
            pollfds.set(JAVA_INT, 8, ready);
            pollfds.set(JAVA_SHORT, 12, LibC.POLLIN);
            assertEquals(1, LibC.poll(pollfds, 2, 1000));
            assertEquals(0, pollfds.get(JAVA_SHORT, 6));
            assertEquals(LibC.POLLIN, pollfds.get(JAVA_SHORT, 14));

            LibC.tryRead(ready, arena.allocate(JAVA_LONG), 8);
            assertEquals(0, LibC.poll(pollfds, 2, 10), "timeout");
        } finally {
            LibC.close(idle);
            LibC.close(ready);
        }
    }

    @Test
    void failuresNameTheCallAndErrno() {
        ErrnoException bad = assertThrows(ErrnoException.class, () -> LibC.eventfd(0, 0x2));
        assertEquals("eventfd", bad.call());
        assertEquals(Errno.EINVAL, bad.errnoValue());

        int fd = -1; // never open: a closed descriptor's number could be reused by another thread
        MemorySegment buffer = arena.allocate(JAVA_LONG);
        assertEquals("read: EBADF (Bad file descriptor)",
                assertThrows(ErrnoException.class, () -> LibC.tryRead(fd, buffer, 8)).getMessage());
        assertEquals("write: EBADF (Bad file descriptor)",
                assertThrows(ErrnoException.class, () -> LibC.tryWrite(fd, buffer, 8)).getMessage());
        MemorySegment pollfd = arena.allocate(8, 4);
        assertEquals("poll: EINVAL (Invalid argument)",
                assertThrows(ErrnoException.class, () -> LibC.poll(pollfd, -1, 0)).getMessage());
    }

    @Test
    void datagramsGoOutWithSendtoAndSendmsgAndComeBackWithRecvmsg() {
        int fd = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        try {
            MemorySegment self = arena.allocate(16, 4);
            self.set(JAVA_SHORT, 0, (short) LibC.AF_INET);
            self.set(JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN), 4, 0x7f000001);
            LibC.bind(fd, self);
            LibC.getsockname(fd, self); // the port the kernel chose

            MemorySegment rxBuffer = arena.allocate(64);
            MemorySegment rxMsg = msghdr(MemorySegment.NULL, rxBuffer, rxBuffer.byteSize());
            assertEquals(-1, LibC.tryRecvmsg(fd, rxMsg, 0), "nothing queued");

            MemorySegment hello = arena.allocateFrom("hello", StandardCharsets.US_ASCII);
            assertEquals(0, LibC.trySendto(fd, hello, 5, 0, self));
            assertEquals(5, LibC.tryRecvmsg(fd, rxMsg, 0));
            assertEquals("hello", text(rxBuffer, 5));

            MemorySegment world = arena.allocateFrom("world!", StandardCharsets.US_ASCII);
            assertEquals(0, LibC.trySendmsg(fd, msghdr(self, world, 6), 0));
            assertEquals(6, LibC.tryRecvmsg(fd, rxMsg, 0));
            assertEquals("world!", text(rxBuffer, 6));
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void failedSendsComeBackAsTheErrnoAndReceiveFailuresThrow() {
        int fd = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_NONBLOCK, 0);
        MemorySegment to = arena.allocate(16, 4);
        to.set(JAVA_SHORT, 0, (short) LibC.AF_INET);
        MemorySegment data = arena.allocate(4);
        // Port 0 is no destination.
        try {
            assertEquals(Errno.EINVAL.number(), LibC.trySendto(fd, data, 4, 0, to));
        } finally {
            LibC.close(fd);
        }
        assertEquals(Errno.EBADF.number(), LibC.trySendto(-1, data, 4, 0, to));
        assertEquals(Errno.EBADF.number(), LibC.trySendmsg(-1, msghdr(to, data, 4), 0));
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> LibC.tryRecvmsg(-1, msghdr(MemorySegment.NULL, data, 4), 0));
        assertEquals("recvmsg", e.call());
        assertEquals(Errno.EBADF, e.errnoValue());
    }

    @Test
    void interfaceIndexesComeFromTheKernelAndZeroMeansNone() {
        assertEquals(1, LibC.ifNameToIndex("lo"));
        assertEquals(0, LibC.ifNameToIndex("lc-nothing0"));
        assertEquals(0, LibC.ifNameToIndex("a-name-too-long-for-linux"));
        assertEquals(0, LibC.ifNameToIndex(""));
    }

    /** kill(2): a signal reaches a process; a pid that does not exist is ESRCH. */
    @Test
    void killSignalsAProcess(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (io.lvsj.lab.BackgroundProcess sleeper = io.lvsj.lab.BackgroundProcess.start(java.util.List.of("sleep", "60"),
                dir.resolve("sleep.log"))) {
            LibC.kill(sleeper.pid(), 15);
            assertEquals(128 + 15, sleeper.awaitExit(java.time.Duration.ofSeconds(10)), "ended by SIGTERM");
        }
        ErrnoException e = assertThrows(ErrnoException.class, () -> LibC.kill(Integer.MAX_VALUE - 1, 0));
        assertEquals(Errno.ESRCH.number(), e.errno());
    }

    @Test
    void openAndSetnsNameWhatFailed() {
        assertEquals("open /nonexistent/lc: ENOENT (No such file or directory)",
                assertThrows(ErrnoException.class, () -> LibC.open("/nonexistent/lc", LibC.O_RDONLY)).getMessage());
        int fd = LibC.open("/proc/self/ns/net", LibC.O_RDONLY | LibC.O_CLOEXEC);
        try {
            ErrnoException wrongType = assertThrows(ErrnoException.class, () -> LibC.setns(fd, 0x20000)); // CLONE_NEWNS
            assertEquals("setns", wrongType.call());
            assertEquals(Errno.EINVAL, wrongType.errnoValue());
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void heapAndClosedSegmentsAreRefusedBeforeTheKernelSeesThem() {
        int fd = LibC.eventfd(1, LibC.EFD_NONBLOCK);
        try {
            MemorySegment heap = MemorySegment.ofArray(new byte[8]);
            assertThrows(IllegalArgumentException.class, () -> LibC.tryRead(fd, heap, 8));
            MemorySegment freed;
            try (Arena closed = Arena.ofConfined()) {
                freed = closed.allocate(JAVA_LONG);
            }
            assertThrows(IllegalStateException.class, () -> LibC.tryRead(fd, freed, 8));
            assertEquals(8, LibC.tryRead(fd, arena.allocate(JAVA_LONG), 8), "the counter is still there");
        } finally {
            LibC.close(fd);
        }
    }

    private MemorySegment msghdr(MemorySegment name, MemorySegment buffer, long length) {
        return LibCStubProbe.msghdr(arena, name, buffer, length);
    }

    private static String text(MemorySegment buffer, int length) {
        return new String(buffer.asSlice(0, length).toArray(JAVA_BYTE), StandardCharsets.US_ASCII);
    }

    /** umask(2) answers the mask it replaces, and the new one is what a new file gets. */
    @Test
    void umaskSetsTheFileCreationMask() throws Exception {
        int before = LibC.umask(0177);
        try {
            assertEquals(0177, LibC.umask(0177));
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("umask");
            java.nio.file.Path file = dir.resolve("f");
            java.nio.file.Files.writeString(file, "x");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(file)));
            java.nio.file.Files.delete(file);
            java.nio.file.Files.delete(dir);
        } finally {
            LibC.umask(before);
        }
    }
}
