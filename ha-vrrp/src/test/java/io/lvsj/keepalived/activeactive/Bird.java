package io.lvsj.keepalived.activeactive;

import io.lvsj.lab.LabNamespace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's BIRD 2 in a namespace, in the foreground, on a configuration the test gives it, with
 * its control socket in a directory of its own ({@code birdc -s}).
 */
final class Bird implements AutoCloseable {
    static final String BIRD = "/usr/sbin/bird";
    private final Daemon daemon;
    private final Path socket;

    private Bird(Daemon daemon, Path socket) {
        this.daemon = daemon;
        this.socket = socket;
    }

    static Bird start(LabNamespace ns, String config, Path directory) {
        if (!Files.isExecutable(Path.of(BIRD))) {
            throw new AssertionError("BIRD 2 is needed: apt-get install bird2 (scripts/install-prerequisites does)");
        }
        try {
            Files.createDirectories(directory);
            Path conf = directory.resolve("bird.conf");
            Files.writeString(conf, config);
            Path socket = directory.resolve("bird.ctl");
            Bird bird = new Bird(Daemon.start(ns, directory.resolve("bird.out"), BIRD, "-f", "-c", conf.toString(),
                    "-s", socket.toString(), "-P", directory.resolve("bird.pid").toString()), socket);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!bird.birdc("show status").contains("Daemon is up and running")) {
                if (!bird.daemon.alive() || System.nanoTime() > deadline) {
                    throw new AssertionError("BIRD did not start on " + conf + ":\n" + bird.daemon.output());
                }
                Thread.sleep(50);
            }
            return bird;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What {@code birdc -s SOCKET COMMAND} prints (empty while BIRD is not there). */
    String birdc(String command) {
        try {
            Process p = new ProcessBuilder("birdc", "-s", socket.toString(), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    Daemon daemon() {
        return daemon;
    }

    @Override
    public void close() {
        daemon.close();
    }
}
