package io.lvsj.keepalived.vrrp.io;

/**
 * The socket options and the {@code msghdr}/{@code cmsghdr} layout the VRRP sockets use, for
 * x86_64/aarch64 Linux. The addresses themselves are built by {@link io.lvsj.sys.Sockaddr}.
 */
final class SocketLayout {
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

    private SocketLayout() {
    }

    static int cmsgSpace(int dataLength) {
        return CMSG_HEADER + ((dataLength + 7) & ~7);
    }



}
