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

    /** What a command printed and how it ended. */
    public record Result(int status, String stdout, String stderr) {
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

    /** Runs {@code argv} with {@code stdin} as its input, killing it after {@code timeout}. */
    public static Result run(List<String> argv, String stdin, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("lvsj-cmd", ".out");
            err = Files.createTempFile("lvsj-cmd", ".err");
            Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException closedEarly) {
                // the command did not read its input: what it printed says the rest
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("command did not finish in " + timeout.toSeconds() + " s: " + argv);
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
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
