package io.lvsj.keepalived.vrrp.io;

import io.lvsj.keepalived.vrrp.wire.GratuitousArp;
import io.lvsj.keepalived.vrrp.wire.NeighbourAdvertisement;
import io.lvsj.sys.LibC;
import io.lvsj.sys.Sockaddr;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Sends gratuitous ARPs and unsolicited neighbour advertisements as whole Ethernet frames
 * through {@code AF_PACKET} sockets, one for ARP and one for IPv6, which (like keepalived's)
 * queue nothing. Used by the VRRP thread only.
 */
public final class GratuitousSender implements AutoCloseable {
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    private static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};

    private final Arena arena = Arena.ofShared();
    private final MemorySegment frame = arena.allocate(128, 8);
    private final ByteBuffer frameBytes = frame.asByteBuffer();
    private final MemorySegment address = arena.allocate(Sockaddr.LL_LENGTH, 8);
    private int arpFd = -1;
    private int ndiscFd = -1;

    /** Opens the sockets in the calling thread's network namespace. */
    public static GratuitousSender open() {
        GratuitousSender s = new GratuitousSender();
        try {
            s.arpFd = packetSocket(GratuitousArp.ETHERTYPE_ARP);
            s.ndiscFd = packetSocket(NeighbourAdvertisement.ETHERTYPE_IPV6);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static int packetSocket(int etherType) {
        int protocol = Short.toUnsignedInt(Short.reverseBytes((short) etherType)); // htons
        int fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC | LibC.SOCK_NONBLOCK, protocol);
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment program = temp.allocate(8, 8);
            program.set(JAVA_SHORT, 0, (short) 0x06);
            program.set(JAVA_INT, 4, 0);
            MemorySegment fprog = temp.allocate(16, 8);
            fprog.set(JAVA_SHORT, 0, (short) 1);
            fprog.set(ADDRESS, 8, program);
            LibC.setsockopt(fd, SocketLayout.SOL_SOCKET, SocketLayout.SO_ATTACH_FILTER, fprog);
        } catch (RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
        return fd;
    }

    /** One gratuitous ARP for {@code vip} out of {@code ifindex}. Returns 0 or the errno. */
    public int arp(int ifindex, byte[] mac, byte[] vip) {
        int length = GratuitousArp.write(frameBytes, mac, vip);
        Sockaddr.ll(address, GratuitousArp.ETHERTYPE_ARP, ifindex, BROADCAST);
        return LibC.trySendto(arpFd, frame, length, 0, address);
    }

    /** One unsolicited NA for {@code vip}; {@code router} sets the R flag (the interface forwards). */
    public int neighbourAdvertisement(int ifindex, byte[] mac, byte[] vip, boolean router) {
        int length = NeighbourAdvertisement.write(frameBytes, mac, vip, router);
        Sockaddr.ll(address, NeighbourAdvertisement.ETHERTYPE_IPV6, ifindex, ALL_NODES_MAC);
        return LibC.trySendto(ndiscFd, frame, length, 0, address);
    }

    /**
     * Builds both kinds of frame and hands them to the kernel for interface 0, which refuses
     * them: nothing goes out, but the code and the native calls of the send path are loaded
     * and linked before the first takeover needs them.
     */
    public void warmUp() {
        byte[] mac = new byte[6];
        arp(0, mac, new byte[4]);
        neighbourAdvertisement(0, mac, new byte[16], false);
    }

    @Override
    public void close() {
        if (arpFd >= 0) {
            LibC.close(arpFd);
        }
        if (ndiscFd >= 0) {
            LibC.close(ndiscFd);
        }
        arena.close();
    }
}
