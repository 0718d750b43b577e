package io.lvsj.keepalived.check.net;

import io.lvsj.sys.Epoll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Lets many checks wait on native sockets at once: one platform thread sits in
 * {@code epoll_wait}, and a check (on a virtual thread) registers its descriptor one-shot and
 * parks until the descriptor is ready or its own timeout passes. Registration needs no wake-up
 * (epoll_ctl works while epoll_wait runs), and a timed-out waiter removes its descriptor itself,
 * so the poller thread never tracks time.
 */
public final class FdPoller {
    private static final Logger LOG = LoggerFactory.getLogger(FdPoller.class);
    private static final int BATCH = 256;
    private static volatile FdPoller shared;

    private final int epfd;
    private final ConcurrentHashMap<Long, IntConsumer> waiting = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();

    private FdPoller() {
        this.epfd = Epoll.create();
        Thread.ofPlatform().daemon().name("lvsj-check-poller").start(this::run);
    }

    /** The process's poller, started on first use. */
    public static FdPoller shared() {
        FdPoller p = shared;
        if (p == null) {
            synchronized (FdPoller.class) {
                p = shared;
                if (p == null) {
                    p = new FdPoller();
                    shared = p;
                }
            }
        }
        return p;
    }

    /**
     * Waits until {@code fd} has one of {@code events} (or an error/hang-up) and returns the
     * events that fired.
     *
     * @throws SocketTimeoutException when {@code timeoutNanos} pass first
     */
    public int await(int fd, int events, long timeoutNanos) throws SocketTimeoutException {
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        long token = watch(fd, events, ready::complete);
        try {
            return ready.get(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketTimeoutException("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            cancel(token, fd);
        }
    }

    /**
     * Calls {@code callback} with the events, on the poller thread, once {@code fd} has one of
     * {@code events} (or an error/hang-up). Returns a token for {@link #cancel}. The callback
     * must be quick: every other waiter waits behind it.
     */
    public long watch(int fd, int events, IntConsumer callback) {
        long token = tokens.incrementAndGet();
        waiting.put(token, callback);
        try {
            Epoll.add(epfd, fd, events | Epoll.EPOLLONESHOT, token);
        } catch (RuntimeException e) {
            waiting.remove(token);
            throw e;
        }
        return token;
    }

    /**
     * Stops watching; returns false when the callback has already been taken (it has run or is
     * about to). Call it before closing the descriptor either way, so it leaves the epoll set.
     */
    public boolean cancel(long token, int fd) {
        boolean pending = waiting.remove(token) != null;
        Epoll.remove(epfd, fd);
        return pending;
    }

    private void run() {
        MemorySegment events = Arena.global().allocate((long) Epoll.EVENT_SIZE * BATCH, 8);
        while (true) {
            int n = Epoll.await(epfd, events, BATCH, -1);
            for (int i = 0; i < n; i++) {
                IntConsumer waiter = waiting.remove(Epoll.tokenAt(events, i));
                if (waiter != null) {
                    try {
                        waiter.accept(Epoll.eventsAt(events, i));
                    } catch (RuntimeException e) {
                        LOG.error("lvsj-check-poller: unexpected failure", e);
                    }
                }
            }
        }
    }
}
