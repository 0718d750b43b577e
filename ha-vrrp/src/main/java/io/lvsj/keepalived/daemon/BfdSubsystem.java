package io.lvsj.keepalived.daemon;

import io.lvsj.keepalived.bfd.BfdDaemon;
import io.lvsj.keepalived.bfd.BfdEvents;
import io.lvsj.keepalived.bfd.BfdSettings;
import io.lvsj.keepalived.config.BfdInstance;
import io.lvsj.keepalived.config.KeepalivedConfig;
import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * keepalived's BFD child: every {@code bfd_instance} a session ({@link BfdDaemon}), whose
 * changes reach the VRRP and checker subsystems through {@link BfdEvents}; at start and at
 * every reload the checkers are also told each session's state, as keepalived's BFD process
 * writes it to their pipe. A reload that changes the sessions starts them afresh (each comes
 * up again within a few packets); one that does not leaves them alone.
 */
final class BfdSubsystem implements Subsystem {
    private final NetNamespace namespace;
    private final Logger log;
    private final BfdEvents events;
    private List<BfdSettings> settings;
    private BfdDaemon daemon;

    private BfdSubsystem(NetNamespace namespace, Logger log, BfdEvents events, KeepalivedConfig config) {
        this.namespace = namespace;
        this.log = log;
        this.events = events;
        this.settings = settings(config);
        this.daemon = start(settings, forCheckers(config));
    }

    /** The sessions whose state keepalived's BFD process tells the checker process at start and reload. */
    private static Set<String> forCheckers(KeepalivedConfig config) {
        return config.bfdInstances().stream().filter(BfdInstance::forChecker).map(BfdInstance::name)
                .collect(Collectors.toSet());
    }

    static Starter starter(NetNamespace namespace, Logger log, BfdEvents events) {
        return config -> new BfdSubsystem(namespace, log, events, config);
    }

    private static List<BfdSettings> settings(KeepalivedConfig config) {
        return config.bfdInstances().stream().map(BfdSettings::of).toList();
    }

    private BfdDaemon start(List<BfdSettings> sessions, Set<String> forCheckers) {
        try {
            return BfdDaemon.start(sessions, namespace, log, events, forCheckers);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("BFD: " + e.getMessage(), e);
        }
    }

    @Override
    public void reload(KeepalivedConfig config) {
        List<BfdSettings> next = settings(config);
        if (next.equals(settings)) {
            daemon.reportStates(forCheckers(config)); // as they are now, after what the sessions did so far
            return;
        }
        daemon.close();
        settings = next;
        daemon = start(next, forCheckers(config));
    }

    @Override
    public void stop() {
        daemon.close();
    }

    /** SIGUSR1: {@code keepalived_bfd.data}, each session's state and detection time (fewer fields than keepalived's). */
    @Override
    public void dumpData(Path directory) {
        StringBuilder text = new StringBuilder("------< BFD Topology >------\n");
        daemon.statuses().forEach((name, s) -> text.append(" BFD Instance = ").append(name).append('\n')
                .append("   state = ").append(s.state().text()).append('\n')
                .append("   local detection time = ").append(s.detectionTime()).append(" us\n"));
        Dumps.write(directory.resolve("keepalived_bfd.data"), text.toString(), log);
    }
}
