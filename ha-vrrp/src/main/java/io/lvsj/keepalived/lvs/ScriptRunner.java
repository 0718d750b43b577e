package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.check.net.NetworkContext;
import org.slf4j.Logger;

import io.lvsj.keepalived.script.ScriptProcess;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Runs notify scripts as keepalived does ({@link ScriptProcess}): directly (no shell), output
 * discarded, as the script's user, stopped with SIGTERM if keepalived-j dies, without waiting,
 * except at shutdown, where each gets up to 1 s.
 */
public class ScriptRunner {
    private final NetworkContext network;
    private final Logger log;

    public ScriptRunner(NetworkContext network, Logger log) {
        this.network = network;
        this.log = log;
    }

    public void run(NotifyCommand command, boolean waitBriefly) {
        try {
            Process p = network.startScript(command.argv(), command.user(), command.group());
            if (waitBriefly) {
                p.waitFor(1, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            log.info("Failed to exec script " + String.join(" ", command.argv()) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
