package io.lvsj.fuzz;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The rule of every fuzz target: an input ends in a clean result or in the target's documented
 * rejection, within a time limit. Anything else (another exception, an error, a hang) fails.
 */
public final class Fuzz {
    /**
     * An input that takes longer than this is reported as a hang. Generous, because two cores
     * are shared with other builds; a real hang (a loop that does not end) takes forever.
     */
    public static final Duration HANG = Duration.ofSeconds(5);

    private Fuzz() {
    }

    /** A step of a fuzz target that may throw. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code step}: {@link Fuzzer.Outcome#CLEAN} when it returns,
     * {@link Fuzzer.Outcome#REJECTED} when it throws what {@code documented} accepts; any other
     * throwable, or a step slower than {@link #HANG}, is an {@link AssertionError}.
     */
    public static Fuzzer.Outcome cleanOrRejected(Step step, Predicate<Throwable> documented) {
        long started = System.nanoTime();
        Fuzzer.Outcome outcome;
        try {
            step.run();
            outcome = Fuzzer.Outcome.CLEAN;
        } catch (Throwable t) {
            if (!documented.test(t)) {
                throw new AssertionError("undocumented outcome: " + t, t);
            }
            outcome = Fuzzer.Outcome.REJECTED;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (took.compareTo(HANG) > 0) {
            throw new AssertionError("hang: one input took " + took.toMillis() + " ms");
        }
        return outcome;
    }

    /**
     * The netlink decoders' rejection: an {@link IllegalArgumentException} (or one of ours
     * that extends it) saying what is wrong, never an index or null-pointer exception.
     */
    public static boolean isDecoderRejection(Throwable t) {
        return t instanceof IllegalArgumentException
                && (t.getClass() == IllegalArgumentException.class || t.getClass().getName().startsWith("io.lvsj."));
    }
}
