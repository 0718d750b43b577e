package io.lvsj.keepalived.vrrp.io;

import io.lvsj.netlink.Attributes;
import io.lvsj.netlink.MessageReader;
import io.lvsj.netlink.Netlink;
import io.lvsj.netlink.NetlinkMessage;
import io.lvsj.netlink.NetlinkSocket;
import io.lvsj.netlink.sys.ErrnoException;

import java.nio.ByteBuffer;

/**
 * Listens to the kernel's link and address notifications (rtnetlink groups LINK, IPV4_IFADDR
 * and IPV6_IFADDR), as keepalived's netlink reflector does, and hands each change to a
 * listener. (Requests go through ipvs-netlink's RtnlClient; only these notifications are
 * decoded here.) It runs on a thread of its own (the caller's, inside {@link #run}) so the VRRP
 * thread never reads netlink; the listener should just queue work for the VRRP thread.
 */
public final class LinkMonitor implements Runnable, AutoCloseable {
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_DELLINK = 17;
    private static final int RTM_NEWADDR = 20;
    private static final int RTM_DELADDR = 21;
    private static final int IFLA_ADDRESS = 1;
    private static final int IFLA_IFNAME = 3;
    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int IFA_LABEL = 3;
    private static final int IFA_FLAGS = 8;
    private static final int RTNLGRP_LINK = 1;
    private static final int RTNLGRP_IPV4_IFADDR = 5;
    private static final int RTNLGRP_IPV6_IFADDR = 9;

    /** Receives changes, on the monitor's thread. */
    public interface Listener {
        void linkChanged(HostNetwork.Link link);

        /** The interface was deleted. */
        default void linkRemoved(HostNetwork.Link link) {
        }

        void addressChanged(HostNetwork.Address address, boolean added);

        /** The kernel dropped notifications (ENOBUFS): the listener should re-read everything. */
        void resync();
    }

    private final NetlinkSocket socket;
    private final Listener listener;
    private volatile boolean running = true;

    private LinkMonitor(NetlinkSocket socket, Listener listener) {
        this.socket = socket;
        this.listener = listener;
    }

    /** Subscribes in the calling thread's namespace; call {@link #run} on the thread that should listen. */
    public static LinkMonitor open(Listener listener) {
        NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE);
        socket.joinGroup(RTNLGRP_LINK);
        socket.joinGroup(RTNLGRP_IPV4_IFADDR);
        socket.joinGroup(RTNLGRP_IPV6_IFADDR);
        return new LinkMonitor(socket, listener);
    }

    /** Listens until {@link #close()}; the socket is closed when this returns. */
    @Override
    public void run() {
        try {
            listen();
        } finally {
            socket.close();
        }
    }

    private void listen() {
        while (running) {
            try {
                if (!socket.readable(200)) {
                    continue;
                }
                ByteBuffer datagram = socket.receive();
                for (NetlinkMessage m : MessageReader.read(datagram)) {
                    switch (m.type()) {
                        case RTM_NEWLINK -> listener.linkChanged(link(m));
                        case RTM_DELLINK -> listener.linkRemoved(link(m));
                        case RTM_NEWADDR -> listener.addressChanged(address(m), true);
                        case RTM_DELADDR -> listener.addressChanged(address(m), false);
                        default -> {
                        }
                    }
                }
            } catch (ErrnoException e) {
                if (!running) {
                    return;
                }
                listener.resync();
            }
        }
    }

    /** Decodes an RTM_NEWLINK notification (struct ifinfomsg, then attributes). */
    static HostNetwork.Link link(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        Attributes a = m.attributesAfter(16);
        byte[] mac = a.has(IFLA_ADDRESS) ? a.bytes(IFLA_ADDRESS) : new byte[6];
        return new HostNetwork.Link(p.getInt(4), a.string(IFLA_IFNAME, "?"), p.getInt(8), mac);
    }

    /** Decodes an RTM_NEWADDR/RTM_DELADDR notification (struct ifaddrmsg, then attributes). */
    static HostNetwork.Address address(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        Attributes a = m.attributesAfter(8);
        byte[] bytes = a.has(IFA_LOCAL) ? a.bytes(IFA_LOCAL) : a.bytes(IFA_ADDRESS);
        int flags = a.has(IFA_FLAGS) ? a.u32(IFA_FLAGS) : p.get(2) & 0xff;
        return new HostNetwork.Address(p.getInt(4), bytes, p.get(1) & 0xff, p.get(3) & 0xff, flags,
                a.string(IFA_LABEL, null));
    }

    /** Stops listening within a fifth of a second. */
    @Override
    public void close() {
        running = false;
    }
}
