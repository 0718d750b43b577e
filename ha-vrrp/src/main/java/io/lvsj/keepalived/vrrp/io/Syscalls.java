package io.lvsj.keepalived.vrrp.io;

import io.lvsj.netlink.sys.Errno;
import io.lvsj.netlink.sys.ErrnoException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few system calls the VRRP shell needs that {@link io.lvsj.netlink.sys.LibC} does not
 * have: {@code poll} over many descriptors, {@code eventfd} with {@code read}/{@code write}
 * to wake the VRRP thread, and non-retrying {@code sendto}/{@code recvmsg} that report
 * {@code EAGAIN} as a value rather than an exception (a non-blocking socket says it often).
 * Errno is captured per call, as in LibC.
 */
public final class Syscalls {
    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;
    public static final short POLLIN = 0x1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    private static final MethodHandle POLL = downcall("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle EVENTFD = downcall("eventfd", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle READ = downcall("read", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle WRITE = downcall("write", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle SENDTO =
            downcall("sendto", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle SENDMSG = downcall("sendmsg", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle RECVMSG = downcall("recvmsg", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);

    private Syscalls() {
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

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /**
     * Waits for any of {@code count} {@code struct pollfd} entries in {@code pollfds}; returns
     * how many are ready (0 on timeout or when a signal interrupted the wait).
     */
    public static int poll(MemorySegment pollfds, int count, int timeoutMillis) {
        MemorySegment capture = CAPTURE.get();
        try {
            int n = (int) POLL.invokeExact(capture, pollfds, (long) count, timeoutMillis);
            if (n < 0) {
                int errno = errno(capture);
                if (errno == Errno.EINTR.number()) {
                    return 0;
                }
                throw new ErrnoException("poll", errno);
            }
            return n;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int eventfd() {
        MemorySegment capture = CAPTURE.get();
        try {
            int fd = (int) EVENTFD.invokeExact(capture, 0, EFD_NONBLOCK | EFD_CLOEXEC);
            if (fd < 0) {
                throw new ErrnoException("eventfd", errno(capture));
            }
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Reads up to {@code length} bytes; -1 when the descriptor has nothing (EAGAIN). */
    public static long read(int fd, MemorySegment buffer, long length) {
        MemorySegment capture = CAPTURE.get();
        try {
            while (true) {
                long n = (long) READ.invokeExact(capture, fd, buffer, length);
                if (n >= 0) {
                    return n;
                }
                int errno = errno(capture);
                if (errno == Errno.EAGAIN.number()) {
                    return -1;
                }
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("read", errno);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void write(int fd, MemorySegment buffer, long length) {
        MemorySegment capture = CAPTURE.get();
        try {
            while (true) {
                long n = (long) WRITE.invokeExact(capture, fd, buffer, length);
                if (n >= 0) {
                    return;
                }
                int errno = errno(capture);
                if (errno == Errno.EAGAIN.number()) {
                    return; // an eventfd counter that would overflow is already "wake up"
                }
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("write", errno);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code sendto}; returns 0 on success or the errno (the caller logs it, as keepalived does). */
    static int sendto(int fd, MemorySegment buffer, long length, int flags, MemorySegment address) {
        MemorySegment capture = CAPTURE.get();
        try {
            while (true) {
                long n = (long) SENDTO.invokeExact(capture, fd, buffer, length, flags, address,
                        (int) address.byteSize());
                if (n >= 0) {
                    return 0;
                }
                int errno = errno(capture);
                if (errno != Errno.EINTR.number()) {
                    return errno;
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code sendmsg}; returns 0 on success or the errno. */
    static int sendmsg(int fd, MemorySegment msghdr, int flags) {
        MemorySegment capture = CAPTURE.get();
        try {
            while (true) {
                long n = (long) SENDMSG.invokeExact(capture, fd, msghdr, flags);
                if (n >= 0) {
                    return 0;
                }
                int errno = errno(capture);
                if (errno != Errno.EINTR.number()) {
                    return errno;
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code recvmsg}; returns the length, or -1 when nothing is queued (EAGAIN). */
    static long recvmsg(int fd, MemorySegment msghdr, int flags) {
        MemorySegment capture = CAPTURE.get();
        try {
            while (true) {
                long n = (long) RECVMSG.invokeExact(capture, fd, msghdr, flags);
                if (n >= 0) {
                    return n;
                }
                int errno = errno(capture);
                if (errno == Errno.EAGAIN.number()) {
                    return -1;
                }
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("recvmsg", errno);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
