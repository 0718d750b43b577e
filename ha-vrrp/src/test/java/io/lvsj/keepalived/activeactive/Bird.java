package io.lvsj.keepalived.activeactive;

import io.lvsj.lab.BackgroundProcess;
import io.lvsj.lab.Command;
import io.lvsj.lab.LabNamespace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's BIRD 2 in a namespace, in the foreground, on a configuration the test gives it, with
 * its control socket in a directory of its own ({@code birdc -s}).
 */
final class Bird implements AutoCloseable {
    static final String BIRD = "/usr/sbin/bird";
    private final BackgroundProcess process;
    private final Path socket;

    private Bird(BackgroundProcess process, Path socket) {
        this.process = process;
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
            Bird bird = new Bird(BackgroundProcess.start(List.of("ip", "netns", "exec", ns.name(), BIRD, "-f", "-c",
                    conf.toString(), "-s", socket.toString(), "-P", directory.resolve("bird.pid").toString()),
                    directory.resolve("bird.out")), socket);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!bird.birdc("show status").contains("Daemon is up and running")) {
                if (!bird.process.alive() || System.nanoTime() > deadline) {
                    throw new AssertionError("BIRD did not start on " + conf + ":\n" + bird.process.log());
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

    /** What {@code birdc -s SOCKET COMMAND} prints (BIRD's complaint while it is not there). */
    String birdc(String command) {
        return Command.run("birdc", "-s", socket.toString(), command).output();
    }

    /** Its control socket. */
    Path socket() {
        return socket;
    }

    BackgroundProcess process() {
        return process;
    }

    /** SIGSTOP: a hung director, which says nothing and closes nothing. */
    void freeze() {
        process.signal("STOP");
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
