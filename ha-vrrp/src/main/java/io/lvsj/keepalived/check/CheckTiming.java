package io.lvsj.keepalived.check;

import java.time.Duration;
import java.util.Objects;

/**
 * When a checker runs and how it decides a server is down, resolved the way keepalived
 * resolves it (checker, else real server, else virtual server, else the checker type's
 * default): a check every {@code delayLoop}; after a failure up to {@code retry} more tries
 * {@code delayBeforeRetry} apart before the server is declared down; the first check after a
 * random delay of up to {@code warmup} (zero: at once); with {@code alpha} the server starts
 * down until a check passes.
 */
public record CheckTiming(Duration delayLoop, int retry, Duration delayBeforeRetry, Duration warmup, boolean alpha,
                          boolean logAllFailures) {

    public CheckTiming {
        Objects.requireNonNull(delayLoop, "delayLoop");
        Objects.requireNonNull(delayBeforeRetry, "delayBeforeRetry");
        Objects.requireNonNull(warmup, "warmup");
        if (delayLoop.isNegative() || delayLoop.isZero()) {
            throw new IllegalArgumentException("delay_loop must be positive: " + delayLoop);
        }
        if (retry < 0) {
            throw new IllegalArgumentException("retry must not be negative: " + retry);
        }
        if (delayBeforeRetry.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /** Every {@code delayLoop}, one retry one second later, no warm-up, no alpha. */
    public static CheckTiming every(Duration delayLoop) {
        return new CheckTiming(delayLoop, 1, Duration.ofSeconds(1), Duration.ZERO, false, false);
    }

    public CheckTiming withRetry(int count, Duration delay) {
        return new CheckTiming(delayLoop, count, delay, warmup, alpha, logAllFailures);
    }

    public CheckTiming withWarmup(Duration newWarmup) {
        return new CheckTiming(delayLoop, retry, delayBeforeRetry, newWarmup, alpha, logAllFailures);
    }

    public CheckTiming withAlpha(boolean newAlpha) {
        return new CheckTiming(delayLoop, retry, delayBeforeRetry, warmup, newAlpha, logAllFailures);
    }
}
