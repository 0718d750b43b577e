package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.sys.LibC;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The raw VRRP (112) and AH (51) sockets the processes of a namespace hold, with the receive
 * buffer the kernel gives each: each socket is borrowed from its process with
 * {@code pidfd_getfd(2)} and asked with {@code getsockopt(SO_RCVBUF)}. (Neither
 * {@code /proc/net/raw} nor, on kernels without raw socket diagnostics, {@code ss} shows a raw
 * socket's buffer.) One line a socket, sorted: "IPv4 proto 112 rcvbuf 18000".
 */
final class VrrpSockets {
    private static final long SYS_PIDFD_OPEN = 434;
    private static final long SYS_PIDFD_GETFD = 438;
    private static final MethodHandle SYSCALL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));

    private VrrpSockets() {
    }

    static String of(String namespace) {
        List<String> lines = new ArrayList<>();
        for (String pid : Shell.must("ip", "netns", "pids", namespace).split("\\s+")) {
            if (!pid.isBlank()) {
                lines.addAll(ofProcess(Long.parseLong(pid.trim())));
            }
        }
        return String.join("\n", lines.stream().sorted().toList()) + "\n";
    }

    private static List<String> ofProcess(long pid) {
        Map<String, String> raw = new HashMap<>(); // socket inode -> "IPv4 proto 112"
        raw.putAll(rawSockets(pid, "raw", "IPv4"));
        raw.putAll(rawSockets(pid, "raw6", "IPv6"));
        List<String> out = new ArrayList<>();
        if (raw.isEmpty()) {
            return out;
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds.toList()) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed meanwhile
                }
                String inode = target.startsWith("socket:[") ? target.substring(8, target.length() - 1) : null;
                String socket = inode == null ? null : raw.get(inode);
                if (socket != null) {
                    out.add(socket + " rcvbuf " + receiveBuffer(pid, Integer.parseInt(fd.getFileName().toString())));
                }
            }
        } catch (IOException e) {
            return out; // the process ended
        }
        return out;
    }

    /** The VRRP and AH raw sockets in /proc/PID/net/FILE (the process's namespace), by inode. */
    private static Map<String, String> rawSockets(long pid, String file, String family) {
        Map<String, String> out = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/" + pid + "/net/" + file));
        } catch (IOException e) {
            return out;
        }
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            int protocol = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
            if (protocol == 112 || protocol == 51) {
                out.put(f[9], family + " proto " + protocol);
            }
        }
        return out;
    }

    private static int receiveBuffer(long pid, int fd) {
        try {
            int pidfd = (int) (long) SYSCALL.invokeExact(SYS_PIDFD_OPEN, pid, 0L, 0L);
            if (pidfd < 0) {
                throw new AssertionError("pidfd_open(" + pid + ") failed");
            }
            try {
                int copy = (int) (long) SYSCALL.invokeExact(SYS_PIDFD_GETFD, (long) pidfd, (long) fd, 0L);
                if (copy < 0) {
                    throw new AssertionError("pidfd_getfd(" + pid + ", " + fd + ") failed");
                }
                try {
                    return LibC.getsockoptInt(copy, LibC.SOL_SOCKET, LibC.SO_RCVBUF);
                } finally {
                    LibC.close(copy);
                }
            } finally {
                LibC.close(pidfd);
            }
        } catch (Throwable t) {
            if (t instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError(t);
        }
    }
}
