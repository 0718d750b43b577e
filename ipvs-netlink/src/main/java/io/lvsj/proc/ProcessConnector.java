package io.lvsj.proc;

import io.lvsj.netlink.NetlinkSocket;
import io.lvsj.sys.Errno;
import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.NetNamespace;

import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's process connector (NETLINK_CONNECTOR, CONFIG_PROC_EVENTS): forks, execs, name
 * changes and exits of every process, as they happen, which is how keepalived's
 * {@code track_process} follows processes. The kernel sends them only to sockets of the
 * initial network namespace, so the socket is opened there when it can be (see {@link #open()}):
 * a daemon whose threads run in another namespace still hears its processes.
 */
public final class ProcessConnector implements AutoCloseable {
    private static final int NETLINK_CONNECTOR = 11;
    private static final Path INITIAL_NAMESPACE = Path.of("/proc/1/ns/net");
    private static final Path MAIN_THREAD_NAMESPACE = Path.of("/proc/self/ns/net");

    private final NetlinkSocket socket;

    private ProcessConnector(NetlinkSocket socket) {
        this.socket = socket;
    }

    /**
     * Subscribes to process events: from the initial namespace ({@code /proc/1/ns/net}) when
     * this process may enter it, else from its main thread's ({@code /proc/self/ns/net}: a
     * daemon that moved its threads into {@code net_namespace} started there), else from the
     * calling thread's.
     *
     * @throws ErrnoException when none of them takes the subscription (a kernel without
     *                        CONFIG_PROC_EVENTS: EPROTONOSUPPORT; a namespace that is not the
     *                        initial one: ECONNREFUSED)
     */
    public static ProcessConnector open() {
        RuntimeException failure = null;
        for (Path candidate : List.of(INITIAL_NAMESPACE, MAIN_THREAD_NAMESPACE)) {
            try {
                return subscribe(NetNamespace.ofPath(candidate).call(() -> NetlinkSocket.open(NETLINK_CONNECTOR)));
            } catch (RuntimeException e) {
                failure = e; // not allowed in, or no connector there: try the next
            }
        }
        try {
            return subscribe(NetlinkSocket.open(NETLINK_CONNECTOR));
        } catch (RuntimeException e) {
            e.addSuppressed(failure);
            throw e;
        }
    }

    private static ProcessConnector subscribe(NetlinkSocket socket) {
        try {
            socket.joinGroup(ProcessEventCodec.CN_IDX_PROC);
            socket.send(ProcessEventCodec.subscription(true, socket.portId()));
            return new ProcessConnector(socket);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Waits (up to the socket's receive timeout) for the next datagram and returns its events;
     * {@link ProcessEvent.Lost} when the kernel dropped some, an empty list on timeout.
     */
    public List<ProcessEvent> next() {
        try {
            return ProcessEventCodec.decode(socket.receive());
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOBUFS.number()) {
                return List.of(new ProcessEvent.Lost());
            }
            if (e.errno() == Errno.EAGAIN.number() || e.errno() == Errno.EINTR.number()) {
                return List.of();
            }
            throw e;
        }
    }

    /** {@link #next()}, waiting at most {@code millis} for a datagram (an empty list if none came). */
    public List<ProcessEvent> next(int millis) {
        return socket.readable(millis) ? next() : List.of();
    }

    /** Unsubscribes and closes; a thread blocked in {@link #next} then returns or fails. */
    @Override
    public void close() {
        try {
            socket.send(ProcessEventCodec.subscription(false, socket.portId()));
        } catch (RuntimeException ignored) {
            // closing anyway
        }
        socket.close();
    }
}
