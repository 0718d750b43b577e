package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.script.ScriptProcess;
import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts notify and track scripts the way keepalived does ({@link ScriptProcess}): the
 * command's words executed directly (no shell), output discarded, as {@code script_user} when
 * one is set, in the daemon's network namespace, stopped with SIGTERM if keepalived-j dies.
 */
final class ScriptLauncher {
    private final String user;
    private final NetNamespace namespace;
    private final Logger log;

    ScriptLauncher(String user, NetNamespace namespace, Logger log) {
        this.user = user;
        this.namespace = namespace;
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
        try {
            return ScriptProcess.start(command, Optional.ofNullable(asUser), namespace);
        } catch (IOException e) {
            log.info("Failed to exec script " + String.join(" ", command) + ": " + e.getMessage());
            return null;
        }
    }
}
