package io.lvsj.keepalived.check;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * What a new value of a tracked file does to a FILE_CHECK (keepalived's
 * {@code process_update_checker_track_file_status}): a weight makes the checker up and adds
 * that weight; no weight (the value means "failed") makes it down. Pure.
 */
public final class FileVerdict {
    private FileVerdict() {
    }

    /** The state a FILE_CHECK starts in for the file's first value: decided at once, so it has run. */
    public static CheckerState initial(OptionalLong weight) {
        return weight.isPresent() ? new CheckerState(true, true, 0, 0, -1, weight.getAsLong())
                : new CheckerState(false, true, 0, 0, -1, 0);
    }

    /** The step for a new value. */
    public static Step next(CheckerState before, OptionalLong weight) {
        CheckerState after = initial(weight);
        Step.Verdict verdict = after.up() == before.up() ? Step.Verdict.NONE
                : after.up() ? Step.Verdict.UP : Step.Verdict.DOWN;
        return new Step(after, Duration.ZERO, verdict);
    }
}
