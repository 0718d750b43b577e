package io.lvsj.keepalived.vrrp.daemon;

import org.slf4j.Logger;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts notify and track scripts the way keepalived does: the command's words are executed
 * directly (no shell), output discarded, as {@code script_user} when one is set (through
 * util-linux {@code runuser}, which sets the user's groups too, since a JVM cannot change
 * user between fork and exec).
 */
final class ScriptLauncher {
    private final String user;
    private final Logger log;

    ScriptLauncher(String user, Logger log) {
        this.user = user;
        this.log = log;
    }

    /** Starts {@code command}; with {@code waitBriefly} waits up to 1 s for it (keepalived's notify_stop). */
    Process launch(List<String> command, boolean waitBriefly) {
        Process p = start(command, user);
        if (p != null && waitBriefly) {
            try {
                p.waitFor(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return p;
    }

    Process start(List<String> command, String asUser) {
        List<String> argv = new ArrayList<>();
        if (asUser != null && !asUser.equals("root")) {
            argv.addAll(List.of("runuser", "-u", asUser, "--"));
        }
        argv.addAll(command);
        try {
            return new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            log.info("Failed to exec script " + String.join(" ", command) + ": " + e.getMessage());
            return null;
        }
    }
}
