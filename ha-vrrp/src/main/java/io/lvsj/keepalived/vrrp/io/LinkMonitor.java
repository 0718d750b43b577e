package io.lvsj.keepalived.vrrp.io;

import io.lvsj.netlink.NetlinkException;
import io.lvsj.rtnl.RtnlEvent;
import io.lvsj.rtnl.RtnlMonitor;

import java.util.EnumSet;

/**
 * Listens to the kernel's link and address notifications (rtnetlink groups LINK, IPV4_IFADDR
 * and IPV6_IFADDR), as keepalived's netlink reflector does, and hands each change to a
 * listener in {@link HostNetwork}'s terms. ipvs-netlink's {@link RtnlMonitor} reads and decodes
 * them; this is only the thread and the translation. It runs on a thread of its own (the
 * caller's, inside {@link #run}) so the VRRP thread never reads netlink; the listener should
 * just queue work for the VRRP thread.
 */
public final class LinkMonitor implements Runnable, AutoCloseable {
    /** How long a wait lasts before {@link #close()} is noticed. */
    private static final int POLL_MILLIS = 200;

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

    private final RtnlMonitor monitor;
    private final Listener listener;
    private volatile boolean running = true;

    private LinkMonitor(RtnlMonitor monitor, Listener listener) {
        this.monitor = monitor;
        this.listener = listener;
    }

    /** Subscribes in the calling thread's namespace; call {@link #run} on the thread that should listen. */
    public static LinkMonitor open(Listener listener) {
        return new LinkMonitor(RtnlMonitor.open(null, EnumSet.of(RtnlMonitor.Group.LINK,
                RtnlMonitor.Group.IPV4_ADDRESS, RtnlMonitor.Group.IPV6_ADDRESS)), listener);
    }

    /** Listens until {@link #close()}; the socket is closed when this returns. */
    @Override
    public void run() {
        try {
            listen();
        } finally {
            monitor.close();
        }
    }

    private void listen() {
        while (running) {
            try {
                for (RtnlEvent event : monitor.poll(POLL_MILLIS)) {
                    deliver(event, listener);
                }
            } catch (NetlinkException e) {
                if (!running) {
                    return;
                }
                // Whatever went wrong with the socket, what we know may be stale: re-read it all.
                listener.resync();
            }
        }
    }

    /** Hands one notification to {@code listener}; routes and neighbours are not subscribed to. */
    static void deliver(RtnlEvent event, Listener listener) {
        switch (event) {
            case RtnlEvent.LinkChanged c -> listener.linkChanged(RtnlHostNetwork.link(c.link()));
            case RtnlEvent.LinkRemoved r -> listener.linkRemoved(RtnlHostNetwork.link(r.link()));
            case RtnlEvent.AddressAdded a -> listener.addressChanged(RtnlHostNetwork.address(a.address()), true);
            case RtnlEvent.AddressRemoved r -> listener.addressChanged(RtnlHostNetwork.address(r.address()), false);
            case RtnlEvent.Overrun _ -> listener.resync();
            case RtnlEvent.RouteAdded _, RtnlEvent.RouteRemoved _,
                 RtnlEvent.NeighbourChanged _, RtnlEvent.NeighbourRemoved _ -> {
            }
        }
    }

    /** Stops listening within a fifth of a second. */
    @Override
    public void close() {
        running = false;
    }
}
