package io.lvsj.sys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A network namespace, named the way {@code ip netns} names them ({@code /run/netns/NAME})
 * or given by path ({@code /proc/PID/ns/net}).
 *
 * <p>A socket belongs to the namespace of the thread that created it, for its whole life.
 * {@link #call} therefore creates sockets on a fresh platform thread that enters the
 * namespace with {@code setns(2)} and then ends: a namespace belongs to an OS thread, and a
 * virtual thread may move between carrier threads, so it must never do this itself.
 */
public final class NetNamespace {
    private static final Path NETNS_DIR = Path.of("/run/netns");

    private final Path path;
    private final String name;

    private NetNamespace(Path path, String name) {
        this.path = path;
        this.name = name;
    }

    /** The namespace {@code ip netns add NAME} created. */
    public static NetNamespace named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("invalid network namespace name: '" + name + "'");
        }
        return new NetNamespace(NETNS_DIR.resolve(name), name);
    }

    /** The namespace at a path such as {@code /proc/1234/ns/net}. */
    public static NetNamespace ofPath(Path path) {
        return new NetNamespace(path, path.toString());
    }

    public String name() {
        return name;
    }

    public Path path() {
        return path;
    }

    /**
     * Runs {@code action} on a new platform thread inside this namespace and returns its
     * result. Sockets it opens stay in this namespace.
     */
    public <T> T call(Callable<T> action) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("network namespace " + name + " does not exist (" + path + ")");
        }
        FutureTask<T> task = new FutureTask<>(() -> {
            int fd = LibC.open(path.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
            try {
                LibC.setns(fd, LibC.CLONE_NEWNET);
            } finally {
                LibC.close(fd);
            }
            return action.call();
        });
        Thread thread = Thread.ofPlatform().name("netns-" + name).unstarted(task);
        thread.start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while entering network namespace " + name, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * The inode number of a namespace's nsfs file, which names it while it exists (what
     * {@code /proc/PID/ns/net} shows as {@code net:[N]}): for state kept per namespace.
     *
     * @param namespace the namespace, or {@code null} for this process's own
     */
    public static long inode(NetNamespace namespace) throws java.io.IOException {
        if (namespace == null) {
            String link = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
            return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
        }
        return ((Number) Files.getAttribute(namespace.path(), "unix:ino")).longValue();
    }

    @Override
    public String toString() {
        return "netns " + name;
    }
}
