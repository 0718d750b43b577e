package io.lvsj.keepalived.check;

import java.util.Objects;
import java.util.OptionalLong;

/** What one try of a check found. */
public sealed interface Attempt {

    /**
     * The server answered as required. {@code weight} is the weight a {@code misc_dynamic}
     * script asked for (its exit status minus 2), else empty.
     */
    record Passed(OptionalLong weight) implements Attempt {
        public static final Passed PLAIN = new Passed(OptionalLong.empty());
    }

    /** It did not; {@code reason} says why, in keepalived's words where it has some ("Timeout connecting"). */
    record Failed(String reason) implements Attempt {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Attempt passed() {
        return Passed.PLAIN;
    }

    static Attempt failed(String reason) {
        return new Failed(reason);
    }

    default boolean isPassed() {
        return this instanceof Passed;
    }
}
