package io.lvsj.keepalived.bfd;

import io.lvsj.sys.LibC;
import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * keepalived's BFD process for keepalived-j: every {@code bfd_instance} a {@link BfdSession},
 * on one thread ("bfd") inside the daemon's namespace that polls the listening socket with
 * the sessions' next deadline as timeout, hands each packet to the session it belongs to
 * (by your-discriminator, else by the sender's address) and publishes the sessions going up
 * and down on {@link BfdEvents}.
 */
public final class BfdDaemon implements AutoCloseable {
    /** A session with where its packets go. */
    private record Running(BfdSession session, BfdSettings settings, int senderFd) {
    }

    private final Logger log;
    private final BfdEvents events;
    private final BfdSockets sockets;
    private final Map<String, Running> sessions = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Runnable> work = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private Thread thread;

    private BfdDaemon(List<BfdSettings> settings, Logger log, BfdEvents events) {
        this.log = log;
        this.events = events;
        this.sockets = BfdSockets.open();
        SecureRandom random = new SecureRandom();
        for (BfdSettings s : settings) {
            int fd = BfdSockets.openSender(s.neighbor(), s.source(), s.ttl());
            Running[] holder = new Running[1];
            BfdSession session = new BfdSession(s, random, new BfdSession.Actions() {
                @Override
                public void send(BfdPacket packet) {
                    int errno = sockets.send(holder[0].senderFd(), packet, s.neighbor());
                    if (errno != 0) {
                        log.debug("(" + s.name() + ") Error sending packet: errno " + errno);
                    }
                }

                @Override
                public void changed(boolean up) {
                    events.publish(s.name(), up);
                }

                @Override
                public void log(String line) {
                    log.info(line);
                }

                @Override
                public void logDetail(String line) {
                    log.debug(line);
                }
            });
            holder[0] = new Running(session, s, fd);
            sessions.put(s.name(), holder[0]);
        }
    }

    /** Opens the sockets and starts every session, in {@code namespace} ({@code null}: the caller's). */
    public static BfdDaemon start(List<BfdSettings> settings, NetNamespace namespace, Logger log, BfdEvents events) {
        return start(settings, namespace, log, events, java.util.Set.of());
    }

    /**
     * The same, reporting the state of each session named in {@code forCheckers} (Down: they are
     * new) before any packet is read, as keepalived's BFD process does when it starts.
     */
    public static BfdDaemon start(List<BfdSettings> settings, NetNamespace namespace, Logger log, BfdEvents events,
                                  java.util.Set<String> forCheckers) {
        CompletableFuture<BfdDaemon> started = new CompletableFuture<>();
        Runnable body = () -> {
            BfdDaemon daemon;
            try {
                if (namespace != null) {
                    int fd = LibC.open(namespace.path().toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
                    try {
                        LibC.setns(fd, LibC.CLONE_NEWNET);
                    } finally {
                        LibC.close(fd);
                    }
                }
                daemon = new BfdDaemon(settings, log, events);
                long now = now();
                daemon.sessions.values().forEach(r -> r.session().start(now));
                daemon.report(forCheckers);
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
                return;
            }
            daemon.thread = Thread.currentThread();
            started.complete(daemon);
            daemon.loop();
        };
        Thread.ofPlatform().name("bfd").daemon(true).start(body);
        try {
            return started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static long now() {
        return System.nanoTime() / 1000;
    }

    private void loop() {
        try {
            while (running) {
                long now = now();
                long next = sessions.values().stream().mapToLong(r -> r.session().nextDeadline()).min()
                        .orElse(BfdSession.NEVER);
                int timeout = next == BfdSession.NEVER ? 200 : (int) Math.max(0, Math.min(200, (next - now + 999) / 1000));
                if (LibC.pollReadable(sockets.listenerFd(), timeout)) {
                    receiveAll();
                }
                Runnable task;
                while ((task = work.poll()) != null) {
                    task.run();
                }
                now = now();
                for (Running r : sessions.values()) {
                    if (r.session().nextDeadline() <= now) {
                        r.session().runTimers(now);
                    }
                }
            }
        } finally {
            sessions.values().forEach(r -> LibC.close(r.senderFd()));
            sockets.close();
        }
    }

    private void receiveAll() {
        BfdSockets.Received in;
        while ((in = sockets.receive()) != null) {
            ByteBuffer data = sockets.data();
            String refusal = BfdPacket.refusal(data, in.length());
            if (refusal != null) {
                log.debug(refusal);
                log.debug("Discarding bogus packet from " + in.source().getHostAddress());
                continue;
            }
            BfdPacket p = BfdPacket.decode(data, in.length());
            Running r = find(p, in);
            if (r == null) {
                log.debug("Discarding packet from " + in.source().getHostAddress() + " (session is not found - your"
                        + " discriminator field is 0x" + String.format("%08x", p.yourDiscriminator()) + ")");
                continue;
            }
            r.session().receive(p, in.ttl(), now());
        }
    }

    private Running find(BfdPacket p, BfdSockets.Received in) {
        for (Running r : sessions.values()) {
            if (p.yourDiscriminator() != 0 ? r.session().localDiscriminator() == p.yourDiscriminator()
                    : r.settings().neighbor().equals(in.source())) {
                return r;
            }
        }
        return null;
    }

    /**
     * Reports the state of each session named in {@code forCheckers} on {@link BfdEvents}, on the
     * BFD thread after whatever it has done so far, as keepalived's BFD process writes every
     * session's state to the checker process when it starts and when it reloads.
     */
    public void reportStates(java.util.Set<String> forCheckers) {
        work.add(() -> report(forCheckers));
    }

    private void report(java.util.Set<String> forCheckers) {
        sessions.forEach((name, r) -> {
            if (forCheckers.contains(name)) {
                events.report(name, r.session().state() == BfdState.UP);
            }
        });
    }

    /** A session as it is now: its state and the detection time negotiated (microseconds). */
    public record Status(BfdState state, long detectionTime) {
    }

    /** Each session's state now (asked of the BFD thread). */
    public Map<String, BfdState> states() {
        Map<String, BfdState> states = new HashMap<>();
        statuses().forEach((name, s) -> states.put(name, s.state()));
        return states;
    }

    /** Each session's {@link Status} now (asked of the BFD thread). */
    public Map<String, Status> statuses() {
        CompletableFuture<Map<String, Status>> result = new CompletableFuture<>();
        work.add(() -> {
            Map<String, Status> statuses = new HashMap<>();
            sessions.forEach((name, r) -> statuses.put(name, new Status(r.session().state(),
                    r.session().detectionTime())));
            result.complete(statuses);
        });
        return result.join();
    }

    /** Stops every session (its neighbour then sees it expire, as when keepalived's BFD process ends). */
    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The names of the sessions, in configuration order. */
    public List<String> names() {
        return new ArrayList<>(sessions.keySet());
    }
}
