package io.lvsj.keepalived.check.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets many checks wait on native sockets at once: one platform thread sits in
 * {@code epoll_wait}, and a check (on a virtual thread) registers its descriptor one-shot and
 * parks until the descriptor is ready or its own timeout passes. Registration needs no wake-up
 * (epoll_ctl works while epoll_wait runs), and a timed-out waiter removes its descriptor itself,
 * so the poller thread never tracks time.
 */
public final class FdPoller {
    private static final int BATCH = 256;
    private static volatile FdPoller shared;

    private final int epfd;
    private final ConcurrentHashMap<Long, CompletableFuture<Integer>> waiting = new ConcurrentHashMap<>();
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
        long token = tokens.incrementAndGet();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        waiting.put(token, ready);
        try {
            Epoll.add(epfd, fd, events | Epoll.EPOLLONESHOT, token);
            return ready.get(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketTimeoutException("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiting.remove(token);
            Epoll.remove(epfd, fd);
        }
    }

    private void run() {
        MemorySegment events = Arena.global().allocate((long) Epoll.EVENT_SIZE * BATCH, 8);
        while (true) {
            int n = Epoll.await(epfd, events, BATCH, -1);
            for (int i = 0; i < n; i++) {
                CompletableFuture<Integer> waiter = waiting.remove(Epoll.tokenAt(events, i));
                if (waiter != null) {
                    waiter.complete(Epoll.eventsAt(events, i));
                }
            }
        }
    }
}
