package io.lvsj.keepalived.bfd;

import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.LibC;
import io.lvsj.sys.Sockaddr;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * BFD's UDP sockets as keepalived opens them ({@code bfd_open_fd_in}, {@code bfd_open_fd_out}):
 * one listening on port 3784 of every address (IPv6 and IPv4 alike), reporting each packet's
 * TTL or hop limit; and per session one to send from, bound to the session's source address
 * on a free port of 49152..65535 (RFC 5881), sending with the session's TTL. In the calling
 * thread's network namespace; used by one thread.
 */
final class BfdSockets implements AutoCloseable {
    static final int CONTROL_PORT = 3784;
    private static final int IPPROTO_IP = 0;
    private static final int IP_TTL = 2;
    private static final int IP_RECVTTL = 12;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_UNICAST_HOPS = 16;
    private static final int IPV6_V6ONLY = 26;
    private static final int IPV6_RECVHOPLIMIT = 51;
    private static final int IPV6_HOPLIMIT = 52;
    private static final int MSGHDR = 56;

    /** A packet as it arrived: who sent it, with which TTL (0: unknown), and its bytes in {@link #data()}. */
    record Received(InetAddress source, int ttl, int length) {
    }

    private final Arena arena = Arena.ofShared();
    private final int listener;
    private final MemorySegment rx = arena.allocate(512, 8);
    private final MemorySegment name = arena.allocate(Sockaddr.IN6_LENGTH, 8);
    private final MemorySegment control = arena.allocate(128, 8);
    private final MemorySegment iov = arena.allocate(16, 8);
    private final MemorySegment msg = arena.allocate(MSGHDR, 8);
    private final MemorySegment tx = arena.allocate(BfdPacket.LENGTH, 8);
    private final MemorySegment to = arena.allocate(Sockaddr.IN6_LENGTH, 8);

    private BfdSockets(int listener) {
        this.listener = listener;
        iov.set(ADDRESS, 0, rx);
        iov.set(JAVA_LONG, 8, rx.byteSize());
    }

    /** Listens on [::]:3784 (IPv4 too); a host without IPv6 gets 0.0.0.0:3784. */
    static BfdSockets open() {
        int fd;
        try {
            fd = LibC.socket(LibC.AF_INET6, 2 /* SOCK_DGRAM */ | LibC.SOCK_CLOEXEC | LibC.SOCK_NONBLOCK, 17);
            LibC.setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, 0);
            LibC.setsockopt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
        } catch (ErrnoException noIpv6) {
            fd = LibC.socket(LibC.AF_INET, 2 | LibC.SOCK_CLOEXEC | LibC.SOCK_NONBLOCK, 17);
        }
        try (Arena temp = Arena.ofConfined()) {
            LibC.setsockopt(fd, IPPROTO_IP, IP_RECVTTL, 1);
            boolean ipv6 = isIpv6(fd);
            MemorySegment any = temp.allocate(Sockaddr.IN6_LENGTH, 8);
            if (ipv6) {
                Sockaddr.in6(any, new byte[16], CONTROL_PORT, 0);
                LibC.bind(fd, any);
            } else {
                Sockaddr.in(any, new byte[4], CONTROL_PORT);
                LibC.bind(fd, any.asSlice(0, Sockaddr.IN_LENGTH));
            }
            return new BfdSockets(fd);
        } catch (RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    private static boolean isIpv6(int fd) {
        try {
            LibC.setsockopt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
            return true;
        } catch (ErrnoException e) {
            return false;
        }
    }

    int listenerFd() {
        return listener;
    }

    /** The next queued packet, or {@code null} when none is queued. */
    Received receive() {
        msg.fill((byte) 0);
        msg.set(ADDRESS, 0, name);
        msg.set(JAVA_INT, 8, (int) name.byteSize());
        msg.set(ADDRESS, 16, iov);
        msg.set(JAVA_LONG, 24, 1);
        msg.set(ADDRESS, 32, control);
        msg.set(JAVA_LONG, 40, control.byteSize());
        long n = LibC.tryRecvmsg(listener, msg, 0);
        if (n < 0) {
            return null;
        }
        return new Received(source(), ttl(), (int) n);
    }

    /** The bytes of the last packet received. */
    ByteBuffer data() {
        return rx.asByteBuffer();
    }

    private InetAddress source() {
        byte[] address;
        if (name.get(JAVA_SHORT, 0) == LibC.AF_INET) {
            address = new byte[4];
            MemorySegment.copy(name, JAVA_BYTE, 4, address, 0, 4);
        } else {
            byte[] six = new byte[16];
            MemorySegment.copy(name, JAVA_BYTE, 8, six, 0, 16);
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= six[i] == 0;
            }
            mapped &= six[10] == (byte) 0xff && six[11] == (byte) 0xff;
            address = mapped ? java.util.Arrays.copyOfRange(six, 12, 16) : six;
        }
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private int ttl() {
        long length = msg.get(JAVA_LONG, 40);
        long at = 0;
        while (at + 16 <= length) {
            long cmsgLength = control.get(JAVA_LONG, at);
            if (cmsgLength < 16) {
                break;
            }
            int level = control.get(JAVA_INT, at + 8);
            int type = control.get(JAVA_INT, at + 12);
            if ((level == IPPROTO_IP && type == IP_TTL) || (level == IPPROTO_IPV6 && type == IPV6_HOPLIMIT)) {
                return control.get(JAVA_INT, at + 16);
            }
            at += (cmsgLength + 7) & ~7L;
        }
        return 0;
    }

    /**
     * A socket to send one session's packets from: bound to {@code source} (when given) on a
     * free port of 49152..65535, sending with {@code ttl}.
     */
    static int openSender(InetAddress neighbor, InetAddress source, int ttl) {
        boolean ipv4 = neighbor instanceof Inet4Address;
        int fd = LibC.socket(ipv4 ? LibC.AF_INET : LibC.AF_INET6, 2 | LibC.SOCK_CLOEXEC | LibC.SOCK_NONBLOCK, 17);
        try (Arena temp = Arena.ofConfined()) {
            if (source != null) {
                int first = ThreadLocalRandom.current().nextInt(49152, 65536);
                int port = first;
                while (true) {
                    MemorySegment at = Sockaddr.of(temp, source, port);
                    try {
                        LibC.bind(fd, at);
                        break;
                    } catch (ErrnoException e) {
                        port = port == 65535 ? 49152 : port + 1;
                        if (port == first) {
                            throw e;
                        }
                    }
                }
            }
            LibC.setsockopt(fd, ipv4 ? IPPROTO_IP : IPPROTO_IPV6, ipv4 ? IP_TTL : IPV6_UNICAST_HOPS, ttl);
            return fd;
        } catch (RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    /** Sends {@code packet} from sender {@code fd} to the neighbour's port 3784; returns 0 or the errno. */
    int send(int fd, BfdPacket packet, InetAddress neighbor) {
        ByteBuffer b = tx.asByteBuffer();
        packet.encode(b);
        MemorySegment address = to;
        int length;
        if (neighbor instanceof Inet4Address) {
            Sockaddr.in(to, neighbor.getAddress(), CONTROL_PORT);
            length = Sockaddr.IN_LENGTH;
        } else {
            Sockaddr.in6(to, neighbor.getAddress(), CONTROL_PORT, 0);
            length = Sockaddr.IN6_LENGTH;
        }
        return LibC.trySendto(fd, tx, BfdPacket.LENGTH, 0, address.asSlice(0, length));
    }

    @Override
    public void close() {
        LibC.close(listener);
        arena.close();
    }
}
