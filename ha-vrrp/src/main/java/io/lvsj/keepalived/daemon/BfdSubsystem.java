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

/**
 * keepalived's BFD child: every {@code bfd_instance} a session ({@link BfdDaemon}), whose
 * changes reach the VRRP and checker subsystems through {@link BfdEvents}; at start and at
 * every reload the checkers are also told each session's state, as keepalived's BFD process
 * writes it to their pipe. A reload that changes the
 * sessions starts them afresh (each comes up again within a few packets); one that does not
 * leaves them alone.
 */
final class BfdSubsystem implements Subsystem {
    private final NetNamespace namespace;
    private final Logger log;
    private final BfdEvents events;
    private List<BfdSettings> settings;
    private BfdDaemon daemon;

    private BfdSubsystem(NetNamespace namespace, Logger log, BfdEvents events, List<BfdSettings> settings) {
        this.namespace = namespace;
        this.log = log;
        this.events = events;
        this.settings = settings;
        this.daemon = start(settings);
    }

    /** keepalived's BFD process tells the checker process each session's state at start and reload. */
    private void reportStates(KeepalivedConfig config) {
        daemon.reportStates(config.bfdInstances().stream().filter(BfdInstance::forChecker).map(BfdInstance::name)
                .collect(java.util.stream.Collectors.toSet()));
    }

    static Starter starter(NetNamespace namespace, Logger log, BfdEvents events) {
        return config -> {
            BfdSubsystem bfd = new BfdSubsystem(namespace, log, events, settings(config));
            bfd.reportStates(config);
            return bfd;
        };
    }

    private static List<BfdSettings> settings(KeepalivedConfig config) {
        return config.bfdInstances().stream().map(BfdSettings::of).toList();
    }

    private BfdDaemon start(List<BfdSettings> sessions) {
        try {
            return BfdDaemon.start(sessions, namespace, log, events);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("BFD: " + e.getMessage(), e);
        }
    }

    @Override
    public void reload(KeepalivedConfig config) {
        List<BfdSettings> next = settings(config);
        if (!next.equals(settings)) {
            daemon.close();
            settings = next;
            daemon = start(next);
        }
        reportStates(config);
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
