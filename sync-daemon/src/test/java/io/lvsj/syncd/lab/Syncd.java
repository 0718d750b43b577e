package io.lvsj.syncd.lab;

import io.lvsj.lab.BackgroundProcess;
import io.lvsj.syncd.daemon.StatusProbe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real {@code bin/lvs-syncd} as a process inside a network namespace (one JVM per
 * namespace, as JGroups across namespaces needs), with its config, key and console log in a
 * directory of its own.
 */
public final class Syncd implements AutoCloseable {
    private final String name;
    private final Path directory;
    private final BackgroundProcess process;
    private final String fixedLines;

    private Syncd(String name, Path directory, BackgroundProcess process, String fixedLines) {
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
     * Starts lvs-syncd in {@code namespace} with {@code config} (after lines for its
     * {@code key-file}, its {@code control-socket} in {@code directory} and its {@code node} name).
     */
    public static Syncd start(String name, String namespace, Path directory, Path keyFile, String config) {
        try {
            Files.createDirectories(directory);
            Path conf = directory.resolve("lvs-syncd.conf");
            String fixed = "key-file " + keyFile + "\ncontrol-socket " + directory.resolve("ctl.sock") + "\nnode " + name + "\n";
            Files.writeString(conf, fixed + config);
            BackgroundProcess p = BackgroundProcess.start(List.of("ip", "netns", "exec", namespace,
                            repositoryRoot().resolve("bin/lvs-syncd").toString(), "-l", "-G", "-f", conf.toString()),
                    directory.resolve("lvs-syncd.log"), Map.of("LVSJ_SYNCD_HEAP", "160m"));
            return new Syncd(name, directory, p, fixed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public String log() {
        return process.log();
    }

    /** Waits until the log has {@code text}; returns how long that took. */
    public Duration awaitLog(String text, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        process.awaitLog(text, limit);
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
    public void reload(String config) throws IOException {
        Files.writeString(directory.resolve("lvs-syncd.conf"), fixedLines + config);
        process.signal("HUP");
    }

    /** SIGKILL: the director dies without a word. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /** SIGTERM and the exit status. */
    public int stop() throws InterruptedException {
        return process.stop(Duration.ofSeconds(30));
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
