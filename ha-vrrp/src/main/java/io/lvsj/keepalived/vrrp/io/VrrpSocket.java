package io.lvsj.keepalived.vrrp.io;

import io.lvsj.keepalived.vrrp.Reception;
import io.lvsj.keepalived.vrrp.wire.Vrrp;
import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.LibC;
import io.lvsj.sys.Sockaddr;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The raw sockets of one keepalived "sock pool" entry: adverts of one family and IP protocol
 * (112, or 51 for AH) on one interface, either multicast or bound to one unicast source. As
 * in keepalived ({@code open_vrrp_read_socket}/{@code open_vrrp_send_socket}) there is a
 * receive socket (bound to the device, joined to the group or bound to the unicast source,
 * IPv6 hop limit and destination delivered as ancillary data) and a send socket (IPv4 with
 * {@code IP_HDRINCL}, IPv6 with the kernel filling in the checksum and hop limit 255, a BPF
 * filter so it queues nothing). Buffers are native memory allocated once; sending and
 * receiving allocate nothing. Used by the VRRP thread only.
 */
public final class VrrpSocket implements AutoCloseable {
    private static final int BUFFER = 2048;

    private final boolean ipv4;
    private final int protocol;
    private final String interfaceName;
    private final int ifindex;
    private final boolean unicast;
    private final int receiveFd;
    private final int sendFd;
    /** The SO_RCVBUF value last set on the receive socket, 0 while it has the kernel's default. */
    private long receiveBufferSet;
    private final Arena arena = Arena.ofShared();

    private final MemorySegment rxBuffer = arena.allocate(BUFFER, 8);
    private final ByteBuffer rxBytes = rxBuffer.asByteBuffer();
    private final MemorySegment rxName = arena.allocate(Sockaddr.IN6_LENGTH, 8);
    private final MemorySegment rxControl = arena.allocate(256, 8);
    private final MemorySegment rxMsg = arena.allocate(SocketLayout.MSGHDR_LENGTH, 8);

    private final MemorySegment txBuffer = arena.allocate(BUFFER, 8);
    private final ByteBuffer txBytes = txBuffer.asByteBuffer();
    private final MemorySegment txName = arena.allocate(Sockaddr.IN6_LENGTH, 8);
    private final MemorySegment txControl = arena.allocate(128, 8);
    private final MemorySegment txMsg = arena.allocate(SocketLayout.MSGHDR_LENGTH, 8);
    private final MemorySegment txIov = arena.allocate(16, 8);
    private final MemorySegment rxIov = arena.allocate(16, 8);

    private VrrpSocket(boolean ipv4, int protocol, String interfaceName, int ifindex, boolean unicast,
                       int receiveFd, int sendFd) {
        this.ipv4 = ipv4;
        this.protocol = protocol;
        this.interfaceName = interfaceName;
        this.ifindex = ifindex;
        this.unicast = unicast;
        this.receiveFd = receiveFd;
        this.sendFd = sendFd;
        rxIov.set(ADDRESS, 0, rxBuffer);
        rxIov.set(JAVA_LONG, 8, BUFFER);
        txIov.set(ADDRESS, 0, txBuffer);
    }

    /**
     * Opens the sockets in the calling thread's network namespace.
     *
     * @param unicastSource our unicast source (4 or 16 bytes) to bind to, or {@code null} for multicast
     */
    public static VrrpSocket open(boolean ipv4, int protocol, String interfaceName, int ifindex, byte[] unicastSource) {
        return open(ipv4, protocol, interfaceName, ifindex, unicastSource,
                ipv4 ? Vrrp.GROUP4.getAddress() : Vrrp.GROUP6.getAddress());
    }

