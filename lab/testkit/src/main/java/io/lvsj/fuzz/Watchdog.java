package io.lvsj.fuzz;

import java.util.concurrent.TimeUnit;

/**
 * Catches an input that never finishes: the fuzz loop cannot be interrupted inside a decoder,
 * so when one input runs past its limit ({@link Fuzz#HANG} three times over unless the target
 * says otherwise), this prints the input (and
 * writes it to {@code target/fuzz-hang-TARGET.txt} and {@code .input}) and ends the JVM with
 * status 3 (surefire then reports the fork as crashed, loudly). Inputs that finish
 * but are slow are failed by {@link Fuzz#cleanOrRejected} itself.
 */
final class Watchdog implements AutoCloseable {
    private final Thread thread;
    private volatile FuzzInput current;
    private volatile long startedNanos;

    private final long limit;

    Watchdog(String target, java.time.Duration limit) {
        this.limit = limit.toNanos();
        thread = Thread.ofPlatform().daemon().name("fuzz-watchdog-" + target).start(() -> watch(target));
    }

    void starting(FuzzInput input) {
        current = input;
        startedNanos = System.nanoTime();
    }

    private void watch(String target) {
        try {
            while (true) {
                TimeUnit.SECONDS.sleep(1);
                FuzzInput input = current;
                if (input != null && System.nanoTime() - startedNanos > limit) {
                    String report = "fuzz " + target + ": HANG, one input ran over "
                            + TimeUnit.NANOSECONDS.toSeconds(limit) + " s: " + input.describe();
                    System.err.println(report);
                    System.err.flush();
                    // the test runner may lose what a halted JVM printed: the input goes to a file too
                    try {
                        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
                        java.nio.file.Files.write(java.nio.file.Path.of("target", "fuzz-hang-" + target + ".txt"),
                                (report + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                        java.nio.file.Files.write(java.nio.file.Path.of("target", "fuzz-hang-" + target + ".input"),
                                input.bytes());
                    } catch (java.io.IOException ignored) {
                        // stderr has it
                    }
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
