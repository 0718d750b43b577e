package io.lvsj.ctnl;

import io.lvsj.netlink.MessageReader;
import io.lvsj.netlink.Netlink;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.netlink.NetlinkMessage;
import io.lvsj.netlink.NetlinkSocket;
import io.lvsj.sys.Errno;
import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.NetNamespace;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Listens to conntrack events ({@code conntrack -E}): entries made, updated (state or status
 * changes, not every packet) and destroyed. A thin shell over {@link CtnlCodec#decode}; use it
 * from one thread. The kernel sends each event in a datagram of its own; {@link #poll} takes
 * what has queued up, so a burst is handled as one batch.
 */
public final class ConntrackMonitor implements AutoCloseable {
    /**
     * The receive buffer asked for: a burst of new connections makes one event each (about
     * 1 KB of buffer a piece as the kernel accounts it), faster than any reader for a moment.
     */
    private static final int EVENT_BUFFER = 32 * 1024 * 1024;
    private final NetlinkSocket socket;

    private ConntrackMonitor(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Subscribes to the events of {@code kinds} in {@code namespace} (the caller's when {@code null}). */
    public static ConntrackMonitor open(NetNamespace namespace, Set<ConntrackEvent.Kind> kinds) {
        NetlinkSocket socket;
        try {
            socket = NetlinkSocket.open(Netlink.NETLINK_NETFILTER, namespace);
        } catch (ErrnoException e) {
            throw new NetlinkException("open a ctnetlink socket", e.errno(), null, e);
        }
        try {
            socket.receiveBuffer(EVENT_BUFFER);
            for (ConntrackEvent.Kind k : kinds) {
                socket.joinGroup(switch (k) {
                    case NEW -> Ctnl.NFNLGRP_CONNTRACK_NEW;
                    case UPDATE -> Ctnl.NFNLGRP_CONNTRACK_UPDATE;
                    case DESTROY -> Ctnl.NFNLGRP_CONNTRACK_DESTROY;
                });
            }
        } catch (ErrnoException e) {
            socket.close();
            throw new NetlinkException("listen to conntrack events " + kinds, e.errno(), null, e);
        }
        return new ConntrackMonitor(socket);
    }

    /**
     * Waits up to {@code timeoutMillis} for events, then returns every one already queued, up
     * to {@code maxDatagrams} datagrams (empty on timeout). Lost events come back as one
     * {@link ConntrackEvent.Overrun}; a datagram that is not netlink as one
     * {@link ConntrackEvent.Rejected}.
     */
    public List<ConntrackEvent> poll(int timeoutMillis, int maxDatagrams) {
        List<ConntrackEvent> events = new ArrayList<>();
        try {
            if (!socket.readable(timeoutMillis)) {
                return events;
            }
            int datagrams = 0;
            do {
                receiveOne(events);
            } while (++datagrams < maxDatagrams && socket.readable(0));
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ENOBUFS.number()) {
                throw new NetlinkException("receive conntrack events", e.errno(), null, e);
            }
            events.add(new ConntrackEvent.Overrun());
        }
        return events;
    }

    private void receiveOne(List<ConntrackEvent> events) {
        List<NetlinkMessage> messages;
        try {
            messages = MessageReader.read(socket.receive());
        } catch (IllegalArgumentException notNetlink) {
            events.add(new ConntrackEvent.Rejected(CtnlRejection.MALFORMED));
            return;
        }
        for (NetlinkMessage m : messages) {
            if (m.type() >= Netlink.NLMSG_MIN_TYPE) {
                events.add(CtnlCodec.decode(m));
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
