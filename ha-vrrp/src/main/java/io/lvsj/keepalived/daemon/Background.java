package io.lvsj.keepalived.daemon;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * keepalived without {@code -n} forks and its parent returns at once, leaving the daemon in the
 * background. A JVM cannot fork, so keepalived-j starts itself again: the same command with
 * {@code --dont-fork} added, in a session of its own ({@code setsid}) with no terminal, then
 * waits until that process has written its pid file (or ended) before returning.
 */
final class Background {
    static final long WAIT_SECONDS = 30;

    private Background() {
    }

    /** This JVM's own command line with {@code --dont-fork} added, or empty if the system does not tell it. */
    static List<String> againInForeground(ProcessHandle.Info self) {
        if (self.command().isEmpty() || self.arguments().isEmpty()) {
            return List.of();
        }
        List<String> argv = new ArrayList<>();
        argv.add("setsid");
        argv.add(self.command().get());
        argv.addAll(List.of(self.arguments().get()));
        argv.add("--dont-fork");
        return argv;
    }

    /** Starts the daemon in the background and returns the status this command exits with. */
    static int start(Path mainPidFile, PrintStream err) {
        List<String> argv = againInForeground(ProcessHandle.current().info());
        if (argv.isEmpty()) {
            err.println("keepalived-j: cannot find this process's command line to start it in the background;"
                    + " run it with -n (--dont-fork)");
            return Dispatcher.EXIT_FATAL;
        }
        Process child;
        try {
            child = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            err.println("keepalived-j: cannot start the daemon: " + e.getMessage());
            return Dispatcher.EXIT_FATAL;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            OptionalLong written = PidFiles.read(mainPidFile);
            if (written.isPresent() && written.getAsLong() == child.pid()) {
                return 0;
            }
            try {
                if (child.waitFor(100, TimeUnit.MILLISECONDS)) {
                    int status = child.exitValue();
                    if (status != 0) {
                        err.println("keepalived-j: the daemon exited with status " + status + "; see the system log");
                    }
                    return status;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Dispatcher.EXIT_FATAL;
            }
        }
        return 0; // still starting; it logs to syslog from here on
    }
}
