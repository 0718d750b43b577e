package io.lvsj.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Reference;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * epoll: checkers on native sockets wait for readiness through one epoll descriptor rather than
 * a thread each. Through {@link LibC}'s one system-call stub, as {@code epoll_pwait} (aarch64
 * has no {@code epoll_wait}). {@code struct epoll_event} is packed (12 bytes) on x86_64 and 16
 * bytes elsewhere.
 */
public final class Epoll {
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLLONESHOT = 1 << 30;
    private static final int CTL_ADD = 1;
    private static final int CTL_DEL = 2;
    private static final int EPOLL_CLOEXEC = 0x80000;

    /** Bytes per {@code struct epoll_event}, and the offset of its {@code data} field. */
    public static final int EVENT_SIZE = Syscall.isX86_64(System.getProperty("os.arch")) ? 12 : 16;
    private static final int DATA_OFFSET = EVENT_SIZE == 12 ? 4 : 8;
    private static final ValueLayout.OfLong DATA = ValueLayout.JAVA_LONG_UNALIGNED;

    private Epoll() {
    }

    public static int create() {
        MemorySegment scratch = LibC.SCRATCH.get();
        int fd = (int) LibC.syscall(scratch, Syscall.EPOLL_CREATE1, EPOLL_CLOEXEC, 0, 0, 0, 0, 0);
        if (fd < 0) {
            throw new ErrnoException("epoll_create1", LibC.errno(scratch));
        }
        return fd;
    }

    /** Adds {@code fd} with {@code events}, tagged with {@code token}. */
    public static void add(int epfd, int fd, int events, long token) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment event = arena.allocate(EVENT_SIZE, 4);
            event.set(JAVA_INT, 0, events);
            event.set(DATA, DATA_OFFSET, token);
            ctl(epfd, CTL_ADD, fd, event.address());
        }
    }

    /** Removes {@code fd}; a descriptor that is not registered is no error. */
    public static void remove(int epfd, int fd) {
        try {
            ctl(epfd, CTL_DEL, fd, 0);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ENOENT.number() && e.errno() != Errno.EBADF.number()) {
                throw e;
            }
        }
    }

    private static void ctl(int epfd, int op, int fd, long event) {
        MemorySegment scratch = LibC.SCRATCH.get();
        if (LibC.syscall(scratch, Syscall.EPOLL_CTL, epfd, op, fd, event, 0, 0) < 0) {
            throw new ErrnoException("epoll_ctl", LibC.errno(scratch));
        }
    }

    /** Waits for events into {@code events} (room for {@code max}); returns how many arrived, 0 when interrupted. */
    public static int await(int epfd, MemorySegment events, int max, int timeoutMillis) {
        MemorySegment scratch = LibC.SCRATCH.get();
        try {
            int n = (int) LibC.syscall(scratch, Syscall.EPOLL_PWAIT, epfd, LibC.address(events), max, timeoutMillis,
                    0, LibC.SIGSET_SIZE);
            if (n < 0) {
                int errno = LibC.errno(scratch);
                if (errno == Errno.EINTR.number()) {
                    return 0;
                }
                throw new ErrnoException("epoll_wait", errno);
            }
            return n;
        } finally {
            Reference.reachabilityFence(events);
        }
    }

    public static int eventsAt(MemorySegment events, int index) {
        return events.get(JAVA_INT, (long) index * EVENT_SIZE);
    }

    public static long tokenAt(MemorySegment events, int index) {
        return events.get(DATA, (long) index * EVENT_SIZE + DATA_OFFSET);
    }
}
