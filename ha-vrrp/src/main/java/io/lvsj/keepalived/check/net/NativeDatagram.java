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
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;

/**
 * A connected native datagram socket: UDP with fwmark/bind_if, and ICMP echo sockets
 * ({@code SOCK_DGRAM}/{@code IPPROTO_ICMP}, where the kernel owns identifier and checksum),
 * which the JDK has no API for.
 */
final class NativeDatagram implements DatagramConnection {
    static final int IPPROTO_ICMP = 1;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_ICMPV6 = 58;

    private final int fd;
    private final FdPoller poller = FdPoller.shared();
    private boolean closed;

    private NativeDatagram(int fd) {
        this.fd = fd;
    }

    static final int SOL_IP = 0;
    static final int IP_RECVERR = 11;
    static final int SOL_IPV6 = 41;
    static final int IPV6_RECVERR = 25;

    /**
     * A UDP socket that also hears "host unreachable" and other soft ICMP errors
     * ({@code IP_RECVERR}, as keepalived sets it), not only "port unreachable".
     */
    static NativeDatagram udp(NetworkContext network, Endpoint endpoint, boolean allErrors) throws IOException {
        return open(network, endpoint, IPPROTO_UDP, endpoint.port(), allErrors);
    }

    /** An ICMP (or ICMPv6) echo socket connected to the endpoint's address. */
    static NativeDatagram icmp(NetworkContext network, Endpoint endpoint) throws IOException {
        boolean v6 = endpoint.address() instanceof java.net.Inet6Address;
        return open(network, endpoint, v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP, 0, false);
    }

    private static NativeDatagram open(NetworkContext network, Endpoint endpoint, int protocol, int port,
                                       boolean allErrors) throws IOException {
        int fd;
        try {
            fd = network.openNative(Sockaddr.family(endpoint.address()), LibC.SOCK_DGRAM, protocol);
        } catch (ErrnoException e) {
            throw new SocketException(e.getMessage());
        }
        NativeDatagram socket = new NativeDatagram(fd);
        try {
            if (allErrors) {
                boolean v6 = endpoint.address() instanceof java.net.Inet6Address;
                LibC.setsockopt(fd, v6 ? SOL_IPV6 : SOL_IP, v6 ? IPV6_RECVERR : IP_RECVERR, 1);
            }
            NativeStream.applyOptions(fd, endpoint);
            socket.connect(endpoint.address(), port);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void connect(InetAddress address, int port) throws SocketException {
        try (Arena arena = Arena.ofConfined()) {
            LibC.connect(fd, Sockaddr.of(arena, address, port));
        } catch (ErrnoException e) {
            throw new SocketException(e.getMessage());
        }
    }

    @Override
    public void send(byte[] datagram) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(Math.max(1, datagram.length));
            MemorySegment.copy(datagram, 0, buffer, ValueLayout.JAVA_BYTE, 0, datagram.length);
            LibC.sendto(fd, buffer, datagram.length, LibC.MSG_DONTWAIT | NativeStream.MSG_NOSIGNAL, MemorySegment.NULL);
        } catch (ErrnoException e) {
            throw translate(e);
        }
    }

    @Override
    public int receive(byte[] buffer, long timeoutNanos) throws IOException {
        long end = System.nanoTime() + timeoutNanos;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(buffer.length);
            while (true) {
                try {
                    long n = LibC.recvfrom(fd, segment, LibC.MSG_DONTWAIT);
                    int length = (int) Math.min(n, buffer.length);
                    MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, 0, buffer, 0, length);
                    return length;
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.EAGAIN.number()) {
                        throw translate(e);
                    }
                    poller.await(fd, Epoll.EPOLLIN, end - System.nanoTime());
                }
            }
        }
    }

    private static IOException translate(ErrnoException e) {
        if (e.errno() == Errno.ECONNREFUSED.number()) {
            return new PortUnreachableException(e.getMessage());
        }
        if (e.errno() == Errno.EHOSTUNREACH.number() || e.errno() == Errno.ENETUNREACH.number()) {
            return new NoRouteToHostException(e.getMessage());
        }
        return new SocketException(e.getMessage());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
