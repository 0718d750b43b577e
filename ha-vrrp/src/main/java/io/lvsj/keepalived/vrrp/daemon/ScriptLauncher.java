package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.script.RunAs;
import io.lvsj.keepalived.script.ScriptProcess;
import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts notify and track scripts the way keepalived does ({@link ScriptProcess}): the
 * command's words executed directly (no shell), output discarded, as {@code script_user} when
 * one is set, in the daemon's network namespace, stopped with SIGTERM if keepalived-j dies.
 */
final class ScriptLauncher {
    /** {@code script_user} (and its group): whom a script without an account of its own runs as. */
    private final RunAs defaults;
    private final NetNamespace namespace;
    private final Logger log;

    ScriptLauncher(RunAs defaults, NetNamespace namespace, Logger log) {
        this.defaults = defaults == null ? RunAs.DEFAULT : defaults;
        this.namespace = namespace;
        this.log = log;
    }

    /** Starts {@code command}; with {@code waitBriefly} waits up to 1 s for it (keepalived's notify_stop). */
    Process launch(List<String> command, RunAs as, boolean waitBriefly) {
        Process p = start(command, as);
        if (p != null && waitBriefly) {
            try {
                p.waitFor(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return p;
    }

    /** Starts {@code command} as its own account, else as {@code script_user}. */
    Process start(List<String> command, RunAs as) {
        RunAs account = (as == null ? RunAs.DEFAULT : as).or(defaults);
        try {
            return ScriptProcess.start(command, account.userName(), account.groupName(), namespace);
        } catch (IOException e) {
            log.info("Failed to exec script " + String.join(" ", command) + ": " + e.getMessage());
            return null;
        }
    }
}
