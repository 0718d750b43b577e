package io.lvsj.metrics;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value only its owner thread may compute (the VRRP engine's state, the checkers' pool), read
 * by scrapes on other threads. The owner is never made to wait and never asked more than once
 * per {@code maxAge}, however many scrapes there are: a reader that finds the last value too
 * old posts one request to the owner (readers arriving meanwhile share it), waits at most
 * {@code patience} for the answer, and otherwise reads the last value. An owner that does not
 * answer (stalled, or gone) costs each reader at most {@code patience} once, then nothing: its
 * silence is what {@link #silentNanos()} reports to a health check.
 */
public final class OwnedSnapshot<T> {
    private record Stamped<T>(T value, long at) {
    }

    private record Request(CompletableFuture<Void> done, long at) {
    }

    private final Consumer<Runnable> owner;
    private final Supplier<T> compute;
    private final long maxAge;
    private final long patience;
    private final LongSupplier nanoTime;
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private volatile Stamped<T> latest;

    /**
     * @param owner   hands work to the owner thread (it must not run it on the caller's)
     * @param compute what the owner runs to make a value
     */
    public OwnedSnapshot(Consumer<Runnable> owner, Supplier<T> compute, Duration maxAge, Duration patience,
                         LongSupplier nanoTime) {
        this.owner = owner;
        this.compute = compute;
        this.maxAge = maxAge.toNanos();
        this.patience = patience.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A value at most {@code maxAge} old if the owner answers in time, else the last one; empty before the first. */
    public Optional<T> get() {
        long now = nanoTime.getAsLong();
        Stamped<T> last = latest;
        if (last != null && now - last.at() < maxAge) {
            return Optional.of(last.value());
        }
        Request request = pending.get();
        if (request == null) {
            Request mine = new Request(new CompletableFuture<>(), now);
            if (pending.compareAndSet(null, mine)) {
                ask(mine);
                request = mine;
            } else {
                request = pending.get();
            }
        }
        if (request != null) {
            long left = patience - (now - request.at());
            if (left > 0) {
                try {
                    request.done().get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // the owner is slow or failed: the last value will do
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        last = latest;
        return last == null ? Optional.empty() : Optional.of(last.value());
    }

    private void ask(Request request) {
        try {
            owner.accept(() -> {
                try {
                    latest = new Stamped<>(compute.get(), nanoTime.getAsLong());
                } finally {
                    pending.compareAndSet(request, null);
                    request.done().complete(null);
                }
            });
        } catch (RuntimeException e) {
            // the owner takes no more work (shutting down): nobody waits for it
            pending.compareAndSet(request, null);
            request.done().complete(null);
        }
    }

    /** How long the owner has left a request unanswered (0 when none is waiting). */
    public long silentNanos() {
        Request request = pending.get();
        return request == null ? 0 : Math.max(0, nanoTime.getAsLong() - request.at());
    }
}
