package io.lvsj.keepalived.check.net;

import io.lvsj.sys.Errno;
import io.lvsj.sys.ErrnoException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The three epoll calls, which {@link io.lvsj.sys.LibC} does not have: checkers on
 * native sockets wait for readiness through one epoll descriptor rather than a thread each.
 * {@code struct epoll_event} is packed (12 bytes) on x86-64 and 16 bytes elsewhere.
 */
final class Epoll {
    static final int EPOLLIN = 0x001;
    static final int EPOLLOUT = 0x004;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    static final int EPOLLONESHOT = 1 << 30;
    static final int CTL_ADD = 1;
    static final int CTL_DEL = 2;
    private static final int EPOLL_CLOEXEC = 0x80000;

    /** Bytes per {@code struct epoll_event} and the offset of its {@code data} field. */
    static final int EVENT_SIZE = "amd64".equals(System.getProperty("os.arch"))
            || "x86_64".equals(System.getProperty("os.arch")) ? 12 : 16;
    static final int DATA_OFFSET = EVENT_SIZE == 12 ? 4 : 8;
    private static final ValueLayout.OfLong DATA = ValueLayout.JAVA_LONG_UNALIGNED;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));
    private static final MethodHandle CREATE = downcall("epoll_create1", JAVA_INT, JAVA_INT);
    private static final MethodHandle CTL = downcall("epoll_ctl", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle WAIT = downcall("epoll_wait", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);

    private Epoll() {
    }

    private static MethodHandle downcall(String name, MemoryLayout result, MemoryLayout... args) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no " + name + "()"));
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(result, args),
                Linker.Option.captureCallState("errno"));
    }

    private static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    private static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    static int create() {
        MemorySegment capture = CAPTURE.get();
        try {
            int fd = (int) CREATE.invokeExact(capture, EPOLL_CLOEXEC);
            if (fd < 0) {
                throw new ErrnoException("epoll_create1", errno(capture));
            }
            return fd;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Adds {@code fd} with {@code events}, tagged with {@code token}. */
    static void add(int epfd, int fd, int events, long token) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment event = arena.allocate(EVENT_SIZE, 4);
            event.set(JAVA_INT, 0, events);
            event.set(DATA, DATA_OFFSET, token);
            ctl(epfd, CTL_ADD, fd, event);
        }
    }

    /** Removes {@code fd}; a descriptor that is not registered is no error. */
    static void remove(int epfd, int fd) {
        try {
            ctl(epfd, CTL_DEL, fd, MemorySegment.NULL);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ENOENT.number() && e.errno() != Errno.EBADF.number()) {
                throw e;
            }
        }
    }

    private static void ctl(int epfd, int op, int fd, MemorySegment event) {
        MemorySegment capture = CAPTURE.get();
        try {
            if ((int) CTL.invokeExact(capture, epfd, op, fd, event) < 0) {
                throw new ErrnoException("epoll_ctl", errno(capture));
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Waits for events into {@code events} (room for {@code max}); returns how many arrived, 0 when interrupted. */
    static int await(int epfd, MemorySegment events, int max, int timeoutMillis) {
        MemorySegment capture = CAPTURE.get();
        try {
            int n = (int) WAIT.invokeExact(capture, epfd, events, max, timeoutMillis);
            if (n < 0) {
                int errno = errno(capture);
                if (errno == Errno.EINTR.number()) {
                    return 0;
                }
                throw new ErrnoException("epoll_wait", errno);
            }
            return n;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    static int eventsAt(MemorySegment events, int index) {
        return events.get(JAVA_INT, (long) index * EVENT_SIZE);
    }

    static long tokenAt(MemorySegment events, int index) {
        return events.get(DATA, (long) index * EVENT_SIZE + DATA_OFFSET);
    }
}
