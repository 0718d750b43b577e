package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.vrrp.config.VrrpConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's keepalived 2.2.7 (VRRP only, in the foreground, logging to the console) in a namespace. */
final class KeepalivedRouter implements Router {
    private final String namespace;
    private final Path dir;
    private Process process;

    KeepalivedRouter(String namespace, Path dir) {
        this.namespace = namespace;
        this.dir = dir;
    }

    @Override
    public String kind() {
        return "keepalived";
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public void start(VrrpConfig config) {
        start(KeepalivedConf.render(config));
    }

    /** Runs keepalived on this keepalived.conf text. */
    @Override
    public void start(String keepalivedConf) {
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("keepalived.conf");
            Files.writeString(conf, keepalivedConf);
            Files.deleteIfExists(dir.resolve("vrrp.pid"));
            ProcessBuilder builder = new ProcessBuilder("ip", "netns", "exec", namespace, "keepalived", "-P", "-n", "-l",
                    "-D", "-f", conf.toString(), "-p", dir.resolve("keepalived.pid").toString(),
                    "-r", dir.resolve("vrrp.pid").toString(), "-b", dir.resolve("bfd.pid").toString());
            builder.environment().put("TMPDIR", dir.toString()); // its dumps (keepalived.json...) stay in the run's directory
            process = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("keepalived.log").toFile()))
                    .start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (vrrpPid() <= 0) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("keepalived did not start in " + namespace + ":\n" + log());
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private long vrrpPid() {
        try {
            Path pid = dir.resolve("vrrp.pid");
            return Files.exists(pid) ? Long.parseLong(Files.readString(pid).trim()) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void stop() {
        process.toHandle().destroy(); // SIGTERM to the parent, which stops the VRRP child gracefully
        await();
    }

    @Override
    public void kill() {
        // The VRRP child dies with PDEATHSIG=TERM (gracefully) if only the parent is killed: kill it first.
        Shell.quiet("kill", "-9", Long.toString(vrrpPid()));
        process.toHandle().destroyForcibly();
        await();
    }

    private void await() {
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("keepalived in " + namespace + " did not exit");
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
            Path log = dir.resolve("keepalived.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable log: " + e + ")";
        }
    }
}