    /**
     * As above, a multicast socket joining {@code group} ({@code mcast_dst_ip}, {@code vrrp_mcast_group4/6})
     * rather than 224.0.0.18 / ff02::12.
     */
    public static VrrpSocket open(boolean ipv4, int protocol, String interfaceName, int ifindex, byte[] unicastSource,
                                  byte[] group) {
        int family = ipv4 ? LibC.AF_INET : LibC.AF_INET6;
        int receive = LibC.socket(family, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC | LibC.SOCK_NONBLOCK, protocol);
        int send = -1;
        try (Arena temp = Arena.ofConfined()) {
            setInt(receive, ipv4 ? SocketLayout.IPPROTO_IP : SocketLayout.IPPROTO_IPV6,
                    ipv4 ? SocketLayout.IP_MULTICAST_ALL : SocketLayout.IPV6_MULTICAST_ALL, 0);
            if (unicastSource == null) {
                join(temp, receive, ipv4, group, ifindex);
                bindQuietly(temp, receive, ipv4, group, ifindex);
            } else {
                MemorySegment address = temp.allocate(Sockaddr.IN6_LENGTH, 8);
                if (ipv4) {
                    Sockaddr.in(address, unicastSource, 0);
                    LibC.bind(receive, address.asSlice(0, Sockaddr.IN_LENGTH));
                } else {
                    Sockaddr.in6(address, unicastSource, 0, isLinkLocal(unicastSource) ? ifindex : 0);
                    LibC.bind(receive, address);
                }
            }
            if (!ipv4) {
                setInt(receive, SocketLayout.IPPROTO_IPV6, SocketLayout.IPV6_RECVHOPLIMIT, 1);
                setInt(receive, SocketLayout.IPPROTO_IPV6, SocketLayout.IPV6_RECVPKTINFO, 1);
            }
            bindToDevice(temp, receive, interfaceName);
            if (!ipv4) {
                setInt(receive, SocketLayout.IPPROTO_IPV6, SocketLayout.IPV6_CHECKSUM, 6);
            }

            send = LibC.socket(family, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC | LibC.SOCK_NONBLOCK, protocol);
            setInt(send, SocketLayout.SOL_SOCKET, SocketLayout.SO_RCVBUF, 0);
            setInt(send, ipv4 ? SocketLayout.IPPROTO_IP : SocketLayout.IPPROTO_IPV6,
                    ipv4 ? SocketLayout.IP_MULTICAST_ALL : SocketLayout.IPV6_MULTICAST_ALL, 0);
            if (ipv4) {
                setInt(send, SocketLayout.IPPROTO_IP, SocketLayout.IP_HDRINCL, 1);
            } else {
                setInt(send, SocketLayout.IPPROTO_IPV6, SocketLayout.IPV6_CHECKSUM, 6);
                if (unicastSource == null) {
                    setInt(send, SocketLayout.IPPROTO_IPV6, SocketLayout.IPV6_MULTICAST_HOPS, Vrrp.TTL);
                }
            }
            bindToDevice(temp, send, interfaceName);
            if (unicastSource == null) {
                if (ipv4) {
                    MemorySegment mreqn = temp.allocate(12, 4);
                    mreqn.set(JAVA_INT, 8, ifindex);
                    LibC.setsockopt(send, SocketLayout.IPPROTO_IP, SocketLayout.IP_MULTICAST_IF, mreqn);
                    setInt(send, SocketLayout.IPPROTO_IP, SocketLayout.IP_MULTICAST_LOOP, 0);
                } else {
                    setInt(send, SocketLayout.IPPROTO_IPV6, SocketLayout.IPV6_MULTICAST_IF, ifindex);
                    setInt(send, SocketLayout.IPPROTO_IPV6, SocketLayout.IPV6_MULTICAST_LOOP, 0);
                }
            }
            if (ipv4) {
                setInt(send, SocketLayout.IPPROTO_IP, SocketLayout.IP_TOS, Vrrp.TOS_NETWORK_CONTROL);
            } else {
                setInt(send, SocketLayout.IPPROTO_IPV6, SocketLayout.IPV6_TCLASS, Vrrp.TOS_NETWORK_CONTROL);
            }
            receiveNothing(temp, send);
            return new VrrpSocket(ipv4, protocol, interfaceName, ifindex, unicastSource != null, receive, send);
        } catch (RuntimeException e) {
            LibC.close(receive);
            if (send >= 0) {
                LibC.close(send);
            }
            throw e;
        }
    }

    /**
     * Sets the receive socket's buffer as keepalived does ({@code SO_RCVBUF}, which the kernel
     * doubles and bounds by {@code net.core.rmem_max}); 0 puts back the kernel's default
     * ({@code net.core.rmem_default}, which keepalived's socket, opened again at a reload, would
     * have). Does nothing when the value is the one already set.
     *
     * @throws ErrnoException when the kernel refuses it
     */
    public void receiveBuffer(long bytes) {
        if (bytes == receiveBufferSet) {
            return;
        }
        int value = (int) Math.min(Integer.MAX_VALUE, bytes);
        if (bytes == 0) {
            value = Math.max(1, defaultReceiveBuffer() / 2); // the kernel doubles what it is given
        }
        setInt(receiveFd, SocketLayout.SOL_SOCKET, SocketLayout.SO_RCVBUF, value);
        receiveBufferSet = bytes;
    }

    /** The receive socket's buffer as the kernel reports it ({@code getsockopt SO_RCVBUF}). */
    public int receiveBufferSize() {
        return LibC.getsockoptInt(receiveFd, SocketLayout.SOL_SOCKET, SocketLayout.SO_RCVBUF);
    }

    /** {@code net.core.rmem_default} of the calling thread's namespace (the socket's). */
    private static int defaultReceiveBuffer() {
        try {
            return Integer.parseInt(new io.lvsj.sys.Sysctl(null).read("net.core.rmem_default"));
        } catch (io.lvsj.sys.Sysctl.SysctlException | NumberFormatException e) {
            return 212_992; // Linux's default
        }
    }

