package io.lvsj.keepalived.vrrp.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** keepalived-j's VRRP daemon in a JVM process of its own ({@link RouterMain}) inside a namespace. */
final class JavaProcessRouter implements AutoCloseable {
    private final String namespace;
    private final Path log;
    private Process process;

    JavaProcessRouter(String namespace, Path log) {
        this.namespace = namespace;
        this.log = log;
    }

    /** Starts it and waits until it logs its first state. */
    void start(List<String> jvmOptions, Segment segment, int router, int routers, int priority, int instances) {
        start(jvmOptions, segment, router, routers, priority, instances, log.getParent());
    }

    /** As above, with the configuration, pid file and dumps in {@code directory}. */
    void start(List<String> jvmOptions, Segment segment, int router, int routers, int priority, int instances,
               Path directory) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        argv.addAll(jvmOptions);
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), RouterMain.class.getName(),
                Integer.toString(segment.version()), Boolean.toString(segment.ipv6()),
                Boolean.toString(segment.unicast()), Integer.toString(segment.intervalCentis()),
                Integer.toString(router), Integer.toString(routers), Integer.toString(priority),
                Integer.toString(instances), directory.toAbsolutePath().toString()));
        try {
            Files.createDirectories(log.getParent());
            long from = Files.exists(log) ? Files.size(log) : 0; // a restart appends to the same log
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("TMPDIR", directory.toAbsolutePath().toString()); // where the dumps go
            process = builder.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!(Files.exists(log) && Files.readString(log).substring((int) from).contains("STATE"))) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("keepalived-j did not start in " + namespace + ":\n"
                            + (Files.exists(log) ? Files.readString(log) : ""));
                }
                VipWatch.sleep(20);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Sends {@code signal} (a number or a name such as USR1). */
    void signal(String signal) {
        Shell.must("kill", "-" + signal, Long.toString(process.pid()));
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Waits for the process to end after a signal and returns its exit status. */
    int awaitExit() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError("keepalived-j did not exit");
            }
            int status = process.exitValue();
            process = null;
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    void kill() {
        process.destroyForcibly();
        await();
    }

    void stop() {
        process.destroy();
        await();
    }

    private void await() {
        try {
            process.waitFor(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        if (process != null) {
            stop();
        }
    }
}
