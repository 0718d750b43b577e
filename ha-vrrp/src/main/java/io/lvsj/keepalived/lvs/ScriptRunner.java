package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.check.net.NetworkContext;
import org.slf4j.Logger;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs notify scripts as keepalived does: directly (no shell), output discarded, as the
 * script's user through util-linux {@code runuser} (a JVM cannot change user between fork and
 * exec), without waiting, except at shutdown, where each gets up to 1 s.
 */
public class ScriptRunner {
    private final NetworkContext network;
    private final Logger log;

    public ScriptRunner(NetworkContext network, Logger log) {
        this.network = network;
        this.log = log;
    }

    public void run(NotifyCommand command, boolean waitBriefly) {
        List<String> argv = new ArrayList<>();
        if (command.user().isPresent() && !command.user().get().equals("root")) {
            // runuser sets the user's own primary and supplementary groups, as keepalived's setgid/initgroups do
            argv.addAll(List.of("runuser", "-u", command.user().get(), "--"));
        }
        argv.addAll(command.argv());
        try {
            Process p = network.start(new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD));
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
