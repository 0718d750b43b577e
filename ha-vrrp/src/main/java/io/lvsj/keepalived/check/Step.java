package io.lvsj.keepalived.check;

import java.time.Duration;
import java.util.Objects;

/**
 * What a checker does after a try: its new state, when to try next, and what it tells its real
 * server.
 *
 * @param verdict the verdict it reports, which keepalived's {@code update_svr_checker_state}
 *                receives (a first verdict equal to the initial state still counts: it fires
 *                the notify scripts of servers that start down), or {@link Verdict#NONE}
 */
public record Step(CheckerState state, Duration delay, Verdict verdict) {

    public enum Verdict { NONE, UP, DOWN }

    public Step {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(verdict, "verdict");
    }
}
