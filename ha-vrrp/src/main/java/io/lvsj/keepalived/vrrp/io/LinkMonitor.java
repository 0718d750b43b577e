package io.lvsj.keepalived.vrrp.io;

import io.lvsj.netlink.MessageReader;
import io.lvsj.netlink.Netlink;
import io.lvsj.netlink.NetlinkMessage;
import io.lvsj.netlink.NetlinkSocket;
import io.lvsj.netlink.sys.ErrnoException;

import java.nio.ByteBuffer;

/**
 * Listens to the kernel's link and address notifications (rtnetlink groups LINK, IPV4_IFADDR
 * and IPV6_IFADDR), as keepalived's netlink reflector does, and hands each change to a
 * listener. It runs on a thread of its own (the caller's, inside {@link #run}) so the VRRP
 * thread never reads netlink; the listener should just queue work for the VRRP thread.
 */
public final class LinkMonitor implements Runnable, AutoCloseable {
    private static final int RTNLGRP_LINK = 1;
    private static final int RTNLGRP_IPV4_IFADDR = 5;
    private static final int RTNLGRP_IPV6_IFADDR = 9;

    /** Receives changes, on the monitor's thread. */
    public interface Listener {
        void linkChanged(HostNetwork.Link link);

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
                        case NetlinkHostNetwork.RTM_NEWLINK -> listener.linkChanged(NetlinkHostNetwork.link(m));
                        case NetlinkHostNetwork.RTM_NEWADDR ->
                                listener.addressChanged(NetlinkHostNetwork.address(m), true);
                        case NetlinkHostNetwork.RTM_DELADDR ->
                                listener.addressChanged(NetlinkHostNetwork.address(m), false);
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

    /** Stops listening within a fifth of a second. */
    @Override
    public void close() {
        running = false;
    }
}
