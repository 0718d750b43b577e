package io.lvsj.keepalived.daemon;

import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Diagnostic;
import io.lvsj.keepalived.config.KeepalivedConfig;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What keepalived's parent process does with its children, for keepalived-j's subsystems in
 * one process: starts those the {@link Mode} and the configuration call for, hands each signal
 * to them, and on SIGHUP re-reads the configuration, reloads the running subsystems and starts
 * one that now has something to do (keepalived's parent does the same).
 *
 * <p>A configuration that cannot be read to the end, or that keepalived's VRRP process would
 * refuse, changes nothing: its {@code file:line: ...} messages are logged and the running
 * configuration carries on. VRRP reloads first; if it refuses the configuration (an interface
 * this host does not have), the checkers are not reloaded either.
 *
 * <p>Not thread-safe: the process calls it from one thread, one signal at a time.
 */
public final class Dispatcher {
    /** keepalived's KEEPALIVED_EXIT_FATAL: a subsystem could not start. */
    public static final int EXIT_FATAL = 1;

    private final Mode mode;
    private final Map<Subsystem.Kind, Subsystem.Starter> starters;
    private final ConfigSource source;
    private final Logger log;
    private final PidFiles pidFiles;
    private final long pid;
    private final Map<Subsystem.Kind, Subsystem> running = new EnumMap<>(Subsystem.Kind.class);
    private KeepalivedConfig config;

    /**
     * @param starters how to start each subsystem
     * @param log      the parent's log (keepalived's "Keepalived" ident)
     * @param pidFiles where a running subsystem's pid file goes
     * @param pid      this process: what the pid files hold
     */
    public Dispatcher(Mode mode, Map<Subsystem.Kind, Subsystem.Starter> starters, ConfigSource source,
                      Logger log, PidFiles pidFiles, long pid) {
        this.mode = mode;
        this.starters = Map.copyOf(starters);
        this.source = source;
        this.log = log;
        this.pidFiles = pidFiles;
        this.pid = pid;
    }

    /**
     * Starts the subsystems {@code config} calls for, checkers first as keepalived does. If one
     * cannot start, those already started are stopped and the reason is returned.
     */
    public Optional<String> start(KeepalivedConfig config) {
        for (Subsystem.Kind kind : Subsystem.Kind.values()) {
            if (mode.runs(kind, config)) {
                try {
                    startOne(kind, config);
                } catch (IllegalArgumentException e) {
                    stop();
                    return Optional.of(e.getMessage());
                }
            }
        }
        if (running.isEmpty()) {
            log.info("Warning - keepalived has no configuration to run");
        }
        this.config = config;
        return Optional.empty();
    }

    private void startOne(Subsystem.Kind kind, KeepalivedConfig config) {
        log.info("Starting " + kind.childName() + " child process, pid=" + pid);
        running.put(kind, starters.get(kind).start(config));
        pidFiles.writeFor(kind, pid);
    }

    /** SIGHUP. Returns whether the new configuration is now running. */
    public boolean reload() {
        log.info("Reloading ...");
        ConfigReport report = source.read();
        for (Diagnostic d : report.diagnostics()) {
            log.info(d.toString()); // notes too: keepalived logs them at every reading
        }
        Optional<String> refusal = refusal(report);
        if (refusal.isPresent()) {
            log.info("Reload failed, the running configuration is kept: " + refusal.get());
            return false;
        }
        KeepalivedConfig config = report.config();
        for (Subsystem.Kind kind : List.of(Subsystem.Kind.VRRP, Subsystem.Kind.CHECKERS, Subsystem.Kind.BFD)) {
            Subsystem s = running.get(kind);
            try {
                if (s != null) {
                    s.reload(config);
                } else if (mode.runs(kind, config)) {
                    startOne(kind, config);
                }
            } catch (IllegalArgumentException e) {
                log.info("Reload failed, the running configuration is kept: " + e.getMessage());
                if (kind == Subsystem.Kind.VRRP) {
                    return false;
                }
            }
        }
        this.config = config;
        return true;
    }

    /** Why the process would not run {@code report}'s configuration, if it would not. */
    private Optional<String> refusal(ConfigReport report) {
        return switch (report.outcome()) {
            case NOT_READ -> Optional.of("the configuration file could not be read");
            case MISSING_PARAMETER -> Optional.of("a keyword lacks its parameter (see above)");
            case INCLUDE_FAILED -> Optional.of("an included file is missing (see above)");
            case CHECKED -> report.vrrpStops() && (running.containsKey(Subsystem.Kind.VRRP)
                    || mode.runs(Subsystem.Kind.VRRP, report.config()))
                    ? Optional.of("keepalived's VRRP process would not run this configuration (see above)")
                    : Optional.empty();
        };
    }

    /** SIGTERM/SIGINT: VRRP first (a backup takes over while our IPVS table still serves), then the checkers. */
    public void stop() {
        for (Subsystem.Kind kind : List.of(Subsystem.Kind.VRRP, Subsystem.Kind.CHECKERS, Subsystem.Kind.BFD)) {
            Subsystem s = running.remove(kind);
            if (s != null) {
                try {
                    s.stop();
                } catch (RuntimeException e) {
                    log.info("Error stopping " + kind.childName() + ": " + e.getMessage());
                }
                pidFiles.removeFor(kind);
            }
        }
    }

    /** SIGUSR1: every running subsystem writes its data. */
    public void dumpData(Path directory) {
        running.values().forEach(s -> s.dumpData(directory));
    }

    /** SIGUSR2: statistics (only VRRP keeps them, as in keepalived). */
    public void dumpStats(Path directory) {
        running.values().forEach(s -> s.dumpStats(directory));
    }

    /** The configuration running now: the one started, or the last one a reload took. */
    public KeepalivedConfig config() {
        return config;
    }

    public Set<Subsystem.Kind> running() {
        return Set.copyOf(running.keySet());
    }
}
