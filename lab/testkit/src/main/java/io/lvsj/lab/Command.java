package io.lvsj.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to its end and returns what it printed: the one command runner of LVS-J's
 * tests (the oracles ipvsadm and keepalived, ip, sysctl, our own launchers). Standard output
 * and error go to files while it runs, so a command that fills one pipe while the test reads
 * the other cannot deadlock. A command that outlives its timeout is killed and fails the test.
 */
public final class Command {
    /** How long a command may take unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** What a command printed and how it ended; status -1 when it ran out of time ({@link #runUntil}). */
    public record Result(int status, String stdout, String stderr, boolean timedOut) {
        public Result(int status, String stdout, String stderr) {
            this(status, stdout, stderr, false);
        }

        public Result requireSuccess() {
            if (status != 0) {
                throw new AssertionError("command failed with status " + status + ": " + stderr + stdout);
            }
            return this;
        }

        /** Both streams, standard output first. */
        public String output() {
            return stdout + stderr;
        }
    }

    private Command() {
    }

    public static Result run(String... argv) {
        return run(List.of(argv), "", DEFAULT_TIMEOUT);
    }

    public static Result run(List<String> argv) {
        return run(argv, "", DEFAULT_TIMEOUT);
    }

    /** Runs {@code argv} with {@code stdin} as its input; one that outlives {@code timeout} fails the test. */
    public static Result run(List<String> argv, String stdin, Duration timeout) {
        Result r = execute(argv, stdin, timeout, null);
        if (r.timedOut()) {
            throw new AssertionError("command did not finish in " + timeout.toSeconds() + " s: " + argv);
        }
        return r;
    }

    /** Runs {@code argv} in {@code directory}. */
    public static Result runIn(Path directory, List<String> argv) {
        Result r = execute(argv, "", DEFAULT_TIMEOUT, directory);
        if (r.timedOut()) {
            throw new AssertionError("command did not finish in " + DEFAULT_TIMEOUT.toSeconds() + " s: " + argv);
        }
        return r;
    }

    /**
     * Runs {@code argv} in {@code directory} for at most {@code limit}: one still running then
     * is killed, and its result says so ({@link Result#timedOut()}, status -1) with what it
     * printed so far. For an oracle that may hang on the input a test gives it.
     */
    public static Result runUntil(List<String> argv, Path directory, Duration limit) {
        return execute(argv, "", limit, directory);
    }

    private static Result execute(List<String> argv, String stdin, Duration timeout, Path directory) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("lvsj-cmd", ".out");
            err = Files.createTempFile("lvsj-cmd", ".err");
            ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process p = builder.start();
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException closedEarly) {
                // the command did not read its input: what it printed says the rest
            }
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor();
            }
            return new Result(finished ? p.exitValue() : -1, text(out), text(err), !finished);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + argv + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + argv, e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    /** A command's output as UTF-8; bytes that are not (a config with a stray byte echoed back) become U+FFFD. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left in /tmp is no test failure
            }
        }
    }
}
