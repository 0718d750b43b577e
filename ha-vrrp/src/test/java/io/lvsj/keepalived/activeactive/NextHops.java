package io.lvsj.keepalived.activeactive;

import io.lvsj.lab.LabNamespace;
import io.lvsj.sys.NetNamespace;
import io.lvsj.rtnl.RtnlMonitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The next hops of one route on the router, as its kernel has them, and when they change: a
 * route notification wakes the watcher, whose time stamp is when the change happened (give or
 * take the notification's delivery), and {@code ip route} says what the route is then.
 */
final class NextHops implements AutoCloseable {
    private static final Pattern VIA = Pattern.compile("via (\\S+)");
    private final LabNamespace router;
    private final String destination;
    private final RtnlMonitor monitor;
    private final Thread listener;
    /** When each route notification arrived ({@link System#nanoTime}). */
    private final List<Long> changes = new ArrayList<>();

    NextHops(LabNamespace router, String destination) {
        this.router = router;
        this.destination = destination;
        this.monitor = RtnlMonitor.open(NetNamespace.named(router.name()), EnumSet.of(RtnlMonitor.Group.IPV4_ROUTE));
        // notifications are stamped as they arrive, so a change is timed right even when it
        // happens before anyone awaits it
        this.listener = Thread.ofPlatform().daemon().name("next-hops").start(this::listen);
    }

    private void listen() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (!monitor.poll(100).isEmpty()) {
                    synchronized (this) {
                        changes.add(System.nanoTime());
                        notifyAll();
                    }
                }
            } catch (RuntimeException e) {
                return; // closed
            }
        }
    }

    /** The gateways of the route now: one per next hop, none when there is no route. */
    Set<String> now() {
        String route = router.run("ip", "route", "show", destination).requireSuccess().stdout();
        Set<String> gateways = new TreeSet<>();
        Matcher m = VIA.matcher(route);
        while (m.find()) {
            gateways.add(m.group(1));
        }
        return gateways;
    }

    /**
     * Waits until the next hops satisfy {@code condition}; returns the {@link System#nanoTime}
     * at which the route change that made them so was notified (the first notification after
     * the last look that found them otherwise), or of the call if they already did.
     */
    long await(String what, Predicate<Set<String>> condition, Duration limit) throws InterruptedException {
        long called = System.nanoTime();
        long deadline = called + limit.toNanos();
        int before = -1;
        while (true) {
            int count;
            synchronized (this) {
                count = changes.size();
            }
            Set<String> hops = now();
            if (condition.test(hops)) {
                return before < 0 ? called : notified(before, deadline);
            }
            before = count;
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the router's route to " + destination + " did not become " + what
                        + " within " + limit + "; its next hops: " + hops);
            }
            synchronized (this) {
                if (changes.size() == count) {
                    wait(Math.min(100, Math.max(1, left / 1_000_000)));
                }
            }
        }
    }

    /** The time of notification {@code index}, waiting for it: {@code ip route} may see a change first. */
    private synchronized long notified(int index, long deadline) throws InterruptedException {
        while (changes.size() <= index) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the route to " + destination + " changed without a notification");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return changes.get(index);
    }

    @Override
    public void close() {
        listener.interrupt();
        try {
            listener.join(5000); // its poll ends within 100 ms; the socket is closed after
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        monitor.close();
    }
}
