package io.lvsj.rtnl;

import io.lvsj.netlink.MessageReader;
import io.lvsj.netlink.Netlink;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.netlink.NetlinkMessage;
import io.lvsj.netlink.NetlinkSocket;
import io.lvsj.sys.Errno;
import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.NetNamespace;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Listens to rtnetlink notifications: links going up or down, addresses and routes added or
 * removed, neighbour changes. A thin shell: {@link #poll} waits for a datagram and returns
 * the decoded events ({@link #decode} and {@link RtnlCodec#decodeEvent} are the pure part). A
 * malformed notification never ends the listener: it is counted and dropped. Use it from one thread.
 */
public final class RtnlMonitor implements AutoCloseable {

    /** The notification groups ({@code RTNLGRP_*}). */
    public enum Group {
        LINK(Rtnl.RTNLGRP_LINK),
        NEIGHBOUR(Rtnl.RTNLGRP_NEIGH),
        IPV4_ADDRESS(Rtnl.RTNLGRP_IPV4_IFADDR),
        IPV4_ROUTE(Rtnl.RTNLGRP_IPV4_ROUTE),
        IPV6_ADDRESS(Rtnl.RTNLGRP_IPV6_IFADDR),
        IPV6_ROUTE(Rtnl.RTNLGRP_IPV6_ROUTE);

        final int number;

        Group(int number) {
            this.number = number;
        }
    }

    private final NetlinkSocket socket;
    private long malformed;

    private RtnlMonitor(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Subscribes to {@code groups} in {@code namespace} (the caller's when {@code null}). */
    public static RtnlMonitor open(NetNamespace namespace, Set<Group> groups) {
        NetlinkSocket socket;
        try {
            socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, namespace);
        } catch (ErrnoException e) {
            throw new NetlinkException("open an rtnetlink socket", e.errno(), null, e);
        }
        try {
            for (Group g : groups) {
                socket.joinGroup(g.number);
            }
        } catch (ErrnoException e) {
            socket.close();
            throw new NetlinkException("join rtnetlink groups " + groups, e.errno(), null, e);
        }
        return new RtnlMonitor(socket);
    }

    /**
     * Waits up to {@code timeoutMillis} for notifications and returns them (empty on timeout).
     * A lost-notification condition comes back as {@link RtnlEvent.Overrun}; so does a
     * malformed notification, which is dropped and counted in {@link #malformedMessages()}
     * (what it announced is lost, so the state must be re-read).
     */
    public List<RtnlEvent> poll(int timeoutMillis) {
        List<RtnlEvent> events = new ArrayList<>();
        try {
            if (!socket.readable(timeoutMillis)) {
                return events;
            }
            malformed += decode(socket.receive(), events);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ENOBUFS.number()) {
                throw new NetlinkException("receive rtnetlink notifications", e.errno(), null, e);
            }
            events.add(new RtnlEvent.Overrun());
        }
        return events;
    }

    /** How many malformed notifications {@link #poll} has dropped. */
    public long malformedMessages() {
        return malformed;
    }

    /**
     * Adds the events in {@code datagram} to {@code events} and returns how many messages were
     * malformed and dropped; when any were, the events end with an {@link RtnlEvent.Overrun}.
     * A datagram that cannot be split into messages counts as one. Pure code.
     */
    static int decode(ByteBuffer datagram, List<RtnlEvent> events) {
        List<NetlinkMessage> messages;
        try {
            messages = MessageReader.read(datagram);
        } catch (IllegalArgumentException e) {
            events.add(new RtnlEvent.Overrun());
            return 1;
        }
        int dropped = 0;
        for (NetlinkMessage m : messages) {
            try {
                RtnlEvent e = RtnlCodec.decodeEvent(m);
                if (e != null) {
                    events.add(e);
                }
            } catch (IllegalArgumentException e) {
                dropped++;
            }
        }
        if (dropped > 0) {
            events.add(new RtnlEvent.Overrun());
        }
        return dropped;
    }

    @Override
    public void close() {
        socket.close();
    }
}
