package io.lvsj.ipvsadm.differential;

import io.lvsj.sys.NetNamespace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A network namespace of its own (so an IPVS table of its own) for one differential case,
 * made with {@code unshare(CLONE_NEWNET)} by a thread that then stays in it: processes that
 * thread starts (Debian's ipvsadm) run inside, and netlink sockets reach it through the
 * thread's {@code /proc/.../ns/net}. No {@code ip netns add}, no names in {@code /run/netns}:
 * in the lab a process costs about 100 ms, and a suite of hundreds of cases would pay that
 * several times per case. The namespace goes when the thread ends.
 */
final class FreshNamespace implements AutoCloseable {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle UNSHARE = function("unshare", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SOCKET =
            function("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle IOCTL = LINKER.downcallHandle(LINKER.defaultLookup().find("ioctl").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = function("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCSIFFLAGS = 0x8914;
    private static final short IFF_UP = 1;

    private static MethodHandle function(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }

    /** What a process printed and how it ended. */
    record Result(int status, String stdout, String stderr) {
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ipa-netns");
        t.setDaemon(true);
        return t;
    });
    private final NetNamespace netns;

    FreshNamespace() {
        Path path = call(() -> {
            int rc = (int) UNSHARE.invokeExact(CLONE_NEWNET);
            if (rc != 0) {
                throw new IllegalStateException("unshare(CLONE_NEWNET) failed");
            }
            loopbackUp();
            // "PID/task/TID": this thread's own view, which stays valid while it lives
            return Path.of("/proc").resolve(Files.readSymbolicLink(Path.of("/proc/thread-self"))).resolve("ns/net");
        });
        this.netns = NetNamespace.ofPath(path);
    }

    /**
     * {@code ip link set lo up}, without a process: with the loopback down a namespace has no
     * local routing table, and the kernel then refuses every IPv4 real server ("address not
     * unicast").
     */
    private static void loopbackUp() throws Throwable {
        int fd = (int) SOCKET.invokeExact(2, 2, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifreq = arena.allocate(40);
            ifreq.setString(0, "lo");
            if ((int) IOCTL.invokeExact(fd, SIOCGIFFLAGS, ifreq) != 0) {
                throw new IllegalStateException("SIOCGIFFLAGS lo failed");
            }
            ifreq.set(JAVA_SHORT, 16, (short) (ifreq.get(JAVA_SHORT, 16) | IFF_UP));
            if ((int) IOCTL.invokeExact(fd, SIOCSIFFLAGS, ifreq) != 0) {
                throw new IllegalStateException("SIOCSIFFLAGS lo failed");
            }
        } finally {
            int ignored = (int) CLOSE.invokeExact(fd);
        }
    }

    NetNamespace netns() {
        return netns;
    }

    /** Runs a program inside the namespace, with {@code stdin} as its input. */
    Result run(List<String> command, Map<String, String> environment, String stdin) {
        return call(() -> {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("LC_ALL", "C");
            builder.environment().remove("POSIXLY_CORRECT");
            builder.environment().putAll(environment);
            Process p = builder.start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException ignored) {
                // the program did not read its input
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("did not finish in 60 s: " + command);
            }
            return new Result(p.exitValue(), new String(out.get(), StandardCharsets.ISO_8859_1),
                    new String(err.get(), StandardCharsets.ISO_8859_1));
        });
    }

    /** A file of this namespace's {@code /proc/net} (as a thread inside it reads it). */
    String procNet(String name) throws IOException {
        String text = call(() -> {
            try {
                return new String(Files.readAllBytes(Path.of("/proc/thread-self/net").resolve(name)),
                        StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return null;
            }
        });
        if (text == null) {
            throw new IOException("cannot read /proc/thread-self/net/" + name);
        }
        return text;
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Task<T> {
        T run() throws Throwable;
    }

    private <T> T call(Task<T> task) {
        Future<T> future = thread.submit(() -> {
            try {
                return task.run();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        });
        try {
            return future.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("namespace task did not finish in 120 s", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
