package io.lvsj.syncd.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The process around {@link LvsSyncd}: signals (HUP reloads, TERM and INT stop), the pid file,
 * and {@code --status} asking a running daemon.
 */
public final class DaemonRun {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonRun.class);

    private DaemonRun() {
    }

    /** Runs until TERM or INT; returns the exit status. */
    public static int run(Path configFile, SyncdConfig config, Path pidFile, PrintWriter err) {
        LvsSyncd daemon;
        try {
            daemon = LvsSyncd.start(configFile, config);
        } catch (StartupException e) {
            err.println("lvs-syncd: " + e.getMessage());
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        // Signal handlers only hand over: the reload runs on its own thread, one at a time.
        ExecutorService control = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("reload").unstarted(r));
        Signal.handle(new Signal("HUP"), s -> control.execute(daemon::reload));
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        try {
            if (pidFile != null) {
                Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
            }
            stop.await();
        } catch (IOException e) {
            LOG.error("cannot write the pid file {}: {}", pidFile, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Stopping lvs-syncd");
        control.shutdownNow();
        daemon.close();
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                LOG.debug("pid file: {}", e.toString());
            }
        }
        return 0;
    }

    /** {@code --status}: asks the daemon on the configured control socket. */
    public static int status(SyncdConfig config, boolean json, PrintWriter out, PrintWriter err) {
        String answer = ControlSocket.ask(config.controlSocket(), json ? "json" : "text");
        if (answer == null) {
            err.println("lvs-syncd: no daemon answers on " + config.controlSocket() + " (is lvs-syncd running?)");
            return 1;
        }
        out.print(answer);
        out.flush();
        return 0;
    }
}
