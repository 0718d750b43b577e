package io.lvsj.keepalived.check;

/**
 * A checker's memory between tries, as keepalived keeps it: whether it considers the server
 * up, whether it has run yet, how many retries it has made, which {@code url} an HTTP checker
 * is at (and which failed), and the weight it adds to its real server.
 *
 * @param up          the checker's verdict (initially up, or down with alpha)
 * @param hasRun      a try has completed
 * @param retryIt     retries made since the last verdict
 * @param url         HTTP only: index of the url to try next
 * @param failedUrl   HTTP only: index of the url that made the server down, or -1
 * @param weightDelta what this checker adds to the real server's configured weight
 *                    ({@code misc_dynamic}, {@code FILE_CHECK}); 0 for the others
 */
public record CheckerState(boolean up, boolean hasRun, int retryIt, int url, int failedUrl, long weightDelta) {

    /**
     * Before the first try: up, unless {@code alpha} says to start down; and, as keepalived
     * sets it at start-up, with its retries used up, so that one failure is enough for a first
     * verdict.
     */
    public static CheckerState initial(boolean alpha, int retry) {
        return new CheckerState(!alpha, false, retry, 0, -1, 0);
    }

    CheckerState withUp(boolean value) {
        return new CheckerState(value, hasRun, retryIt, url, failedUrl, weightDelta);
    }

    CheckerState withHasRun() {
        return new CheckerState(up, true, retryIt, url, failedUrl, weightDelta);
    }

    CheckerState withRetryIt(int value) {
        return new CheckerState(up, hasRun, value, url, failedUrl, weightDelta);
    }

    CheckerState withUrl(int value, int failed) {
        return new CheckerState(up, hasRun, retryIt, value, failed, weightDelta);
    }

    CheckerState withWeightDelta(long value) {
        return new CheckerState(up, hasRun, retryIt, url, failedUrl, value);
    }

    /**
     * The state a checker that compares equal keeps across a reload (keepalived's
     * {@code migrate_checkers}): its verdict if it has run, and its retry count trimmed so one
     * more failure under the new {@code retry} still decides.
     */
    public CheckerState migrateTo(CheckerState fresh, int newRetry) {
        boolean verdict = hasRun ? up : fresh.up();
        int retries = fresh.retryIt();
        if (retryIt > 0 && newRetry > 0) {
            retries = Math.min(retryIt, newRetry - 1);
        }
        return new CheckerState(verdict, hasRun, retries, url, failedUrl, weightDelta);
    }
}
