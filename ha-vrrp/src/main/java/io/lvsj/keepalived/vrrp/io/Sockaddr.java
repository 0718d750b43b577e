package io.lvsj.keepalived.vrrp.io;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Socket addresses, constants and ancillary-data layout for x86_64/aarch64 Linux, written
 * into native memory the shell allocated once.
 */
final class Sockaddr {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_PACKET = 17;
    static final int IN_LENGTH = 16;
    static final int IN6_LENGTH = 28;
    static final int LL_LENGTH = 20;

    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_BINDTODEVICE = 25;
    static final int SO_ATTACH_FILTER = 26;

    static final int IPPROTO_IP = 0;
    static final int IP_TOS = 1;
    static final int IP_HDRINCL = 3;
    static final int IP_MULTICAST_IF = 32;
    static final int IP_MULTICAST_LOOP = 34;
    static final int IP_ADD_MEMBERSHIP = 35;
    static final int IP_MULTICAST_ALL = 49;

    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_CHECKSUM = 7;
    static final int IPV6_MULTICAST_IF = 17;
    static final int IPV6_MULTICAST_HOPS = 18;
    static final int IPV6_MULTICAST_LOOP = 19;
    static final int IPV6_ADD_MEMBERSHIP = 20;
    static final int IPV6_MULTICAST_ALL = 29;
    static final int IPV6_RECVPKTINFO = 49;
    static final int IPV6_PKTINFO = 50;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;
    static final int IPV6_TCLASS = 67;

    static final int MSG_DONTROUTE = 0x4;
    static final int MSG_CTRUNC = 0x8;
    static final int MSG_TRUNC = 0x20;

    /** {@code struct msghdr} field offsets (LP64). */
    static final int MSGHDR_LENGTH = 56;
    static final int MSG_NAME = 0;
    static final int MSG_NAMELEN = 8;
    static final int MSG_IOV = 16;
    static final int MSG_IOVLEN = 24;
    static final int MSG_CONTROL = 32;
    static final int MSG_CONTROLLEN = 40;
    static final int MSG_FLAGS = 48;
    /** {@code struct cmsghdr}: size_t len, int level, int type, then data (8-aligned). */
    static final int CMSG_HEADER = 16;

    private Sockaddr() {
    }

    static int cmsgSpace(int dataLength) {
        return CMSG_HEADER + ((dataLength + 7) & ~7);
    }

    /** Writes a {@code sockaddr_in} (port 0) for a 4-byte address. */
    static void in(MemorySegment at, byte[] address) {
        at.fill((byte) 0);
        at.set(JAVA_SHORT, 0, (short) AF_INET);
        MemorySegment.copy(address, 0, at, JAVA_BYTE, 4, 4);
    }

    /** Writes a {@code sockaddr_in6} (port 0) for a 16-byte address and scope (interface index). */
    static void in6(MemorySegment at, byte[] address, int scopeId) {
        at.fill((byte) 0);
        at.set(JAVA_SHORT, 0, (short) AF_INET6);
        MemorySegment.copy(address, 0, at, JAVA_BYTE, 8, 16);
        at.set(JAVA_INT, 24, scopeId);
    }

    /** Writes a {@code sockaddr_ll} for sending whole frames of {@code etherType} out of {@code ifindex}. */
    static void ll(MemorySegment at, int etherType, int ifindex, byte[] destinationMac) {
        at.fill((byte) 0);
        at.set(JAVA_SHORT, 0, (short) AF_PACKET);
        at.set(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) etherType);
        at.set(JAVA_INT, 4, ifindex);
        at.set(JAVA_SHORT, 8, (short) 1); // ARPHRD_ETHER
        at.set(JAVA_BYTE, 11, (byte) 6);
        MemorySegment.copy(destinationMac, 0, at, JAVA_BYTE, 12, 6);
    }
}
