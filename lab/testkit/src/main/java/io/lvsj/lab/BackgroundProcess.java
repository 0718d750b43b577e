package io.lvsj.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process a test starts and leaves running (a daemon, a server, a packet capture), its
 * standard output and error in one log file the test reads while it runs. Closing it kills
 * what is still running, so a failed test leaves no process behind.
 */
public final class BackgroundProcess implements AutoCloseable {
    private final String name;
    private final Path log;
    private final Process process;

    private BackgroundProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code argv} with {@code environment} added to ours, logging to {@code log};
     * {@code name} is what failures call it.
     */
    public static BackgroundProcess start(String name, List<String> argv, Path log, Map<String, String> environment) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new BackgroundProcess(name, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv, e);
        }
    }

    /** Starts {@code argv}, logging to {@code log}, named after its program (after {@code ip netns exec NS}). */
    public static BackgroundProcess start(List<String> argv, Path log) {
        return start(argv, log, Map.of());
    }

    public static BackgroundProcess start(List<String> argv, Path log, Map<String, String> environment) {
        List<String> program = argv.size() > 4 && argv.subList(0, 3).equals(List.of("ip", "netns", "exec"))
                ? argv.subList(4, argv.size()) : argv;
        return start(Path.of(program.getFirst()).getFileName().toString(), argv, log, environment);
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Everything it has written so far. */
    public String log() {
        try {
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable log: " + e + ")";
        }
    }

    /** Waits until the log holds {@code text}; fails with the log if the process ends or time runs out. */
    public void awaitLog(String text, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!log().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited (" + process.exitValue() + ") before writing \"" + text
                        + "\":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not write \"" + text + "\" within " + limit + ":\n" + log());
            }
            Thread.sleep(50);
        }
    }

    /** Sends {@code signal} (HUP, TERM, USR1 ...). */
    public void signal(String signal) {
        Command.run("kill", "-" + signal, Long.toString(process.pid())).requireSuccess();
    }

    /** SIGTERM, then its exit status. */
    public int stop(Duration limit) throws InterruptedException {
        signal("TERM");
        return awaitExit(limit);
    }

    /** SIGKILL: the process dies with no word to anyone, as if its machine had failed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Its exit status; one still running after {@code limit} is killed and fails the test. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not exit within " + limit + ":\n" + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
