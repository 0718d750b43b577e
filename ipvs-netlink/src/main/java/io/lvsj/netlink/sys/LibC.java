package io.lvsj.netlink.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The C library calls LVS-J needs, through the FFM API. Every call captures errno with
 * {@link Linker.Option#captureCallState} (reading errno afterwards would race with the JVM's
 * own system calls) and turns a failure into an {@link ErrnoException} that names the call
 * and the errno. Calls interrupted by a signal are retried.
 *
 * <p>This is the only class that holds native function handles; everything above it sees
 * plain Java values and {@link MemorySegment}s.
 */
public final class LibC {
    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;

    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;

    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_SNDTIMEO = 21;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;

    public static final int MSG_PEEK = 0x2;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;

    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;

    public static final int CLONE_NEWNET = 0x40000000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup C = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /**
     * One capture segment per thread, reused for every call. An automatic arena frees it when
     * the thread (virtual threads included) is gone.
     */
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    // One holder class per function: a downcall handle costs milliseconds to make (about a
    // second for all of them in the lab's emulated kernel), and most programs need only a few,
    // so each is made on its first call.
    private static final class Socket {
        static final MethodHandle HANDLE = downcall("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    }

    private static final class Bind {
        static final MethodHandle HANDLE = downcall("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    }

    private static final class Connect {
        static final MethodHandle HANDLE = downcall("connect", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    }

    private static final class GetSockName {
        static final MethodHandle HANDLE = downcall("getsockname", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    }

    private static final class SetSockOpt {
        static final MethodHandle HANDLE = downcall("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    }

    private static final class GetSockOpt {
        static final MethodHandle HANDLE = downcall("getsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    }

    private static final class SendTo {
        static final MethodHandle HANDLE = downcall("sendto", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
    }

    private static final class RecvFrom {
        static final MethodHandle HANDLE = downcall("recvfrom", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
    }

    private static final class SendMsg {
        static final MethodHandle HANDLE = downcall("sendmsg", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
    }

    private static final class RecvMsg {
        static final MethodHandle HANDLE = downcall("recvmsg", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
    }

    private static final class Close {
        static final MethodHandle HANDLE = downcall("close", JAVA_INT, JAVA_INT);
    }

    private static final class Open {
        static final MethodHandle HANDLE = downcall("open", JAVA_INT, ADDRESS, JAVA_INT);
    }

    private static final class SetNs {
        static final MethodHandle HANDLE = downcall("setns", JAVA_INT, JAVA_INT, JAVA_INT);
    }

    private static final class IfNameToIndex {
        static final MethodHandle HANDLE = downcall("if_nametoindex", JAVA_INT, ADDRESS);
    }

    private static final class Poll {
        static final MethodHandle HANDLE = downcall("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    }

    private LibC() {
    }

    private static MethodHandle downcall(String name, java.lang.foreign.MemoryLayout result,
                                         java.lang.foreign.MemoryLayout... args) {
        MemorySegment symbol = C.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no " + name + "()"));
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(result, args), CAPTURE_ERRNO);
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

    public static int socket(int domain, int type, int protocol) {
        MemorySegment capture = CAPTURE.get();
        try {
            int fd = (int) Socket.HANDLE.invokeExact(capture, domain, type, protocol);
            if (fd < 0) {
                throw new ErrnoException("socket", errno(capture));
            }
            return fd;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static void bind(int fd, MemorySegment address) {
        MemorySegment capture = CAPTURE.get();
        try {
            if ((int) Bind.HANDLE.invokeExact(capture, fd, address, (int) address.byteSize()) < 0) {
                throw new ErrnoException("bind", errno(capture));
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static void connect(int fd, MemorySegment address) {
        MemorySegment capture = CAPTURE.get();
        try {
            while ((int) Connect.HANDLE.invokeExact(capture, fd, address, (int) address.byteSize()) < 0) {
                int errno = errno(capture);
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("connect", errno);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Fills {@code address} with the socket's own address and returns its length. */
    public static int getsockname(int fd, MemorySegment address) {
        MemorySegment capture = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, (int) address.byteSize());
            if ((int) GetSockName.HANDLE.invokeExact(capture, fd, address, length) < 0) {
                throw new ErrnoException("getsockname", errno(capture));
            }
            return length.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static void setsockopt(int fd, int level, int name, MemorySegment value) {
        MemorySegment capture = CAPTURE.get();
        try {
            if ((int) SetSockOpt.HANDLE.invokeExact(capture, fd, level, name, value, (int) value.byteSize()) < 0) {
                throw new ErrnoException("setsockopt(" + level + ", " + name + ")", errno(capture));
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static void setsockopt(int fd, int level, int name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            setsockopt(fd, level, name, v);
        }
    }

    public static int getsockoptInt(int fd, int level, int name) {
        MemorySegment capture = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, 4);
            if ((int) GetSockOpt.HANDLE.invokeExact(capture, fd, level, name, value, length) < 0) {
                throw new ErrnoException("getsockopt(" + level + ", " + name + ")", errno(capture));
            }
            return value.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Sets a {@code struct timeval} option such as {@link #SO_RCVTIMEO}. */
    public static void setsockoptTimeval(int fd, int name, long millis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment tv = arena.allocate(16, 8);
            tv.set(JAVA_LONG, 0, millis / 1000);
            tv.set(JAVA_LONG, 8, (millis % 1000) * 1000);
            setsockopt(fd, SOL_SOCKET, name, tv);
        }
    }

    /**
     * Sends {@code length} bytes of {@code buffer} to {@code address} (or, with
     * {@link MemorySegment#NULL}, to the connected peer). Returns the bytes sent.
     */
    public static long sendto(int fd, MemorySegment buffer, long length, int flags, MemorySegment address) {
        MemorySegment capture = CAPTURE.get();
        int addressLength = address.equals(MemorySegment.NULL) ? 0 : (int) address.byteSize();
        try {
            while (true) {
                long n = (long) SendTo.HANDLE.invokeExact(capture, fd, buffer, length, flags, address, addressLength);
                if (n >= 0) {
                    return n;
                }
                int errno = errno(capture);
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("sendto", errno);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * Receives into {@code buffer}. Returns the datagram's length, which is larger than the
     * buffer when it was truncated and {@link #MSG_TRUNC} was in {@code flags}.
     */
    public static long recvfrom(int fd, MemorySegment buffer, int flags) {
        MemorySegment capture = CAPTURE.get();
        try {
            while (true) {
                long n = (long) RecvFrom.HANDLE.invokeExact(capture, fd, buffer, buffer.byteSize(), flags,
                        MemorySegment.NULL, MemorySegment.NULL);
                if (n >= 0) {
                    return n;
                }
                int errno = errno(capture);
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("recvfrom", errno);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code sendmsg} with a caller-built {@code struct msghdr}. */
    public static long sendmsg(int fd, MemorySegment msghdr, int flags) {
        MemorySegment capture = CAPTURE.get();
        try {
            while (true) {
                long n = (long) SendMsg.HANDLE.invokeExact(capture, fd, msghdr, flags);
                if (n >= 0) {
                    return n;
                }
                int errno = errno(capture);
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("sendmsg", errno);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code recvmsg} with a caller-built {@code struct msghdr}. */
    public static long recvmsg(int fd, MemorySegment msghdr, int flags) {
        MemorySegment capture = CAPTURE.get();
        try {
            while (true) {
                long n = (long) RecvMsg.HANDLE.invokeExact(capture, fd, msghdr, flags);
                if (n >= 0) {
                    return n;
                }
                int errno = errno(capture);
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("recvmsg", errno);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * Waits until {@code fd} is readable or {@code timeoutMillis} pass (-1 = forever).
     * Returns whether it is readable.
     */
    public static boolean pollReadable(int fd, int timeoutMillis) {
        MemorySegment capture = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pollfd = arena.allocate(8, 4);
            pollfd.set(JAVA_INT, 0, fd);
            pollfd.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 4, (short) 0x1); // POLLIN
            while (true) {
                int n = (int) Poll.HANDLE.invokeExact(capture, pollfd, 1L, timeoutMillis);
                if (n >= 0) {
                    return n > 0;
                }
                int errno = errno(capture);
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("poll", errno);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static void close(int fd) {
        MemorySegment capture = CAPTURE.get();
        try {
            if ((int) Close.HANDLE.invokeExact(capture, fd) < 0) {
                int errno = errno(capture);
                if (errno != Errno.EINTR.number()) { // the descriptor is gone either way
                    throw new ErrnoException("close", errno);
                }
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int open(String path, int flags) {
        MemorySegment capture = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) Open.HANDLE.invokeExact(capture, arena.allocateFrom(path), flags);
            if (fd < 0) {
                throw new ErrnoException("open " + path, errno(capture));
            }
            return fd;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static void setns(int fd, int nstype) {
        MemorySegment capture = CAPTURE.get();
        try {
            if ((int) SetNs.HANDLE.invokeExact(capture, fd, nstype) < 0) {
                throw new ErrnoException("setns", errno(capture));
            }
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The index of the interface called {@code name}, or 0 when there is none. */
    public static int ifNameToIndex(String name) {
        MemorySegment capture = CAPTURE.get();
        try (Arena arena = Arena.ofConfined()) {
            return (int) IfNameToIndex.HANDLE.invokeExact(capture, arena.allocateFrom(name));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
