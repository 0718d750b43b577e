package io.lvsj.syncd.lab;

import io.lvsj.syncd.daemon.StatusProbe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code bin/lvs-syncd} as a process inside a network namespace (one JVM per
 * namespace, as JGroups across namespaces needs), with its config, key and console log in a
 * directory of its own.
 */
public final class Syncd implements AutoCloseable {
    private final String name;
    private final Path directory;
    private final Process process;
    private final String fixedLines;

    private Syncd(String name, Path directory, Process process, String fixedLines) {
        this.name = name;
        this.directory = directory;
        this.process = process;
        this.fixedLines = fixedLines;
    }

    /** The checkout's root: the first directory up from here that has {@code bin/lvs-syncd}. */
    public static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("bin/lvs-syncd"))) {
                return p;
            }
        }
        throw new IllegalStateException("bin/lvs-syncd not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * Starts lvs-syncd in {@code namespace} with {@code config} (the lines; {@code key-file} and
     * {@code control-socket} are added, pointing into {@code directory}).
     */
    public static Syncd start(String name, String namespace, Path directory, Path keyFile, String config) {
        try {
            Files.createDirectories(directory);
            Path conf = directory.resolve("lvs-syncd.conf");
            String fixed = "key-file " + keyFile + "\ncontrol-socket " + directory.resolve("ctl.sock") + "\nnode " + name + "\n";
            Files.writeString(conf, fixed + config);
            ProcessBuilder b = new ProcessBuilder(List.of("ip", "netns", "exec", namespace,
                    repositoryRoot().resolve("bin/lvs-syncd").toString(), "-l", "-G", "-f", conf.toString()))
                    .redirectErrorStream(true).redirectOutput(directory.resolve("lvs-syncd.log").toFile());
            b.environment().put("LVSJ_SYNCD_HEAP", "160m");
            return new Syncd(name, directory, b.start(), fixed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public String log() {
        try {
            return Files.readString(directory.resolve("lvs-syncd.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits until the log has {@code text}; fails with the log if the process ends or time runs out. */
    public Duration awaitLog(String text, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        while (!log().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + ": lvs-syncd ended with status " + process.exitValue()
                        + " before logging '" + text + "':\n" + log());
            }
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError(name + ": no '" + text + "' within " + limit + ":\n" + log());
            }
            Thread.sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The daemon's status as {@code lvs-syncd --status} prints it. */
    public String status() {
        String s = StatusProbe.ask(directory.resolve("ctl.sock"));
        return s == null ? "(no answer)" : s;
    }

    /** One number from the status: the first word after {@code "name: "}. */
    public long statusNumber(String field) {
        for (String line : status().split("\n")) {
            if (line.startsWith(field + ": ")) {
                return Long.parseLong(line.substring(field.length() + 2).split(" ")[0]);
            }
        }
        throw new AssertionError(name + ": no " + field + " in status:\n" + status());
    }

    /** Writes a new configuration (the same fixed lines, then {@code config}) and sends SIGHUP. */
    public void reload(String config) throws IOException, InterruptedException {
        Files.writeString(directory.resolve("lvs-syncd.conf"), fixedLines + config);
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new AssertionError(name + ": kill -HUP failed");
        }
    }

    /** SIGKILL: the director dies without a word. */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM and the exit status. */
    public int stop() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
            throw new AssertionError(name + ": lvs-syncd did not stop on SIGTERM:\n" + log());
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
