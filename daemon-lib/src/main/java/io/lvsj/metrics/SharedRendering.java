package io.lvsj.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A rendering (a scrape's body) shared by the requests that come within {@code maxAge} of it:
 * one is made at a time, and requests that arrive while it is being made wait for it instead of
 * making their own. So fifty scrapers cost what one does, and a burst of them cannot multiply
 * the work the process does for its metrics.
 */
public final class SharedRendering {
    private final Supplier<byte[]> render;
    private final long maxAge;
    private final LongSupplier nanoTime;
    private byte[] body;
    private long madeAt;

    public SharedRendering(Supplier<byte[]> render, Duration maxAge, LongSupplier nanoTime) {
        this.render = render;
        this.maxAge = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    public synchronized byte[] get() {
        long now = nanoTime.getAsLong();
        if (body == null || now - madeAt >= maxAge) {
            body = render.get();
            madeAt = nanoTime.getAsLong();
        }
        return body;
    }
}
