package io.lvsj.sys;

/**
 * The Linux system calls {@link LibC} makes, with their numbers on the two architectures
 * LVS-J runs on. x86_64 has its own table; aarch64 uses the kernel's generic one
 * ({@code asm-generic/unistd.h}), which has no {@code open}, {@code poll}, {@code eventfd},
 * {@code mknod} or {@code epoll_wait}: hence {@code openat}, {@code ppoll}, {@code eventfd2},
 * {@code mknodat} and {@code epoll_pwait}, used on both so there is one path.
 * {@code SyscallTest} checks both columns against the kernel headers.
 */
enum Syscall {
    READ(0, 63),
    WRITE(1, 64),
    CLOSE(3, 57),
    RT_SIGACTION(13, 134),
    IOCTL(16, 29),
    SOCKET(41, 198),
    CONNECT(42, 203),
    SENDTO(44, 206),
    RECVFROM(45, 207),
    SENDMSG(46, 211),
    RECVMSG(47, 212),
    BIND(49, 200),
    GETSOCKNAME(51, 204),
    SETSOCKOPT(54, 208),
    GETTID(186, 178),
    GETSOCKOPT(55, 209),
    KILL(62, 129),
    UMASK(95, 166),
    EPOLL_CTL(233, 21),
    TGKILL(234, 131),
    OPENAT(257, 56),
    MKNODAT(259, 33),
    PPOLL(271, 73),
    EPOLL_PWAIT(281, 22),
    EVENTFD2(290, 19),
    EPOLL_CREATE1(291, 20),
    SETNS(308, 268);

    final int x86_64;
    final int aarch64;

    Syscall(int x86_64, int aarch64) {
        this.x86_64 = x86_64;
        this.aarch64 = aarch64;
    }

    /** This machine's number for the call. */
    long number() {
        return Machine.X86_64 ? x86_64 : aarch64;
    }

    /** The kernel's name for the call, as in {@code __NR_name}. */
    String kernelName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    private static final class Machine {
        static final boolean X86_64 = isX86_64(System.getProperty("os.arch"));
    }

    static boolean isX86_64(String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> true;
            case "aarch64", "arm64" -> false;
            default -> throw new UnsupportedOperationException("LVS-J makes its system calls on x86_64 and"
                    + " aarch64 only; this JVM runs on " + arch);
        };
    }
}