    private static boolean isLinkLocal(byte[] a) {
        return a.length == 16 && (a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0x80;
    }

    private static void setInt(int fd, int level, int name, int value) {
        LibC.setsockopt(fd, level, name, value);
    }

    private static void join(Arena temp, int fd, boolean ipv4, byte[] group, int ifindex) {
        if (ipv4) {
            MemorySegment mreqn = temp.allocate(12, 4);
            MemorySegment.copy(group, 0, mreqn, JAVA_BYTE, 0, 4);
            mreqn.set(JAVA_INT, 8, ifindex);
            LibC.setsockopt(fd, SocketLayout.IPPROTO_IP, SocketLayout.IP_ADD_MEMBERSHIP, mreqn);
        } else {
            MemorySegment mreq = temp.allocate(20, 4);
            MemorySegment.copy(group, 0, mreq, JAVA_BYTE, 0, 16);
            mreq.set(JAVA_INT, 16, ifindex);
            LibC.setsockopt(fd, SocketLayout.IPPROTO_IPV6, SocketLayout.IPV6_ADD_MEMBERSHIP, mreq);
        }
    }

    /** Binding to the group stops unicast packets arriving on a multicast socket; keepalived carries on if it fails. */
    private static void bindQuietly(Arena temp, int fd, boolean ipv4, byte[] group, int ifindex) {
        MemorySegment address = temp.allocate(Sockaddr.IN6_LENGTH, 8);
        try {
            if (ipv4) {
                Sockaddr.in(address, group, 0);
                LibC.bind(fd, address.asSlice(0, Sockaddr.IN_LENGTH));
            } else {
                Sockaddr.in6(address, group, 0, ifindex);
                LibC.bind(fd, address);
            }
        } catch (ErrnoException e) {
            // The multicast/unicast check on receipt discards what the bind would have kept out.
        }
    }

    private static void bindToDevice(Arena temp, int fd, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        MemorySegment value = temp.allocate(bytes.length + 1);
        MemorySegment.copy(bytes, 0, value, JAVA_BYTE, 0, bytes.length);
        LibC.setsockopt(fd, SocketLayout.SOL_SOCKET, SocketLayout.SO_BINDTODEVICE, value);
    }

    /** A classic BPF program "ret #0": the send socket never queues anything. */
    private static void receiveNothing(Arena temp, int fd) {
        MemorySegment program = temp.allocate(8, 8);
        program.set(JAVA_SHORT, 0, (short) 0x06); // BPF_RET | BPF_K
        program.set(JAVA_INT, 4, 0);
        MemorySegment fprog = temp.allocate(16, 8);
        fprog.set(JAVA_SHORT, 0, (short) 1);
        fprog.set(ADDRESS, 8, program);
        LibC.setsockopt(fd, SocketLayout.SOL_SOCKET, SocketLayout.SO_ATTACH_FILTER, fprog);
    }

    public boolean isIpv4() {
        return ipv4;
    }

    public int protocol() {
        return protocol;
    }

    public String interfaceName() {
        return interfaceName;
    }

    public int ifindex() {
        return ifindex;
    }

    public boolean isUnicast() {
        return unicast;
    }

    /** The descriptor to poll for incoming adverts. */
    public int receiveFd() {
        return receiveFd;
    }

    /** The buffer a send is written into (index 0 onwards) before {@link #send}. */
    public ByteBuffer sendBuffer() {
        return txBytes;
    }

    /**
     * Receives one queued datagram into {@code in}; false when none is queued. Truncated
     * datagrams are skipped (keepalived logs and drops them).
     */
    public boolean receive(Reception in) {
        while (true) {
            rxMsg.fill((byte) 0);
            rxMsg.set(ADDRESS, SocketLayout.MSG_NAME, rxName);
            rxMsg.set(JAVA_INT, SocketLayout.MSG_NAMELEN, Sockaddr.IN6_LENGTH);
            rxMsg.set(ADDRESS, SocketLayout.MSG_IOV, rxIov);
            rxMsg.set(JAVA_LONG, SocketLayout.MSG_IOVLEN, 1);
            rxMsg.set(ADDRESS, SocketLayout.MSG_CONTROL, rxControl);
            rxMsg.set(JAVA_LONG, SocketLayout.MSG_CONTROLLEN, rxControl.byteSize());
            long n = LibC.tryRecvmsg(receiveFd, rxMsg, SocketLayout.MSG_TRUNC);
            if (n < 0) {
                return false;
            }
            if (n > BUFFER || (rxMsg.get(JAVA_INT, SocketLayout.MSG_FLAGS) & SocketLayout.MSG_TRUNC) != 0) {
                continue;
            }
            if (!in.view.wrap(rxBytes, (int) n, ipv4)) {
                continue;
            }
            in.ttl = -1;
            if (ipv4) {
                rxBytes.get(12, in.source4);
                in.ttl = in.view.ipTtl();
                in.multicast = in.view.ipv4DestinationIsMulticast();
            } else {
                MemorySegment.copy(rxName, JAVA_BYTE, 8, in.source6, 0, 16);
                in.multicast = false;
                readControl(in);
            }
            return true;
        }
    }

    private void readControl(Reception in) {
        long length = rxMsg.get(JAVA_LONG, SocketLayout.MSG_CONTROLLEN);
        long at = 0;
        while (at + SocketLayout.CMSG_HEADER <= length) {
            long cmsgLength = rxControl.get(JAVA_LONG, at);
            int level = rxControl.get(JAVA_INT, at + 8);
            int type = rxControl.get(JAVA_INT, at + 12);
            if (cmsgLength < SocketLayout.CMSG_HEADER) {
                break;
            }
            if (level == SocketLayout.IPPROTO_IPV6 && type == SocketLayout.IPV6_HOPLIMIT) {
                in.ttl = rxControl.get(JAVA_INT, at + SocketLayout.CMSG_HEADER);
            } else if (level == SocketLayout.IPPROTO_IPV6 && type == SocketLayout.IPV6_PKTINFO) {
                in.multicast = (rxControl.get(JAVA_BYTE, at + SocketLayout.CMSG_HEADER) & 0xff) == 0xff;
            }
            at += (cmsgLength + 7) & ~7L;
        }
    }

    /**
     * Sends the first {@code length} bytes of {@link #sendBuffer()} to {@code destination}.
     * IPv6 passes our source and interface as {@code IPV6_PKTINFO}, and for unicast the hop
     * limit ({@code unicast_ttl}). Returns 0 or the errno.
     */
    public int send(int length, byte[] destination, byte[] ipv6Source, int unicastHopLimit) {
        txIov.set(JAVA_LONG, 8, length);
        if (ipv4) {
            Sockaddr.in(txName, destination, 0);
            return LibC.trySendto(sendFd, txBuffer, length, unicast ? 0 : SocketLayout.MSG_DONTROUTE,
                    txName.asSlice(0, Sockaddr.IN_LENGTH));
        }
        Sockaddr.in6(txName, destination, 0, isLinkLocal(destination) || !unicast ? ifindex : 0);
        txControl.fill((byte) 0);
        int control = SocketLayout.cmsgSpace(20);
        txControl.set(JAVA_LONG, 0, SocketLayout.CMSG_HEADER + 20);
        txControl.set(JAVA_INT, 8, SocketLayout.IPPROTO_IPV6);
        txControl.set(JAVA_INT, 12, SocketLayout.IPV6_PKTINFO);
        if (ipv6Source != null) {
            MemorySegment.copy(ipv6Source, 0, txControl, JAVA_BYTE, SocketLayout.CMSG_HEADER, 16);
        }
        txControl.set(JAVA_INT, SocketLayout.CMSG_HEADER + 16, ifindex);
        if (unicast && unicastHopLimit >= 0) {
            txControl.set(JAVA_LONG, control, SocketLayout.CMSG_HEADER + 4);
            txControl.set(JAVA_INT, control + 8, SocketLayout.IPPROTO_IPV6);
            txControl.set(JAVA_INT, control + 12, SocketLayout.IPV6_HOPLIMIT);
            txControl.set(JAVA_INT, control + SocketLayout.CMSG_HEADER, unicastHopLimit);
            control += SocketLayout.cmsgSpace(4);
        }
        txMsg.fill((byte) 0);
        txMsg.set(ADDRESS, SocketLayout.MSG_NAME, txName);
        txMsg.set(JAVA_INT, SocketLayout.MSG_NAMELEN, Sockaddr.IN6_LENGTH);
        txMsg.set(ADDRESS, SocketLayout.MSG_IOV, txIov);
        txMsg.set(JAVA_LONG, SocketLayout.MSG_IOVLEN, 1);
        txMsg.set(ADDRESS, SocketLayout.MSG_CONTROL, txControl);
        txMsg.set(JAVA_LONG, SocketLayout.MSG_CONTROLLEN, control);
        return LibC.trySendmsg(sendFd, txMsg, 0);
    }

    @Override
    public void close() {
        LibC.close(receiveFd);
        LibC.close(sendFd);
        arena.close();
    }

    @Override
    public String toString() {
        return "VRRP sockpool: [" + interfaceName + " (" + ifindex + "), IPv" + (ipv4 ? 4 : 6) + ", proto " + protocol
                + (unicast ? ", unicast]" : ", multicast]");
    }
}
