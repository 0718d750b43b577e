package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.vrrp.config.VrrpScriptConfig;
import org.slf4j.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs each tracked {@code vrrp_script} every {@code interval} on its own timer thread, kills
 * it (TERM, then KILL 2 s later) when it outlives {@code timeout}, and reports each result.
 * Scripts never run on the VRRP thread, so a hung script cannot delay an advert.
 */
final class TrackScriptRunner implements AutoCloseable {
    /** One finished run. */
    interface Results {
        void result(String script, boolean success, String how);
    }

    private final ScheduledExecutorService timer;
    private final ScriptLauncher launcher;
    private final Results results;
    private final Logger log;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> lastStatus = new HashMap<>();

    /** {@code launcher} runs a script without a user of its own as {@code script_user}. */
    TrackScriptRunner(ScheduledExecutorService timer, ScriptLauncher launcher, Results results, Logger log) {
        this.timer = timer;
        this.launcher = launcher;
        this.results = results;
        this.log = log;
    }

    void start(List<VrrpScriptConfig> scripts) {
        for (VrrpScriptConfig s : scripts) {
            long interval = Math.max(1, s.interval().toMillis());
            timer.scheduleAtFixedRate(() -> run(s), 0, interval, TimeUnit.MILLISECONDS);
        }
    }

    private void run(VrrpScriptConfig s) {
        if (!running.add(s.name())) {
            log.info("Track script " + s.name() + " is already running, expect idle - skipping run");
            return;
        }
        Process p = launcher.start(s.command(), s.runAs());
        if (p == null) {
            running.remove(s.name());
            results.result(s.name(), false, "failed");
            return;
        }
        long timeout = Math.max(1, s.timeout().toMillis());
        p.onExit().orTimeout(timeout, TimeUnit.MILLISECONDS).whenComplete((done, error) -> {
            try {
                if (error instanceof TimeoutException) {
                    p.destroy();
                    timer.schedule(() -> p.destroyForcibly(), 2, TimeUnit.SECONDS);
                    results.result(s.name(), false, "timed_out");
                    return;
                }
                int status = p.exitValue();
                Integer previous;
                synchronized (lastStatus) {
                    previous = lastStatus.put(s.name(), status);
                }
                if (previous == null || previous != status) {
                    log.info("Script `" + s.name() + "` now returning " + status);
                }
                results.result(s.name(), status == 0, status == 0 ? "succeeded"
                        : "failed (exited with status " + status + ")");
            } finally {
                running.remove(s.name());
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
