package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.vrrp.config.GarpPacing;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * keepalived's gratuitous ARP / NA pacing ({@code vrrp_arp.c}, {@code vrrp_ndisc.c},
 * {@code vrrp_arp_thread}), without I/O and with the time passed in (microseconds). Each
 * interface (the base interface of a VMAC) has its pace: a {@code garp_group}'s, shared by all
 * its interfaces, or a copy of the global one. An announcement may leave an interface once
 * its interval has passed since the last one left it (the first one always may); one that
 * may not is queued. Queued announcements are flags, as keepalived's are: an address queued
 * again while it waits is still one announcement. They leave, in the instances' and their
 * addresses' order, when the wake-up comes (keepalived schedules it an interval after the
 * first queuing) and their interface's time has come; the others wait for the next wake-up.
 *
 * @param <R> an instance
 * @param <A> one of its addresses
 */
final class GarpPacer<R, A> {
    static final long NEVER = Long.MAX_VALUE;
    private static final long NOT_YET = Long.MIN_VALUE;

    /** One pace, with the time the next announcement may leave (keepalived's {@code garp_delay_t}). */
    private static final class Pace {
        final long garpInterval;
        final long gnaInterval;
        long garpNext = NOT_YET;
        long gnaNext = NOT_YET;

        Pace(GarpPacing.Pace p) {
            garpInterval = micros(p.garp());
            gnaInterval = micros(p.gna());
        }

        long interval(boolean ipv6) {
            return ipv6 ? gnaInterval : garpInterval;
        }

        long next(boolean ipv6) {
            return ipv6 ? gnaNext : garpNext;
        }

        private static long micros(Optional<Duration> d) {
            return d.map(x -> x.toNanos() / 1000).orElse(-1L);
        }
    }

    private final GarpPacing config;
    private final Map<String, Pace> paces = new HashMap<>();
    private final Map<R, Set<A>> pending = new LinkedHashMap<>();
    private long wakeAt = NEVER;

    GarpPacer(GarpPacing config) {
        this.config = config;
        for (GarpPacing.Group g : config.groups()) {
            Pace shared = new Pace(g.pace());
            g.interfaces().forEach(name -> paces.putIfAbsent(name, shared));
        }
    }

    boolean isPaced() {
        return config.isPaced();
    }

    /** The pace of {@code device}: its group's, else a copy of the global one, else none. */
    private Pace pace(String device) {
        Pace p = paces.get(device);
        if (p == null && config.defaults().isPaced()) {
            p = new Pace(config.defaults());
            paces.put(device, p);
        }
        return p;
    }

    /** Whether an announcement on {@code device} must be queued at {@code now}. */
    boolean mustWait(String device, boolean ipv6, long now) {
        Pace p = pace(device);
        return p != null && p.interval(ipv6) >= 0 && p.next(ipv6) != NOT_YET && now < p.next(ipv6);
    }

    /** An announcement left {@code device} at {@code now}: the next may leave an interval later. */
    void sent(String device, boolean ipv6, long now) {
        Pace p = pace(device);
        if (p == null || p.interval(ipv6) < 0) {
            return;
        }
        if (ipv6) {
            p.gnaNext = now + p.gnaInterval;
        } else {
            p.garpNext = now + p.garpInterval;
        }
    }

    /** When the next announcement may leave {@code device} ({@link #NEVER} if it is not paced). */
    long nextTime(String device, boolean ipv6) {
        Pace p = pace(device);
        return p == null || p.interval(ipv6) < 0 || p.next(ipv6) == NOT_YET ? NEVER : p.next(ipv6);
    }

    /** Queues {@code address}'s announcement; the wake-up comes an interval after {@code now} at the latest. */
    void queue(R router, A address, String device, boolean ipv6, long now) {
        pending.computeIfAbsent(router, r -> Collections.newSetFromMap(new IdentityHashMap<>())).add(address);
        Pace p = pace(device);
        wakeAt = Math.min(wakeAt, now + Math.max(0, p.interval(ipv6)));
    }

    /** How the queued announcements reach the wire. */
    interface Sender<R, A> {
        /** Whether {@code router} still announces (master with its VIPs set). */
        boolean announces(R router);

        /** {@code router}'s addresses, in its order. */
        Iterable<A> addresses(R router);

        /** The interface whose pace {@code address} follows (the VMAC's base interface). */
        String device(A address);

        boolean ipv6(A address);

        void send(R router, A address);

        /** Before the first round's attempt at each address (keepalived's "Sending/queueing" line). */
        default void attempting(R router, A address) {
        }
    }

    /**
     * keepalived's {@code vrrp_send_link_update}: {@code repeat} rounds over {@code router}'s
     * addresses, each announcement sent at once or, where its interface's time has not come,
     * queued (once: a queued address queued again is still one announcement).
     */
    void burst(R router, int repeat, long now, Sender<R, A> sender) {
        for (int j = 0; j < repeat; j++) {
            for (A a : sender.addresses(router)) {
                if (j == 0) {
                    sender.attempting(router, a);
                }
                sendOrQueue(router, a, now, sender);
            }
        }
    }

    /** One announcement of {@code address} ({@code garp_extra_if}'s), paced as a burst's are. */
    void single(R router, A address, long now, Sender<R, A> sender) {
        sender.attempting(router, address);
        sendOrQueue(router, address, now, sender);
    }

    private void sendOrQueue(R router, A a, long now, Sender<R, A> sender) {
        String device = sender.device(a);
        boolean ipv6 = sender.ipv6(a);
        if (mustWait(device, ipv6, now)) {
            queue(router, a, device, ipv6, now);
        } else {
            sender.send(router, a);
            sent(device, ipv6, now);
        }
    }

    /** The addresses of {@code router} waiting to be announced (empty: none). */
    Set<A> pending(R router) {
        Set<A> p = pending.get(router);
        return p == null ? Set.of() : Collections.unmodifiableSet(p);
    }

    /** {@code router} is no longer master (keepalived's {@code vrrp_remove_delayed_arp}). */
    void forget(R router) {
        pending.remove(router);
    }

    /** When the queued announcements are next looked at. */
    long wakeAt() {
        return pending.isEmpty() ? NEVER : wakeAt;
    }

    /**
     * keepalived's {@code vrrp_arp_thread}: at the wake-up, in {@code routers}' order, each
     * queued address whose interface's time has come is sent; the others wait for the earliest
     * of their interfaces' times. An instance no longer announcing (or gone) drops its queue.
     */
    void run(long now, Iterable<R> routers, Sender<R, A> sender) {
        if (now < wakeAt()) {
            return;
        }
        wakeAt = NEVER;
        Set<R> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (R r : routers) {
            Set<A> queued = pending.get(r);
            if (queued == null) {
                continue;
            }
            seen.add(r);
            if (!sender.announces(r)) {
                pending.remove(r);
                continue;
            }
            for (A a : sender.addresses(r)) {
                if (!queued.contains(a)) {
                    continue;
                }
                String device = sender.device(a);
                boolean ipv6 = sender.ipv6(a);
                if (mustWait(device, ipv6, now)) {
                    wakeAt = Math.min(wakeAt, nextTime(device, ipv6));
                } else {
                    sender.send(r, a);
                    sent(device, ipv6, now);
                    queued.remove(a);
                }
            }
            if (queued.isEmpty()) {
                pending.remove(r);
            }
        }
        pending.keySet().retainAll(seen);
    }
}
