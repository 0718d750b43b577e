package io.lvsj.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Socket addresses as the kernel reads them (x86_64 and aarch64 Linux), written into native
 * memory: {@code sockaddr_in}, {@code sockaddr_in6}, {@code sockaddr_ll} and
 * {@code sockaddr_un}. The one place that knows their layouts; the VRRP sockets, the checkers,
 * syslog and systemd's notify socket all build theirs here.
 */
public final class Sockaddr {
    public static final int IN_LENGTH = 16;
    public static final int IN6_LENGTH = 28;
    public static final int LL_LENGTH = 20;
    /** {@code sizeof(struct sockaddr_un)}: the family and 108 bytes of path. */
    public static final int UN_MAX_LENGTH = 110;
    private static final int ARPHRD_ETHER = 1;

    private Sockaddr() {
    }

    /** {@link LibC#AF_INET6} for an IPv6 address, else {@link LibC#AF_INET}. */
    public static int family(InetAddress address) {
        return address instanceof Inet6Address ? LibC.AF_INET6 : LibC.AF_INET;
    }

    /** Writes a {@code sockaddr_in} for a 4-byte address and port into {@code at} (at least {@link #IN_LENGTH}). */
    public static void in(MemorySegment at, byte[] address, int port) {
        at.fill((byte) 0);
        at.set(JAVA_SHORT, 0, (short) LibC.AF_INET);
        at.set(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) port);
        MemorySegment.copy(address, 0, at, JAVA_BYTE, 4, 4);
    }

    /** Writes a {@code sockaddr_in6} for a 16-byte address, port and scope (an interface index). */
    public static void in6(MemorySegment at, byte[] address, int port, int scopeId) {
        at.fill((byte) 0);
        at.set(JAVA_SHORT, 0, (short) LibC.AF_INET6);
        at.set(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) port);
        MemorySegment.copy(address, 0, at, JAVA_BYTE, 8, 16);
        at.set(JAVA_INT, 24, scopeId);
    }

    /** A new {@code sockaddr_in} or {@code sockaddr_in6} for {@code address} and {@code port}. */
    public static MemorySegment of(Arena arena, InetAddress address, int port) {
        if (address instanceof Inet4Address) {
            MemorySegment sa = arena.allocate(IN_LENGTH, 4);
            in(sa, address.getAddress(), port);
            return sa;
        }
        MemorySegment sa = arena.allocate(IN6_LENGTH, 4);
        in6(sa, address.getAddress(), port, ((Inet6Address) address).getScopeId());
        return sa;
    }

    /** Writes a {@code sockaddr_ll} for sending whole frames of {@code etherType} out of {@code ifindex}. */
    public static void ll(MemorySegment at, int etherType, int ifindex, byte[] destinationMac) {
        at.fill((byte) 0);
        at.set(JAVA_SHORT, 0, (short) LibC.AF_PACKET);
        at.set(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) etherType);
        at.set(JAVA_INT, 4, ifindex);
        at.set(JAVA_SHORT, 8, (short) ARPHRD_ETHER);
        at.set(JAVA_BYTE, 11, (byte) 6);
        MemorySegment.copy(destinationMac, 0, at, JAVA_BYTE, 12, 6);
    }

    /**
     * The bytes of a {@code sockaddr_un} for {@code name}: the family, then the path with its
     * terminating NUL; a name that starts with '@' is an abstract socket (systemd's notation),
     * whose first byte is NUL and which has no terminator.
     */
    public static byte[] unix(String name) {
        byte[] path = name.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = path.length > 0 && path[0] == '@';
        byte[] out = new byte[2 + path.length + (abstractName ? 0 : 1)];
        if (out.length > UN_MAX_LENGTH) {
            throw new IllegalArgumentException("a unix socket path has at most 107 bytes: " + name);
        }
        out[0] = (byte) LibC.AF_UNIX; // little-endian sa_family_t on both architectures
        System.arraycopy(path, 0, out, 2, path.length);
        if (abstractName) {
            out[2] = 0;
        }
        return out;
    }

    /** {@link #unix(String)} in native memory. */
    public static MemorySegment unix(Arena arena, String name) {
        byte[] bytes = unix(name);
        MemorySegment sa = arena.allocate(bytes.length);
        MemorySegment.copy(bytes, 0, sa, JAVA_BYTE, 0, bytes.length);
        return sa;
    }
}
