package io.lvsj.netlink;

import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.LibC;
import io.lvsj.sys.NetNamespace;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A netlink socket: the thin I/O shell under {@link NetlinkChannel}. It sends whole buffers
 * of messages and receives one datagram at a time into a buffer it owns and reuses. It is not
 * thread-safe; {@link NetlinkChannel} serialises access.
 */
public final class NetlinkSocket implements AutoCloseable {
    /**
     * Big enough for any datagram the kernel sends: dump chunks are capped near 32 KiB
     * ({@code netlink_recvmsg} limits {@code max_recvmsg_len}); replies and ACKs are smaller.
     */
    private static final int RECEIVE_BUFFER = 64 * 1024;
    /** Kernel socket buffers we ask for, so that a large batch's ACKs and errors are never dropped. */
    private static final int KERNEL_BUFFER = 8 * 1024 * 1024;
    private static final int SOCKADDR_NL_LENGTH = 12;

    private final int fd;
    private final int portId;
    private final int protocol;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment receiveSegment;
    /**
     * Where received datagrams are handed out from. Decoding reads a message's attributes many
     * times over; from a heap array that costs half what it costs through a segment-backed
     * buffer (measured on IPVS destination dumps in the lab), so one bulk copy per datagram pays.
     */
    private final byte[] receiveArray = new byte[RECEIVE_BUFFER];
    private final MemorySegment kernelAddress;
    private final int receiveBufferSize;
    private volatile boolean closed;

    private NetlinkSocket(int fd, int protocol) {
        this.fd = fd;
        this.protocol = protocol;
        this.receiveSegment = arena.allocate(RECEIVE_BUFFER, 8);
        this.kernelAddress = sockaddrNl(arena, 0);
        LibC.bind(fd, kernelAddress);
        MemorySegment own = arena.allocate(SOCKADDR_NL_LENGTH, 4);
        LibC.getsockname(fd, own);
        this.portId = own.get(JAVA_INT, 4);
        this.receiveBufferSize = configure(fd);
    }

    /** Opens a socket for a netlink protocol ({@link Netlink#NETLINK_GENERIC}, {@link Netlink#NETLINK_ROUTE}). */
    public static NetlinkSocket open(int protocol) {
        int fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        try {
            return new NetlinkSocket(fd, protocol);
        } catch (RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    /** Opens a socket that talks to the kernel of network namespace {@code namespace}. */
    public static NetlinkSocket open(int protocol, NetNamespace namespace) {
        return namespace == null ? open(protocol) : namespace.call(() -> open(protocol));
    }

    private static int configure(int fd) {
        // Errors name only the request's header instead of echoing it, and carry the
        // kernel's explanatory text where it has one. Kernels older than 4.12 lack
        // extended ACKs; that is fine, we just get no text.
        trySetNetlinkOption(fd, Netlink.NETLINK_CAP_ACK);
        trySetNetlinkOption(fd, Netlink.NETLINK_EXT_ACK);
        trySetBuffer(fd, LibC.SO_SNDBUFFORCE, LibC.SO_SNDBUF);
        trySetBuffer(fd, LibC.SO_RCVBUFFORCE, LibC.SO_RCVBUF);
        LibC.setsockoptTimeval(fd, LibC.SO_RCVTIMEO, 30_000);
        return LibC.getsockoptInt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF);
    }

    private static void trySetNetlinkOption(int fd, int option) {
        try {
            LibC.setsockopt(fd, Netlink.SOL_NETLINK, option, 1);
        } catch (ErrnoException ignored) {
            // An older kernel; the option is an improvement, not a requirement.
        }
    }

    private static void trySetBuffer(int fd, int forced, int plain) {
        try {
            LibC.setsockopt(fd, LibC.SOL_SOCKET, forced, KERNEL_BUFFER);
        } catch (ErrnoException notRoot) {
            LibC.setsockopt(fd, LibC.SOL_SOCKET, plain, KERNEL_BUFFER); // capped at net.core.*mem_max
        }
    }

    private static MemorySegment sockaddrNl(Arena arena, int groups) {
        MemorySegment address = arena.allocate(SOCKADDR_NL_LENGTH, 4);
        address.set(JAVA_SHORT, 0, (short) LibC.AF_NETLINK);
        address.set(JAVA_INT, 4, 0);       // port id 0 = the kernel
        address.set(JAVA_INT, 8, groups);
        return address;
    }

    /** The port id the kernel gave this socket. */
    public int portId() {
        return portId;
    }

    public int protocol() {
        return protocol;
    }

    /** The kernel's receive buffer size for this socket, in bytes (as the kernel accounts it). */
    public int receiveBufferSize() {
        return receiveBufferSize;
    }

    /**
     * Sets the receive buffer (the kernel doubles it and keeps a minimum): a daemon that wants
     * less memory, or a test that wants the buffer to overflow.
     */
    public void receiveBuffer(int bytes) {
        LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, bytes);
    }

    /** Sets how long {@link #receive} waits before failing with EAGAIN. */
    public void receiveTimeoutMillis(long millis) {
        LibC.setsockoptTimeval(fd, LibC.SO_RCVTIMEO, millis);
    }

    /** Joins a multicast group (rtnetlink and genl notifications). */
    public void joinGroup(int group) {
        LibC.setsockopt(fd, Netlink.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, group);
    }

    /**
     * Sends the bytes between {@code messages}' position and limit to the kernel in one
     * datagram. {@code messages} must be a direct buffer.
     */
    public void send(ByteBuffer messages) {
        checkOpen();
        MemorySegment segment = MemorySegment.ofBuffer(messages);
        long sent = LibC.sendto(fd, segment, segment.byteSize(), 0, kernelAddress);
        if (sent != segment.byteSize()) {
            throw new IllegalStateException("netlink sent " + sent + " of " + segment.byteSize() + " bytes");
        }
    }

    /**
     * Receives one datagram and returns it as a buffer in host byte order. The buffer is
     * this socket's own and is overwritten by the next call: decode it before receiving again.
     *
     * @throws ErrnoException EAGAIN when nothing arrived within the receive timeout,
     *                        ENOBUFS when the kernel had to drop messages for us
     */
    public ByteBuffer receive() {
        checkOpen();
        long length = LibC.recvfrom(fd, receiveSegment, LibC.MSG_TRUNC);
        if (length > receiveSegment.byteSize()) {
            throw new IllegalStateException("netlink datagram of " + length + " bytes truncated to "
                    + receiveSegment.byteSize());
        }
        MemorySegment.copy(receiveSegment, JAVA_BYTE, 0, receiveArray, 0, (int) length);
        return ByteBuffer.wrap(receiveArray, 0, (int) length).slice().order(ByteOrder.nativeOrder());
    }

    /** Whether a datagram is waiting, waiting at most {@code millis} (0 = just look). */
    public boolean readable(int millis) {
        checkOpen();
        return LibC.pollReadable(fd, millis);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("netlink socket is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LibC.close(fd);
        arena.close();
    }
}
