package io.lvsj.keepalived.config;

import java.time.Duration;

/**
 * When a checker runs and how it decides a real server is down, resolved the way keepalived
 * resolves it (checker, else real server, else virtual server, else the checker type's
 * default): a check every {@code delayLoop}; after a failure {@code retry} more tries
 * {@code delayBeforeRetry} apart; the first check after a random delay up to {@code warmup};
 * with {@code alpha} the server starts down.
 */
public record CheckerTiming(int retry, Duration delayBeforeRetry, Duration warmup, Duration delayLoop,
                            boolean alpha, boolean logAllFailures) {
}
