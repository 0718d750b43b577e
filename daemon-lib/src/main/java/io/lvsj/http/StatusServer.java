package io.lvsj.http;

import org.slf4j.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP/1.1 server for a daemon's status: a few fixed paths, {@code GET} and
 * {@code HEAD} only, no request bodies. One selector thread does all the I/O without ever
 * blocking; responses are computed on a few worker threads of their own. So nothing a client
 * does reaches the daemon's own threads, and what a client can take is bounded by
 * {@link Limits}: the number of connections (at the limit, the oldest connection that has not
 * sent a whole request gives way, so slow clients cannot lock out a scraper), the bytes of a
 * request, and the time to send a request and to read the response.
 *
 * <p>Keep-alive and pipelined requests are served one at a time per connection; a connection
 * is not read while its response is being computed or written, so a client cannot queue work.
 */
public final class StatusServer implements AutoCloseable, Connection.Server {
    /** Computes a response; runs on one of the server's worker threads. */
    @FunctionalInterface
    public interface Route {
        Response respond();
    }

    /** What the server has answered and turned away since it started, for the daemon's own metrics. */
    public record Stats(long requests, long refused, long evicted, long timedOut, int connections) {
    }

    private static final long TICK_MILLIS = 100;

    private final ServerSocketChannel listening;
    private final Selector selector;
    private final Map<String, Route> routes;
    private final Limits limits;
    private final Logger log;
    private final ThreadPoolExecutor workers;
    private final ConcurrentLinkedQueue<Connection> answered = new ConcurrentLinkedQueue<>();
    private final List<Connection> connections = new ArrayList<>();
    private final Thread thread;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private volatile int open;
    private volatile boolean running = true;

    private StatusServer(ServerSocketChannel listening, Map<String, Route> routes, Limits limits, Logger log,
                         String name) throws IOException {
        this.listening = listening;
        this.routes = Map.copyOf(routes);
        this.limits = limits;
        this.log = log;
        this.selector = Selector.open();
        listening.configureBlocking(false);
        listening.register(selector, SelectionKey.OP_ACCEPT);
        AtomicInteger count = new AtomicInteger();
        // one job per connection at most, so the queue can never overflow
        this.workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.maxConnections()),
                r -> Thread.ofPlatform().daemon().name(name + "-worker-" + count.incrementAndGet()).unstarted(r));
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    /**
     * Serves {@code routes} (by path) on {@code listening}, a bound server socket the server now
     * owns. {@code name} names its threads.
     */
    public static StatusServer start(ServerSocketChannel listening, Map<String, Route> routes, Limits limits,
                                     Logger log, String name) throws IOException {
        StatusServer server = new StatusServer(listening, routes, limits, log, name);
        server.thread.start();
        return server;
    }

    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) listening.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("status server closed", e);
        }
    }

    public Stats stats() {
        return new Stats(requests.get(), refused.get(), evicted.get(), timedOut.get(), open);
    }

    private void run() {
        try {
            while (running) {
                selector.select(TICK_MILLIS);
                long now = System.nanoTime();
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        acceptAll(now);
                    } else if (key.attachment() instanceof Connection c) {
                        c.ready(now);
                    }
                }
                Connection c;
                while ((c = answered.poll()) != null) {
                    c.answered(now);
                }
                expire(now);
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                log.info("status server stopped: " + e);
            }
        } finally {
            new ArrayList<>(connections).forEach(Connection::close);
        }
    }

    private void acceptAll(long now) throws IOException {
        SocketChannel channel;
        while ((channel = listening.accept()) != null) {
            if (connections.size() >= limits.maxConnections() && !evictOldestReader()) {
                refused.incrementAndGet();
                channel.close();
                continue;
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Connection c = new Connection(this, channel, now);
                c.register(channel.register(selector, SelectionKey.OP_READ, c));
                connections.add(c);
                open = connections.size();
            } catch (IOException e) {
                channel.close();
            }
        }
    }

    /** Closes the connection that has waited longest for its request; false if every one is being answered. */
    private boolean evictOldestReader() {
        Connection oldest = null;
        for (Connection c : connections) {
            if (c.phase() == Connection.Phase.READING && (oldest == null || c.since() - oldest.since() < 0)) {
                oldest = c;
            }
        }
        if (oldest == null) {
            return false;
        }
        evicted.incrementAndGet();
        oldest.close();
        return true;
    }

    private void expire(long now) {
        for (int i = connections.size() - 1; i >= 0; i--) {
            Connection c = connections.get(i);
            if (now - c.deadline() > 0) {
                timedOut.incrementAndGet();
                c.close();
            }
        }
    }

    @Override
    public Limits limits() {
        return limits;
    }

    @Override
    public Route route(String path) {
        return routes.get(path);
    }

    @Override
    public void work(Runnable work) {
        workers.execute(work);
    }

    @Override
    public void answered(Connection c) {
        answered.add(c);
        selector.wakeup();
    }

    @Override
    public void closed(Connection c) {
        connections.remove(c);
        open = connections.size();
    }

    @Override
    public void counted(boolean refusedRequest) {
        requests.incrementAndGet();
        if (refusedRequest) {
            refused.incrementAndGet();
        }
    }

    @Override
    public void failed(String path, RuntimeException e) {
        log.debug("status server: " + path + ": " + e);
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        try {
            selector.close();
            listening.close();
        } catch (IOException e) {
            // closing: nothing left to report to
        }
    }
}
