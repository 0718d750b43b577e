package io.lvsj.keepalived.check;

import java.time.Duration;
import java.util.Optional;

/**
 * What a BFD session's reported state does to a BFD_CHECK (keepalived's
 * {@code bfd_check_handle_event}): nothing when the checker already says the same and has run;
 * otherwise the state becomes its verdict, which counts even when equal to the initial state
 * (a first report of Down confirms a server that starts down). Pure.
 */
public final class BfdVerdict {
    private BfdVerdict() {
    }

    /** Before the first report: up, or down with {@code alpha}; not run. */
    public static CheckerState initial(boolean alpha) {
        return CheckerState.initial(alpha, 0);
    }

    /** The step for a report that the session is {@code up} (or not), if it changes anything. */
    public static Optional<Step> next(CheckerState before, boolean up) {
        if (before.up() == up && before.hasRun()) {
            return Optional.empty();
        }
        CheckerState after = before.withUp(up).withHasRun();
        return Optional.of(new Step(after, Duration.ZERO, up ? Step.Verdict.UP : Step.Verdict.DOWN));
    }
}
