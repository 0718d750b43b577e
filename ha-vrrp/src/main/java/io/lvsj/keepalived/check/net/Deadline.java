package io.lvsj.keepalived.check.net;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Time limits of one check attempt: each network step may take {@code step}
 * ({@code connect_timeout}, as keepalived applies it), and the whole attempt ends at a hard
 * deadline, so a server that trickles its answer cannot hold a check open.
 */
public record Deadline(long stepNanos, long endNanos, LongSupplier clock) {

    /** keepalived-j's bound on a whole attempt, in units of connect_timeout. */
    public static final int HARD_LIMIT_STEPS = 4;

    public static Deadline of(Duration step) {
        long now = System.nanoTime();
        long nanos = step.toNanos();
        return new Deadline(nanos, now + nanos * HARD_LIMIT_STEPS, System::nanoTime);
    }

    /** Nanoseconds the next step may wait (at least 1). */
    public long nextStepNanos() throws SocketTimeoutException {
        long left = endNanos - clock.getAsLong();
        if (left <= 0) {
            throw new SocketTimeoutException("check exceeded " + HARD_LIMIT_STEPS + " x connect_timeout");
        }
        return Math.min(stepNanos, left);
    }

    /** {@link #nextStepNanos()} in whole milliseconds, at least 1 (0 would mean "forever" to the JDK). */
    public int nextStepMillis() throws SocketTimeoutException {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (nextStepNanos() + 999_999) / 1_000_000));
    }
}
