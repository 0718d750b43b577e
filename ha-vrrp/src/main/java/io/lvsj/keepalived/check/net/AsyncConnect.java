package io.lvsj.keepalived.check.net;

import io.lvsj.sys.Epoll;
import io.lvsj.sys.Errno;
import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.LibC;
import io.lvsj.sys.Sockaddr;

import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A TCP connect that holds no thread while it waits: a non-blocking native socket is
 * registered with the {@link FdPoller}; the poller thread, or the caller's timeout, finishes
 * it, whichever comes first. This is keepalived's own way of checking (one event loop, a few
 * system calls per check), used for TCP_CHECK, the check that thousands of servers have.
 */
public final class AsyncConnect {
    /** How a connect ended: empty = connected, else why not. */
    public record Outcome(String failure, boolean timedOut) {
        public static final Outcome CONNECTED = new Outcome(null, false);

        public boolean connected() {
            return failure == null;
        }
    }

    private final int fd;
    private final FdPoller poller = FdPoller.shared();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Consumer<Outcome> done;
    private volatile long token;

    private AsyncConnect(int fd, Consumer<Outcome> done) {
        this.fd = fd;
        this.done = done;
    }

    /**
     * Starts connecting to {@code endpoint}; {@code done} is called exactly once, on the poller
     * thread (or at once on the caller's for an immediate result), unless {@link #timeout}
     * finishes it first.
     */
    public static AsyncConnect start(NetworkContext network, Endpoint endpoint, Consumer<Outcome> done) {
        int fd;
        try {
            fd = network.openNative(Sockaddr.family(endpoint.address()), LibC.SOCK_STREAM, 0);
        } catch (ErrnoException e) {
            AsyncConnect failed = new AsyncConnect(-1, done);
            failed.finish(new Outcome(e.getMessage(), false));
            return failed;
        }
        AsyncConnect c = new AsyncConnect(fd, done);
        try (Arena arena = Arena.ofConfined()) {
            NativeStream.applyOptions(fd, endpoint);
            int errno = LibC.tryConnect(fd, Sockaddr.of(arena, endpoint.address(), endpoint.port()));
            if (errno == 0) {
                c.finish(Outcome.CONNECTED);
            } else if (errno == Errno.EINPROGRESS.number()) {
                c.token = c.poller.watch(fd, Epoll.EPOLLOUT, events -> c.connected());
            } else {
                c.finish(new Outcome("connect: " + Errno.nameOf(errno) + " (" + Errno.describe(errno) + ")", false));
            }
        } catch (java.net.SocketException | RuntimeException e) {
            c.finish(new Outcome(e.getMessage(), false));
        }
        return c;
    }

    /**
     * The poller says the socket is writable: connected or refused. Synchronized with
     * {@link #finish}, so the descriptor is never read after a timeout closed it (its number may
     * already belong to another check's socket).
     */
    private synchronized void connected() {
        if (finished.get()) {
            return;
        }
        int error;
        try {
            error = LibC.getsockoptInt(fd, LibC.SOL_SOCKET, NativeStream.SO_ERROR);
        } catch (ErrnoException e) {
            error = e.errno();
        }
        finish(error == 0 ? Outcome.CONNECTED
                : new Outcome("connect: " + Errno.nameOf(error) + " (" + Errno.describe(error) + ")", false));
    }

    /** The caller's timeout: ends the connect as timed out unless it already ended. */
    public void timeout() {
        finish(new Outcome("timeout", true));
    }

    private synchronized void finish(Outcome outcome) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        if (fd >= 0) {
            poller.cancel(token, fd);
            LibC.close(fd);
        }
        done.accept(outcome);
    }
}
