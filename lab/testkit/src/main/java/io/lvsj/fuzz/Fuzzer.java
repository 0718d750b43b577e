package io.lvsj.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A mutation fuzzer on plain JUnit: inputs are valid seeds changed by a few {@link Mutation}s
 * (starting from valid inputs gets much deeper into a decoder than random bytes, which fail at
 * the first length check). Each input must end as {@link Outcome#CLEAN} or
 * {@link Outcome#REJECTED} (the target's documented rejection, see {@link Fuzz}); a failure is
 * minimized to the fewest mutations that still fail and reported with the bytes.
 *
 * <p>Budget and randomness come from system properties so one test serves both runs:
 * {@code lvsj.fuzz.inputs} (the test's short budget when unset; {@code bench/fuzz} sets 10^6)
 * and {@code lvsj.fuzz.seed} (a fixed seed by default, so the test suite is repeatable;
 * {@code random} picks one and the report names it), or the environment variables
 * {@code LVSJ_FUZZ_INPUTS} and {@code LVSJ_FUZZ_SEED} (the kernel lab passes those on). Every run prints one line,
 * {@code fuzz TARGET: N inputs, C clean, R rejected, 0 failures, T ms, seed S}, that
 * {@code bench/fuzz} collects.
 */
public final class Fuzzer {
    private final String target;
    private final List<byte[]> seeds;
    private int maxMutations = 6;
    private java.time.Duration hang = Fuzz.HANG.multipliedBy(3);
    private byte[] alphabet = new byte[0];

    private Fuzzer(String target, List<byte[]> seeds) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a fuzz target needs at least one seed");
        }
        this.target = target;
        this.seeds = List.copyOf(seeds);
    }

    public static Fuzzer target(String name, List<byte[]> seeds) {
        return new Fuzzer(name, seeds);
    }

    /** Up to this many mutations per input (default 6). */
    public Fuzzer maxMutations(int max) {
        this.maxMutations = max;
        return this;
    }

    /**
     * How long one input may take before it counts as a hang (default three times
     * {@link Fuzz#HANG}): for a target whose documented limits are slow to reach, such as a
     * configuration that expands to the 10 million lines the reader allows.
     */
    public Fuzzer hangAfter(java.time.Duration limit) {
        this.hang = limit;
        return this;
    }

    /** Bytes a mutation writes more often than random ones (for text: braces, quotes, newlines). */
    public Fuzzer alphabet(String characters) {
        this.alphabet = characters.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return this;
    }

    /** The result of one input. */
    public enum Outcome { CLEAN, REJECTED }

    /**
     * Runs {@code property} on {@code shortBudget} inputs (or {@code lvsj.fuzz.inputs}).
     * Throws {@link AssertionError} with the minimized input on the first failure.
     */
    public void run(int shortBudget, Function<byte[], Outcome> property) {
        String budget = setting("lvsj.fuzz.inputs");
        long inputs = budget.isEmpty() ? shortBudget : Long.parseLong(budget);
        String seedProperty = setting("lvsj.fuzz.seed");
        long seed = seedProperty.isEmpty() ? target.hashCode()
                : seedProperty.equals("random") ? System.nanoTime() : Long.parseLong(seedProperty);
        SplittableRandom random = new SplittableRandom(seed);
        long clean = 0;
        long rejected = 0;
        long started = System.nanoTime();
        try (Watchdog watchdog = new Watchdog(target, hang)) {
            for (long i = 0; i < inputs; i++) {
                FuzzInput input = generate(random);
                watchdog.starting(input);
                Outcome outcome = outcomeOf(property, input);
                if (outcome == null) {
                    throw failure(property, input, seed, i);
                }
                if (outcome == Outcome.CLEAN) {
                    clean++;
                } else {
                    rejected++;
                }
            }
        }
        System.out.printf("fuzz %s: %d inputs, %d clean, %d rejected, 0 failures, %d ms, seed %d%n",
                target, inputs, clean, rejected, (System.nanoTime() - started) / 1_000_000, seed);
    }

    /** A system property, else the environment variable of the same name in upper case ({@code LVSJ_FUZZ_INPUTS}, which the lab passes on). */
    private static String setting(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        }
        return value == null ? "" : value.trim();
    }

    private FuzzInput generate(SplittableRandom random) {
        int index = random.nextInt(seeds.size());
        int count = random.nextInt(maxMutations + 1);
        List<Mutation> mutations = new ArrayList<>(count);
        for (int m = 0; m < count; m++) {
            mutations.add(Mutation.random(random, alphabet));
        }
        return new FuzzInput(index, seeds.get(index), mutations, seeds.get(random.nextInt(seeds.size())));
    }

    /** The outcome, or {@code null} when the property failed. */
    private static Outcome outcomeOf(Function<byte[], Outcome> property, FuzzInput input) {
        try {
            return property.apply(input.bytes());
        } catch (Throwable t) {
            return null;
        }
    }

    /** Drops mutations one at a time while the input still fails, then reports it. */
    private AssertionError failure(Function<byte[], Outcome> property, FuzzInput input, long seed, long index) {
        FuzzInput smallest = input;
        boolean smaller = true;
        while (smaller) {
            smaller = false;
            for (int i = 0; i < smallest.mutations().size(); i++) {
                List<Mutation> fewer = new ArrayList<>(smallest.mutations());
                fewer.remove(i);
                FuzzInput candidate = new FuzzInput(smallest.seedIndex(), smallest.seed(), fewer, smallest.donor());
                if (outcomeOf(property, candidate) == null) {
                    smallest = candidate;
                    smaller = true;
                    break;
                }
            }
        }
        Throwable cause = null;
        try {
            property.apply(smallest.bytes());
        } catch (Throwable t) {
            cause = t;
        }
        return new AssertionError("fuzz " + target + ": input " + index + " (seed " + seed + ", "
                + "-Dlvsj.fuzz.seed=" + seed + " reproduces) fails; minimized to " + smallest.describe(), cause);
    }
}
