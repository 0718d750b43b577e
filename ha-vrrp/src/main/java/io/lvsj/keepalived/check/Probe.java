package io.lvsj.keepalived.check;

/**
 * One try of a check against its server: the I/O shell around a checker's protocol logic.
 * Runs on a virtual thread, blocks at most the check's timeouts, and never throws for
 * anything the server does: every failure is an {@link Attempt.Failed}.
 */
@FunctionalInterface
public interface Probe {

    /** Tries once; {@code state} tells an HTTP probe which url is next. */
    Attempt attempt(CheckerState state);
}
