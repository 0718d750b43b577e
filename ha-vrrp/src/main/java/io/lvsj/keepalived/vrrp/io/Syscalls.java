package io.lvsj.keepalived.vrrp.io;

import io.lvsj.netlink.sys.LibC;

import java.lang.foreign.MemorySegment;

/**
 * The VRRP thread's wake-up and wait calls, in the shape its loop uses them: an eventfd it
 * reads and writes without blocking, and {@code poll} over many descriptors. Every call is
 * {@link LibC}'s (the one place that holds native handles and captures errno); this class
 * only fixes the flags and drops the results the loop does not need.
 */
public final class Syscalls {
    public static final short POLLIN = LibC.POLLIN;

    private Syscalls() {
    }

    /** See {@link LibC#poll}: how many are ready, 0 on timeout or a signal. */
    public static int poll(MemorySegment pollfds, int count, int timeoutMillis) {
        return LibC.poll(pollfds, count, timeoutMillis);
    }

    /** A non-blocking, close-on-exec eventfd starting at 0. */
    public static int eventfd() {
        return LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
    }

    /** Reads up to {@code length} bytes; -1 when the descriptor has nothing (EAGAIN). */
    public static long read(int fd, MemorySegment buffer, long length) {
        return LibC.tryRead(fd, buffer, length);
    }

    /** Writes; an eventfd counter that would overflow (EAGAIN) already means "wake up", so that is not an error. */
    public static void write(int fd, MemorySegment buffer, long length) {
        LibC.tryWrite(fd, buffer, length);
    }
}
