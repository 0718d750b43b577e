package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.vrrp.config.VrrpConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code keepalived-j -P -n -l -D -f keepalived.conf} as a process in a namespace: the same
 * keepalived.conf text Debian's keepalived gets ({@link KeepalivedConf}), read by the real
 * parser and run by the real command line.
 */
final class CliRouter implements Router {
    private final String namespace;
    private final Path dir;
    private final List<String> jvmOptions;
    private Process process;

    CliRouter(String namespace, Path dir, List<String> jvmOptions) {
        this.namespace = namespace;
        this.dir = dir;
        this.jvmOptions = jvmOptions;
    }

    @Override
    public String kind() {
        return "keepalived-j (command line)";
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public void start(VrrpConfig config) {
        start(KeepalivedConf.render(config));
    }

    /** Runs keepalived-j on this keepalived.conf text. */
    @Override
    public void start(String keepalivedConf) {
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("keepalived.conf");
            Files.writeString(conf, keepalivedConf);
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED"));
            argv.addAll(jvmOptions);
            argv.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.lvsj.keepalived.KeepalivedMain",
                    "-P", "-n", "-l", "-D", "-f", conf.toString(), "-p", dir.resolve("keepalived.pid").toString(),
                    "-r", dir.resolve("vrrp.pid").toString(), "-b", dir.resolve("bfd.pid").toString()));
            Path log = dir.resolve("keepalived-j.log");
            long from = Files.exists(log) ? Files.size(log) : 0; // a restart appends to the same log
            ProcessBuilder builder = new ProcessBuilder(argv);
            builder.environment().put("TMPDIR", dir.toString()); // its dumps stay in the run's directory
            process = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!Files.readString(log).substring((int) from).contains("Startup complete")) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("keepalived-j did not start in " + namespace + ":\n" + log());
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

    @Override
    public void stop() {
        process.destroy();
        await();
    }

    @Override
    public void kill() {
        process.destroyForcibly();
        await();
    }

    private void await() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("keepalived-j in " + namespace + " did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public boolean running() {
        return process != null;
    }

    @Override
    public String log() {
        try {
            Path log = dir.resolve("keepalived-j.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable log: " + e + ")";
        }
    }
}
