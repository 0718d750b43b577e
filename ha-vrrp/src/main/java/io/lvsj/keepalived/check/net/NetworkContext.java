package io.lvsj.keepalived.check.net;

import io.lvsj.sys.LibC;
import io.lvsj.sys.NetNamespace;

import io.lvsj.keepalived.script.ScriptProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The network namespace checks run in. A socket belongs to the namespace of the thread that
 * creates it, and a child process to that of the thread that starts it; checks run on virtual
 * threads, which live in the process's namespace. So in another namespace, sockets and scripts
 * are created on one long-lived platform thread that entered it, and used from anywhere.
 */
public final class NetworkContext implements AutoCloseable {
    private static final NetworkContext HOST = new NetworkContext(null, null);

    private final NetNamespace namespace;
    private final ExecutorService thread;

    private NetworkContext(NetNamespace namespace, ExecutorService thread) {
        this.namespace = namespace;
        this.thread = thread;
    }

    /** The process's own namespace: everything is created where it is asked for. */
    public static NetworkContext host() {
        return HOST;
    }

    /** Namespace {@code namespace}, entered by a platform thread of its own. */
    public static NetworkContext in(NetNamespace namespace) {
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> Thread.ofPlatform().daemon()
                .name("lvsj-netns-" + namespace.name())
                .unstarted(() -> {
                    int fd = LibC.open(namespace.path().toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
                    try {
                        LibC.setns(fd, LibC.CLONE_NEWNET);
                    } finally {
                        LibC.close(fd);
                    }
                    task.run();
                }));
        NetworkContext context = new NetworkContext(namespace, executor);
        context.call(() -> null); // enter now, so a missing namespace fails here and not in a check
        return context;
    }

    /** Runs {@code action} in this namespace and returns its result. */
    public <T> T call(Callable<T> action) {
        if (thread == null) {
            try {
                return action.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Future<T> result = thread.submit(action);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(false);
            throw new IllegalStateException("interrupted while waiting for namespace " + namespace.name(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    public SocketChannel openStream(InetAddress forAddress) throws IOException {
        try {
            return call(() -> SocketChannel.open(family(forAddress)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public DatagramChannel openDatagram(InetAddress forAddress) throws IOException {
        try {
            return call(() -> DatagramChannel.open(family(forAddress)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A native non-blocking, close-on-exec socket. */
    public int openNative(int domain, int type, int protocol) {
        return call(() -> LibC.socket(domain, type | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, protocol));
    }

    /** Starts a script in this namespace, as keepalived does ({@link ScriptProcess}). */
    public Process startScript(java.util.List<String> command, java.util.Optional<String> user,
                               java.util.Optional<String> group) throws IOException {
        return ScriptProcess.start(command, user, group, namespace);
    }

    private static StandardProtocolFamily family(InetAddress address) {
        return address instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    public String name() {
        return namespace == null ? "host" : namespace.name();
    }

    /** The namespace, or null for the process's own. */
    public NetNamespace namespace() {
        return namespace;
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
