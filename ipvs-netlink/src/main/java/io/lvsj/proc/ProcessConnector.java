package io.lvsj.proc;

import io.lvsj.netlink.NetlinkSocket;
import io.lvsj.sys.Errno;
import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.NetNamespace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's process connector (NETLINK_CONNECTOR, CONFIG_PROC_EVENTS): forks, execs, name
 * changes and exits of every process, as they happen, which is how keepalived's
 * {@code track_process} follows processes. The kernel sends them only to sockets of the
 * initial network namespace, so the socket is opened there ({@code /proc/1/ns/net}), which
 * needs CAP_SYS_ADMIN; a daemon started inside another namespace still hears its processes.
 */
public final class ProcessConnector implements AutoCloseable {
    private static final int NETLINK_CONNECTOR = 11;
    private static final Path INITIAL_NAMESPACE = Path.of("/proc/1/ns/net");

    private final NetlinkSocket socket;

    private ProcessConnector(NetlinkSocket socket) {
        this.socket = socket;
    }

    /**
     * Subscribes to process events.
     *
     * @throws ErrnoException when the kernel has no process connector (EPROTONOSUPPORT) or
     *                        refuses the subscription
     */
    public static ProcessConnector open() {
        NetNamespace initial = Files.exists(INITIAL_NAMESPACE) ? NetNamespace.ofPath(INITIAL_NAMESPACE) : null;
        NetlinkSocket socket;
        try {
            socket = NetlinkSocket.open(NETLINK_CONNECTOR, initial);
        } catch (ErrnoException e) {
            if (initial == null || e.errno() == Errno.EPROTONOSUPPORT.number()) {
                throw e;
            }
            socket = NetlinkSocket.open(NETLINK_CONNECTOR); // not allowed into the initial namespace: try ours
        } catch (RuntimeException e) {
            socket = NetlinkSocket.open(NETLINK_CONNECTOR);
        }
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
