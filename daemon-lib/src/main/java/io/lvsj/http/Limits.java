package io.lvsj.http;

import java.time.Duration;

/**
 * What one client may take of a {@link StatusServer}: together they bound its memory and make
 * sure no client, however slow or hostile, holds the server for long.
 *
 * @param maxConnections  connections open at once; at the limit a new one replaces the oldest
 *                        that has not yet sent a whole request (slowloris cannot lock others out)
 * @param maxRequestBytes a request's line and headers; more is refused with 431
 * @param requestTimeout  how long a connection may take to send a whole request, counted from
 *                        its opening or from the end of the previous response (idle keep-alive)
 * @param responseTimeout how long a client may take to read a response
 * @param workers         threads that compute responses
 */
public record Limits(int maxConnections, int maxRequestBytes, Duration requestTimeout, Duration responseTimeout,
                     int workers) {
    public static final Limits DEFAULT = new Limits(64, 8192, Duration.ofSeconds(10), Duration.ofSeconds(10), 2);

    public Limits {
        if (maxConnections < 1 || maxRequestBytes < 64 || workers < 1) {
            throw new IllegalArgumentException("limits too small: " + maxConnections + " connections, "
                    + maxRequestBytes + " bytes, " + workers + " workers");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || responseTimeout.isNegative()
                || responseTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }
}
