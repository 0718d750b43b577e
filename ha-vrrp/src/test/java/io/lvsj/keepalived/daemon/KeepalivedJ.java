package io.lvsj.keepalived.daemon;

import io.lvsj.lab.BackgroundProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real {@code bin/keepalived-j} as a process inside a network namespace, as an operator
 * runs it: {@code keepalived-j -n -l -D -f CONF} with its pid files and its console log in a
 * directory of its own. {@link #start} needs the build's jar (the README's test command makes
 * it; without it the launcher's own message says how to build it and the test fails with it);
 * {@link #startFromClassPath} runs the same main class from the test's class path.
 */
public final class KeepalivedJ implements AutoCloseable {
    private final Path directory;
    private final BackgroundProcess process;

    private KeepalivedJ(Path directory, BackgroundProcess process) {
        this.directory = directory;
        this.process = process;
    }

    /** The checkout's root: the first directory up from here that has {@code bin/keepalived-j}. */
    public static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("bin/keepalived-j"))) {
                return p;
            }
        }
        throw new IllegalStateException("bin/keepalived-j not found above " + Path.of("").toAbsolutePath());
    }

    /** Starts {@code bin/keepalived-j -n -l -D -G -f conf} (and {@code extra}) in {@code namespace}. */
    public static KeepalivedJ start(String namespace, Path conf, Path directory, String... extra) {
        return start(List.of(repositoryRoot().resolve("bin/keepalived-j").toString()), namespace, conf, directory,
                extra);
    }

    /**
     * As {@link #start(String, Path, Path, String...)}, but runs keepalived-j's main class from this
     * JVM's class path: for host tests, which run before the build has made the jar bin/keepalived-j runs.
     */
    public static KeepalivedJ startFromClassPath(String namespace, Path conf, Path directory, String... extra) {
        return start(javaCommand(), namespace, conf, directory, extra);
    }

    /** {@code java ... io.lvsj.keepalived.KeepalivedMain} with this JVM's class path. */
    public static List<String> javaCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.lvsj.keepalived.KeepalivedMain");
    }

    private static KeepalivedJ start(List<String> command, String namespace, Path conf, Path directory,
                                     String... extra) {
        try {
            Files.createDirectories(directory);
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
            argv.addAll(command);
            argv.addAll(List.of("-n", "-l", "-D", "-G",
                    "-f", conf.toString(),
                    "-p", directory.resolve("keepalived.pid").toString(),
                    "-r", directory.resolve("keepalived_vrrp.pid").toString(),
                    "-c", directory.resolve("keepalived_checkers.pid").toString()));
            argv.addAll(List.of(extra));
            return new KeepalivedJ(directory, BackgroundProcess.start("keepalived-j", argv,
                    directory.resolve("keepalived-j.log"), Map.of("TMPDIR", directory.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory() {
        return directory;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.alive();
    }

    /** Everything it has logged so far. */
    public String log() {
        return process.log();
    }

    /** Waits until the log holds {@code text}; fails with the log if the process ends or time runs out. */
    public void awaitLog(String text, Duration limit) throws InterruptedException {
        process.awaitLog(text, limit);
    }

    /** Sends {@code signal} (HUP, TERM, USR1 ...). */
    public void signal(String signal) {
        process.signal(signal);
    }

    /** SIGTERM, then waits for the exit status. */
    public int stop() throws InterruptedException {
        return process.stop(Duration.ofSeconds(60));
    }

    /** SIGKILL: the process dies with no word to anyone, as if the machine had failed. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    public int awaitExit(Duration limit) throws InterruptedException {
        return process.awaitExit(limit);
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
