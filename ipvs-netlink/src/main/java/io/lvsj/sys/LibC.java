package io.lvsj.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The C library calls LVS-J needs, through the FFM API. Every call captures errno with
 * {@link Linker.Option#captureCallState} (reading errno afterwards would race with the JVM's
 * own system calls) and turns a failure into an {@link ErrnoException} that names the call
 * and the errno. Calls interrupted by a signal are retried.
 *
 * <p>The {@code try*} calls are for non-blocking hot paths where a failure is routine and an
 * exception per call would cost: the receiving ones ({@link #tryRead}, {@link #tryRecvmsg})
 * return -1 when nothing is there ({@code EAGAIN}) and throw for anything else; the sending
 * ones ({@link #trySendto}, {@link #trySendmsg}) return the errno, 0 when sent, and never
 * throw for a failed send (a VRRP router logs it and sends again at the next advert).
 *
 * <h2>Why every call goes through {@code syscall(2)}</h2>
 * The FFM linker generates classes for each distinct function descriptor it links (a
 * {@code DowncallStub} hidden class and some hundred lambda forms per descriptor), and caches
 * them per descriptor and linker options, not per function. With one typed descriptor per C
 * function, opening a netlink socket and asking for IPVS info linked eight of them: 1.2-1.5 s
 * of every short-lived {@code ipvsadm-j} command in the kernel lab ({@code -Xlog:class+load}).
 * So every call here is glibc's {@code long syscall(long number, ...)} with the same
 * descriptor (the number and six longs, unused ones zero) and the same options: one stub per
 * process, whatever is called. That is defined behaviour: {@code syscall}'s variadic
 * arguments are read as longs, and the kernel takes every argument as a 64-bit register.
 * Do not go back to one typed descriptor per function; {@code LibCStubCountTest} fails if a
 * second stub appears.
 *
 * <p>The price is that pointers go to the kernel as plain {@code long} addresses instead of
 * {@code ADDRESS} arguments, so the FFM checks those would get are made here:
 * {@code address} rejects heap and closed segments, and each call keeps its segments
 * reachable until it returns ({@link Reference#reachabilityFence}), so an automatic arena's
 * memory cannot be freed under the kernel. What the FFM runtime also did, and this does not,
 * is keep a shared arena from being closed by another thread during the call: closing a
 * segment's arena while a call on it runs is the caller's bug (no caller does).
 *
 * <p>This is the only class in LVS-J that holds a handle to a system call; the other classes
 * of this package ({@link Epoll}, {@link Sockaddr}) build on it, and {@link GlibcResolver} is the
 * one other native caller (glibc's resolver, which is no system call). Everything above this
 * package sees plain Java values and {@link MemorySegment}s.
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

    public static final short POLLIN = 0x1;

    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;

    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;

    public static final int CLONE_NEWNET = 0x40000000;

    public static final int AF_UNIX = 1;
    private static final int AT_FDCWD = -100;
    private static final int S_IFIFO = 0x1000;
    private static final long SIG_DFL = 0;
    private static final long SIG_IGN = 1;
    private static final int SIOCGIFINDEX = 0x8933;
    private static final int IFNAMSIZ = 16;
    /** The kernel's signal set size, which ppoll wants even without a mask. */
    static final long SIGSET_SIZE = 8;

    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    // Each thread's scratch memory: the captured errno first, then a timespec for ppoll and a
    // pollfd for pollReadable, so that polling allocates nothing.
    private static final long TIMESPEC = (CAPTURE_LAYOUT.byteSize() + 7) & ~7L;
    private static final long POLLFD = TIMESPEC + 16;
    private static final long SCRATCH_SIZE = POLLFD + 8;

    /**
     * One scratch segment per thread, reused for every call. An automatic arena frees it when
     * the thread (virtual threads included) is gone.
     */
    static final ThreadLocal<MemorySegment> SCRATCH =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(SCRATCH_SIZE, 8));

    /**
     * The one downcall handle (see the class comment for why there is one). A holder class, so
     * that a program that never makes a native call never links it.
     */
    private static final class Native {
        static final MethodHandle SYSCALL = link();

        private static MethodHandle link() {
            Linker linker = Linker.nativeLinker();
            MemorySegment symbol = linker.defaultLookup().find("syscall")
                    .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no syscall()"));
            FunctionDescriptor numberAndSixArguments = FunctionDescriptor.of(JAVA_LONG,
                    JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
            return linker.downcallHandle(symbol, numberAndSixArguments,
                    Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
        }
    }

    private LibC() {
    }

    /**
     * Makes system call {@code call} with six arguments (zero for those it does not take) and
     * returns its result: -1 with the errno in {@code scratch} when it failed. No boxing and no
     * varargs array: this is on the VRRP receive path.
     */
    static long syscall(MemorySegment scratch, Syscall call, long a, long b, long c, long d, long e, long f) {
        try {
            return (long) Native.SYSCALL.invokeExact(scratch, call.number(), a, b, c, d, e, f);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * The address of {@code segment} for the kernel, after the checks an FFM {@code ADDRESS}
     * argument would have had: native memory, and an arena that is still open.
     */
    static long address(MemorySegment segment) {
        if (!segment.isNative()) {
            throw new IllegalArgumentException("a system call needs native memory, not " + segment);
        }
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException("Already closed: " + segment);
        }
        return segment.address();
    }

    static int errno(MemorySegment scratch) {
        return (int) ERRNO.get(scratch, 0L);
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
        MemorySegment scratch = SCRATCH.get();
        int fd = (int) syscall(scratch, Syscall.SOCKET, domain, type, protocol, 0, 0, 0);
        if (fd < 0) {
            throw new ErrnoException("socket", errno(scratch));
        }
        return fd;
    }

    public static void bind(int fd, MemorySegment address) {
        MemorySegment scratch = SCRATCH.get();
        try {
            if (syscall(scratch, Syscall.BIND, fd, address(address), address.byteSize(), 0, 0, 0) < 0) {
                throw new ErrnoException("bind", errno(scratch));
            }
        } finally {
            Reference.reachabilityFence(address);
        }
    }

    public static void connect(int fd, MemorySegment address) {
        MemorySegment scratch = SCRATCH.get();
        try {
            while (syscall(scratch, Syscall.CONNECT, fd, address(address), address.byteSize(), 0, 0, 0) < 0) {
                int errno = errno(scratch);
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("connect", errno);
                }
            }
        } finally {
            Reference.reachabilityFence(address);
        }
    }

    /**
     * {@code connect(2)} returning its errno instead of throwing: 0 when connected, else the
     * errno ({@code EINPROGRESS} for a non-blocking connect under way). A checker's
     * non-blocking connect "fails" with EINPROGRESS on every check, and an exception per
     * check is a cost its hot path need not pay.
     */
    public static int tryConnect(int fd, MemorySegment address) {
        MemorySegment scratch = SCRATCH.get();
        try {
            while (syscall(scratch, Syscall.CONNECT, fd, address(address), address.byteSize(), 0, 0, 0) < 0) {
                int errno = errno(scratch);
                if (errno != Errno.EINTR.number()) {
                    return errno;
                }
            }
            return 0;
        } finally {
            Reference.reachabilityFence(address);
        }
    }

    /** Fills {@code address} with the socket's own address and returns its length. */
    public static int getsockname(int fd, MemorySegment address) {
        MemorySegment scratch = SCRATCH.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, (int) address.byteSize());
            if (syscall(scratch, Syscall.GETSOCKNAME, fd, address(address), length.address(), 0, 0, 0) < 0) {
                throw new ErrnoException("getsockname", errno(scratch));
            }
            return length.get(JAVA_INT, 0);
        } finally {
            Reference.reachabilityFence(address);
        }
    }

    public static void setsockopt(int fd, int level, int name, MemorySegment value) {
        MemorySegment scratch = SCRATCH.get();
        try {
            if (syscall(scratch, Syscall.SETSOCKOPT, fd, level, name, address(value), value.byteSize(), 0) < 0) {
                throw new ErrnoException("setsockopt(" + level + ", " + name + ")", errno(scratch));
            }
        } finally {
            Reference.reachabilityFence(value);
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
        MemorySegment scratch = SCRATCH.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, 4);
            if (syscall(scratch, Syscall.GETSOCKOPT, fd, level, name, value.address(), length.address(), 0) < 0) {
                throw new ErrnoException("getsockopt(" + level + ", " + name + ")", errno(scratch));
            }
            return value.get(JAVA_INT, 0);
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
        MemorySegment scratch = SCRATCH.get();
        long addressLength = address.equals(MemorySegment.NULL) ? 0 : address.byteSize();
        try {
            while (true) {
                long n = syscall(scratch, Syscall.SENDTO, fd, address(buffer), length, flags, address(address),
                        addressLength);
                if (n >= 0) {
                    return n;
                }
                int errno = errno(scratch);
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("sendto", errno);
                }
            }
        } finally {
            Reference.reachabilityFence(buffer);
            Reference.reachabilityFence(address);
        }
    }

    /**
     * Receives into {@code buffer}. Returns the datagram's length, which is larger than the
     * buffer when it was truncated and {@link #MSG_TRUNC} was in {@code flags}.
     */
    public static long recvfrom(int fd, MemorySegment buffer, int flags) {
        MemorySegment scratch = SCRATCH.get();
        try {
            while (true) {
                long n = syscall(scratch, Syscall.RECVFROM, fd, address(buffer), buffer.byteSize(), flags, 0, 0);
                if (n >= 0) {
                    return n;
                }
                int errno = errno(scratch);
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("recvfrom", errno);
                }
            }
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    /** {@code sendmsg} with a caller-built {@code struct msghdr}. */
    public static long sendmsg(int fd, MemorySegment msghdr, int flags) {
        MemorySegment scratch = SCRATCH.get();
        try {
            while (true) {
                long n = syscall(scratch, Syscall.SENDMSG, fd, address(msghdr), flags, 0, 0, 0);
                if (n >= 0) {
                    return n;
                }
                int errno = errno(scratch);
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("sendmsg", errno);
                }
            }
        } finally {
            Reference.reachabilityFence(msghdr);
        }
    }

    /** {@code recvmsg} with a caller-built {@code struct msghdr}. */
    public static long recvmsg(int fd, MemorySegment msghdr, int flags) {
        MemorySegment scratch = SCRATCH.get();
        try {
            while (true) {
                long n = syscall(scratch, Syscall.RECVMSG, fd, address(msghdr), flags, 0, 0, 0);
                if (n >= 0) {
                    return n;
                }
                int errno = errno(scratch);
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("recvmsg", errno);
                }
            }
        } finally {
            Reference.reachabilityFence(msghdr);
        }
    }

    /**
     * Like {@link #sendto}, but returns the errno (0 when sent) instead of throwing. A
     * {@link MemorySegment#NULL} address is not allowed here: these sockets are unconnected.
     */
    public static int trySendto(int fd, MemorySegment buffer, long length, int flags, MemorySegment address) {
        MemorySegment scratch = SCRATCH.get();
        try {
            while (true) {
                long n = syscall(scratch, Syscall.SENDTO, fd, address(buffer), length, flags, address(address),
                        address.byteSize());
                if (n >= 0) {
                    return 0;
                }
                int errno = errno(scratch);
                if (errno != Errno.EINTR.number()) {
                    return errno;
                }
            }
        } finally {
            Reference.reachabilityFence(buffer);
            Reference.reachabilityFence(address);
        }
    }

    /** Like {@link #sendmsg}, but returns the errno (0 when sent) instead of throwing. */
    public static int trySendmsg(int fd, MemorySegment msghdr, int flags) {
        MemorySegment scratch = SCRATCH.get();
        try {
            while (true) {
                long n = syscall(scratch, Syscall.SENDMSG, fd, address(msghdr), flags, 0, 0, 0);
                if (n >= 0) {
                    return 0;
                }
                int errno = errno(scratch);
                if (errno != Errno.EINTR.number()) {
                    return errno;
                }
            }
        } finally {
            Reference.reachabilityFence(msghdr);
        }
    }

    /** Like {@link #recvmsg}, but returns -1 when nothing is queued ({@code EAGAIN}). */
    public static long tryRecvmsg(int fd, MemorySegment msghdr, int flags) {
        MemorySegment scratch = SCRATCH.get();
        try {
            while (true) {
                long n = syscall(scratch, Syscall.RECVMSG, fd, address(msghdr), flags, 0, 0, 0);
                if (n >= 0) {
                    return n;
                }
                int errno = errno(scratch);
                if (errno == Errno.EAGAIN.number()) {
                    return -1;
                }
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("recvmsg", errno);
                }
            }
        } finally {
            Reference.reachabilityFence(msghdr);
        }
    }

    /** Reads up to {@code length} bytes; -1 when the descriptor has nothing ({@code EAGAIN}). */
    public static long tryRead(int fd, MemorySegment buffer, long length) {
        MemorySegment scratch = SCRATCH.get();
        try {
            while (true) {
                long n = syscall(scratch, Syscall.READ, fd, address(buffer), length, 0, 0, 0);
                if (n >= 0) {
                    return n;
                }
                int errno = errno(scratch);
                if (errno == Errno.EAGAIN.number()) {
                    return -1;
                }
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("read", errno);
                }
            }
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    /**
     * Writes up to {@code length} bytes and returns how many were written; -1 when the
     * descriptor cannot take them now ({@code EAGAIN}; for an eventfd, a counter that would
     * overflow).
     */
    public static long tryWrite(int fd, MemorySegment buffer, long length) {
        MemorySegment scratch = SCRATCH.get();
        try {
            while (true) {
                long n = syscall(scratch, Syscall.WRITE, fd, address(buffer), length, 0, 0, 0);
                if (n >= 0) {
                    return n;
                }
                int errno = errno(scratch);
                if (errno == Errno.EAGAIN.number()) {
                    return -1;
                }
                if (errno != Errno.EINTR.number()) {
                    throw new ErrnoException("write", errno);
                }
            }
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    /** An eventfd ({@link #EFD_NONBLOCK}, {@link #EFD_CLOEXEC} in {@code flags}): a counter to wake a poller with. */
    public static int eventfd(int initialValue, int flags) {
        MemorySegment scratch = SCRATCH.get();
        int fd = (int) syscall(scratch, Syscall.EVENTFD2, initialValue, flags, 0, 0, 0, 0);
        if (fd < 0) {
            throw new ErrnoException("eventfd", errno(scratch));
        }
        return fd;
    }

    /**
     * Waits for any of {@code count} {@code struct pollfd} entries (8 bytes each: fd, events,
     * revents) in {@code pollfds} and returns how many are ready: 0 on timeout, and also when
     * a signal interrupted the wait, since a retry with the same timeout would wait too long
     * (the caller works out its next timeout and polls again).
     */
    public static int poll(MemorySegment pollfds, int count, int timeoutMillis) {
        MemorySegment scratch = SCRATCH.get();
        try {
            int n = ppoll(scratch, address(pollfds), count, timeoutMillis);
            if (n >= 0) {
                return n;
            }
            int errno = errno(scratch);
            if (errno == Errno.EINTR.number()) {
                return 0;
            }
            throw new ErrnoException("poll", errno);
        } finally {
            Reference.reachabilityFence(pollfds);
        }
    }

    /**
     * Waits until {@code fd} is readable or {@code timeoutMillis} pass (-1 = forever).
     * Returns whether it is readable.
     */
    public static boolean pollReadable(int fd, int timeoutMillis) {
        MemorySegment scratch = SCRATCH.get();
        while (true) {
            scratch.set(JAVA_INT, POLLFD, fd);
            scratch.set(JAVA_SHORT, POLLFD + 4, POLLIN);
            scratch.set(JAVA_SHORT, POLLFD + 6, (short) 0);
            int n = ppoll(scratch, scratch.address() + POLLFD, 1, timeoutMillis);
            if (n >= 0) {
                return n > 0;
            }
            int errno = errno(scratch);
            if (errno != Errno.EINTR.number()) {
                throw new ErrnoException("poll", errno);
            }
        }
    }

    /**
     * poll(2) as ppoll(2), which every architecture has (aarch64 has no poll): the timeout
     * goes in {@code scratch}'s timespec, and a negative one (no timespec) waits forever.
     * The thread's scratch segment is reachable from its ThreadLocal throughout.
     */
    private static int ppoll(MemorySegment scratch, long pollfds, int count, int timeoutMillis) {
        long timespec = 0;
        if (timeoutMillis >= 0) {
            scratch.set(JAVA_LONG, TIMESPEC, timeoutMillis / 1000);
            scratch.set(JAVA_LONG, TIMESPEC + 8, (timeoutMillis % 1000) * 1_000_000L);
            timespec = scratch.address() + TIMESPEC;
        }
        return (int) syscall(scratch, Syscall.PPOLL, pollfds, count, timespec, 0, SIGSET_SIZE, 0);
    }

    public static void close(int fd) {
        MemorySegment scratch = SCRATCH.get();
        if (syscall(scratch, Syscall.CLOSE, fd, 0, 0, 0, 0, 0) < 0) {
            int errno = errno(scratch);
            if (errno != Errno.EINTR.number()) { // the descriptor is gone either way
                throw new ErrnoException("close", errno);
            }
        }
    }

    public static int open(String path, int flags) {
        MemorySegment scratch = SCRATCH.get();
        try (Arena arena = Arena.ofConfined()) {
            long name = arena.allocateFrom(path).address();
            int fd = (int) syscall(scratch, Syscall.OPENAT, AT_FDCWD, name, flags, 0, 0, 0);
            if (fd < 0) {
                throw new ErrnoException("open " + path, errno(scratch));
            }
            return fd;
        }
    }

    /** {@code mkfifo(path, mode)}, as {@code mknodat(AT_FDCWD, path, S_IFIFO | mode, 0)}. */
    public static void mkfifo(String path, int mode) {
        MemorySegment scratch = SCRATCH.get();
        try (Arena arena = Arena.ofConfined()) {
            long name = arena.allocateFrom(path).address();
            if (syscall(scratch, Syscall.MKNODAT, AT_FDCWD, name, S_IFIFO | mode, 0, 0, 0) < 0) {
                throw new ErrnoException("mkfifo " + path, errno(scratch));
            }
        }
    }

    /**
     * Sets signal {@code signum} to be ignored ({@code SIG_IGN}) in every thread, through
     * {@code rt_sigaction(2)}. An ignored signal never runs a handler, so the kernel needs no
     * {@code sa_restorer} (which only glibc's {@code sigaction} would supply). The kernel's
     * {@code struct sigaction} is the same on x86_64 and aarch64: handler, flags, restorer, mask.
     */
    public static void ignoreSignal(int signum) {
        sigaction(signum, SIG_IGN, "SIG_IGN");
    }

    /**
     * Gives signal {@code signum} back its default action when it is ignored, and says whether
     * it was. A process inherits ignored signals across exec (a shell's background job ignores
     * INT, nohup ignores HUP), and the JVM then installs no handler of its own for HUP, INT or
     * TERM; a daemon that must answer them, as keepalived does whatever started it, calls this
     * first. A signal with a handler is left alone.
     */
    public static boolean unignoreSignal(int signum) {
        MemorySegment scratch = SCRATCH.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment old = arena.allocate(32, 8);
            if (syscall(scratch, Syscall.RT_SIGACTION, signum, 0, old.address(), SIGSET_SIZE, 0, 0) < 0) {
                throw new ErrnoException("rt_sigaction(" + signum + ")", errno(scratch));
            }
            if (old.get(JAVA_LONG, 0) != SIG_IGN) {
                return false;
            }
        }
        sigaction(signum, SIG_DFL, "SIG_DFL");
        return true;
    }

    private static void sigaction(int signum, long handler, String name) {
        MemorySegment scratch = SCRATCH.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment action = arena.allocate(32, 8);
            action.set(JAVA_LONG, 0, handler);
            if (syscall(scratch, Syscall.RT_SIGACTION, signum, action.address(), 0, SIGSET_SIZE, 0, 0) < 0) {
                throw new ErrnoException("rt_sigaction(" + signum + ", " + name + ")", errno(scratch));
            }
        }
    }

    /** Sends {@code signal} to process {@code pid} ({@code kill(2)}). */
    public static void kill(long pid, int signal) {
        MemorySegment scratch = SCRATCH.get();
        if (syscall(scratch, Syscall.KILL, pid, signal, 0, 0, 0, 0) < 0) {
            throw new ErrnoException("kill(" + pid + ", " + signal + ")", errno(scratch));
        }
    }

    /** Sets the process's file creation mask ({@code umask(2)}, which cannot fail); returns the one before. */
    public static int umask(int mask) {
        return (int) syscall(SCRATCH.get(), Syscall.UMASK, mask & 0777, 0, 0, 0, 0, 0);
    }

    /** The calling thread's kernel id ({@code gettid(2)}), as {@code /proc/self/task} lists it. */
    public static int gettid() {
        return (int) syscall(SCRATCH.get(), Syscall.GETTID, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Sends {@code signal} to one thread of process {@code pid} ({@code tgkill(2)}): the way to
     * interrupt a thread blocked in a system call, which tests of EINTR handling need.
     */
    public static void tgkill(long pid, int tid, int signal) {
        MemorySegment scratch = SCRATCH.get();
        if (syscall(scratch, Syscall.TGKILL, pid, tid, signal, 0, 0, 0) < 0) {
            throw new ErrnoException("tgkill(" + pid + ", " + tid + ", " + signal + ")", errno(scratch));
        }
    }

    public static void setns(int fd, int nstype) {
        MemorySegment scratch = SCRATCH.get();
        if (syscall(scratch, Syscall.SETNS, fd, nstype, 0, 0, 0, 0) < 0) {
            throw new ErrnoException("setns", errno(scratch));
        }
    }

    /**
     * The index of the interface called {@code name}, or 0 when there is none. As glibc's
     * if_nametoindex does it (an ioctl on a throw-away socket), but through syscall(2) so that
     * it links no second stub: a name too long for the kernel, no socket or a failed ioctl is 0.
     */
    public static int ifNameToIndex(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= IFNAMSIZ) {
            return 0;
        }
        MemorySegment scratch = SCRATCH.get();
        int fd = (int) syscall(scratch, Syscall.SOCKET, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, 0, 0, 0);
        if (fd < 0) {
            return 0;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifreq = arena.allocate(40, 8); // struct ifreq: the name, then ifr_ifindex
            MemorySegment.copy(bytes, 0, ifreq, JAVA_BYTE, 0, bytes.length);
            if (syscall(scratch, Syscall.IOCTL, fd, SIOCGIFINDEX, ifreq.address(), 0, 0, 0) < 0) {
                return 0;
            }
            return ifreq.get(JAVA_INT, IFNAMSIZ);
        } finally {
            syscall(scratch, Syscall.CLOSE, fd, 0, 0, 0, 0, 0);
        }
    }
}
