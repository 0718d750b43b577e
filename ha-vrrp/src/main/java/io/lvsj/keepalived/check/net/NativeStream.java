package io.lvsj.keepalived.check.net;

import io.lvsj.sys.Epoll;
import io.lvsj.sys.Errno;
import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.LibC;
import io.lvsj.sys.Sockaddr;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.ConnectException;
import java.net.SocketException;

/**
 * A check connection on a native socket, for the options the JDK cannot set on its own
 * sockets: {@code fwmark} ({@code SO_MARK}) and {@code bind_if} ({@code SO_BINDTODEVICE}).
 * Non-blocking; waits go through the shared {@link FdPoller}.
 */
final class NativeStream implements StreamConnection {
    static final int SO_ERROR = 4;
    static final int SO_BINDTODEVICE = 25;
    static final int SO_MARK = 36;
    static final int MSG_NOSIGNAL = 0x4000;

    private final int fd;
    private final Deadline deadline;
    private final FdPoller poller = FdPoller.shared();
    private boolean closed;

    private NativeStream(int fd, Deadline deadline) {
        this.fd = fd;
        this.deadline = deadline;
    }

    static NativeStream connect(NetworkContext network, Endpoint endpoint, Deadline deadline) throws IOException {
        int fd = network.openNative(Sockaddr.family(endpoint.address()), LibC.SOCK_STREAM, 0);
        NativeStream stream = new NativeStream(fd, deadline);
        try {
            applyOptions(fd, endpoint);
            stream.connectTo(endpoint);
            return stream;
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** Sets mark, device and source address on a fresh socket, as keepalived's {@code socket_bind_connect} does. */
    static void applyOptions(int fd, Endpoint endpoint) throws SocketException {
        try (Arena arena = Arena.ofConfined()) {
            if (endpoint.fwmark() != 0) {
                LibC.setsockopt(fd, LibC.SOL_SOCKET, SO_MARK, endpoint.fwmark());
            }
            if (endpoint.bindInterface().isPresent()) {
                LibC.setsockopt(fd, LibC.SOL_SOCKET, SO_BINDTODEVICE, arena.allocateFrom(endpoint.bindInterface().get()));
            }
            if (endpoint.bindTo().isPresent()) {
                LibC.bind(fd, Sockaddr.of(arena, endpoint.bindTo().get(), endpoint.bindPort()));
            }
        } catch (ErrnoException e) {
            throw new SocketException(e.getMessage());
        }
    }

    private void connectTo(Endpoint endpoint) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            try {
                LibC.connect(fd, Sockaddr.of(arena, endpoint.address(), endpoint.port()));
                return;
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EINPROGRESS.number()) {
                    throw new ConnectException(e.getMessage());
                }
            }
            poller.await(fd, Epoll.EPOLLOUT, deadline.nextStepNanos());
            int error = LibC.getsockoptInt(fd, LibC.SOL_SOCKET, SO_ERROR);
            if (error != 0) {
                throw new ConnectException("connect: " + Errno.nameOf(error) + " (" + Errno.describe(error) + ")");
            }
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, 0, bytes.length);
            long sent = 0;
            while (sent < bytes.length) {
                try {
                    sent += LibC.sendto(fd, buffer.asSlice(sent), bytes.length - sent,
                            LibC.MSG_DONTWAIT | MSG_NOSIGNAL, MemorySegment.NULL);
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.EAGAIN.number()) {
                        throw new SocketException(e.getMessage());
                    }
                    poller.await(fd, Epoll.EPOLLOUT, deadline.nextStepNanos());
                }
            }
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(Math.max(1, length));
            while (true) {
                try {
                    long n = LibC.recvfrom(fd, segment, LibC.MSG_DONTWAIT);
                    if (n == 0) {
                        return -1;
                    }
                    MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, 0, buffer, offset, (int) n);
                    return (int) n;
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.EAGAIN.number()) {
                        throw new SocketException(e.getMessage());
                    }
                    poller.await(fd, Epoll.EPOLLIN, deadline.nextStepNanos());
                }
            }
        }
    }

    @Override
    public StreamConnection startTls(TlsSettings settings) throws IOException {
        throw new SocketException("SSL_GET with fwmark or bind_if is not supported by keepalived-j");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
