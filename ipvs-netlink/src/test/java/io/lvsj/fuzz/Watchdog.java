package io.lvsj.fuzz;

import java.util.concurrent.TimeUnit;

/**
 * Catches an input that never finishes: the fuzz loop cannot be interrupted inside a decoder,
 * so when one input runs past {@link Fuzz#HANG} three times over, this prints the input and ends
 * the JVM with status 3 (surefire then reports the fork as crashed, loudly). Inputs that finish
 * but are slow are failed by {@link Fuzz#cleanOrRejected} itself.
 */
final class Watchdog implements AutoCloseable {
    private final Thread thread;
    private volatile FuzzInput current;
    private volatile long startedNanos;

    Watchdog(String target) {
        thread = Thread.ofPlatform().daemon().name("fuzz-watchdog-" + target).start(() -> watch(target));
    }

    void starting(FuzzInput input) {
        current = input;
        startedNanos = System.nanoTime();
    }

    private void watch(String target) {
        long limit = Fuzz.HANG.toNanos() * 3;
        try {
            while (true) {
                TimeUnit.SECONDS.sleep(1);
                FuzzInput input = current;
                if (input != null && System.nanoTime() - startedNanos > limit) {
                    System.err.println("fuzz " + target + ": HANG, one input ran over "
                            + TimeUnit.NANOSECONDS.toSeconds(limit) + " s: " + input.describe());
                    System.err.flush();
                    Runtime.getRuntime().halt(3);
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    @Override
    public void close() {
        current = null;
        thread.interrupt();
    }
}
