package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.Attempt;

import java.util.OptionalLong;

/** What a MISC_CHECK script's ending means: keepalived's rules for exit codes. Pure. */
public final class MiscExit {
    /** The reason of a script killed at {@code misc_timeout}: keepalived's words for it. */
    public static final String TIMED_OUT = "timed out";

    private MiscExit() {
    }

    /**
     * Exit 0 passes; with {@code misc_dynamic}, 2..255 pass with weight exit-2; anything else
     * fails.
     */
    public static Attempt ofExit(int status, boolean dynamic) {
        if (status == 0) {
            return Attempt.passed();
        }
        if (dynamic && status >= 2 && status <= 255) {
            return new Attempt.Passed(OptionalLong.of(status - 2));
        }
        return Attempt.failed("exited with status " + status);
    }

    public static Attempt timedOut() {
        return Attempt.failed(TIMED_OUT);
    }
}
