package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.DaemonState;
import io.lvsj.ipvs.Ipvs;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.SyncDaemon;
import io.lvsj.netlink.NetlinkException;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the kernel sync daemon as keepalived's VRRP process does: one daemon, backup until its
 * instance becomes master, master while it is, backup again when it leaves; stopped at
 * shutdown; restarted when a reload changes its settings. Errors are logged, as keepalived
 * does, and never stop VRRP.
 */
public final class SyncDaemons {
    private final Ipvs ipvs;
    private final Logger log;
    private Optional<SyncDaemonSpec> spec = Optional.empty();
    private SyncDaemon running;

    public SyncDaemons(Ipvs ipvs, Logger log) {
        this.ipvs = ipvs;
        this.log = log;
    }

    /** The commands that take the kernel from {@code current} to {@code wanted} (either may be null). Pure. */
    static List<IpvsCommand> transition(SyncDaemon current, SyncDaemon wanted) {
        List<IpvsCommand> commands = new ArrayList<>();
        if (current != null && !current.equals(wanted)) {
            commands.add(new IpvsCommand.StopDaemon(current.state(), current.syncId()));
        }
        if (wanted != null && !wanted.equals(current)) {
            commands.add(new IpvsCommand.StartDaemon(wanted));
        }
        return commands;
    }

    /** Applies a configuration (at start or reload) while the instance is {@code master} or not. */
    public synchronized void configure(Optional<SyncDaemonSpec> newSpec, boolean master) {
        spec = newSpec;
        apply(master);
    }

    /** The instance's VRRP state changed. */
    public synchronized void instanceState(String instance, boolean master) {
        if (spec.isPresent() && spec.get().instance().equals(instance)) {
            apply(master);
        }
    }

    /** Stops the daemon (shutdown). */
    public synchronized void stop() {
        execute(transition(running, null));
        running = null;
    }

    public synchronized Optional<SyncDaemon> running() {
        return Optional.ofNullable(running);
    }

    private void apply(boolean master) {
        SyncDaemon wanted = spec.map(s -> s.daemon(master ? DaemonState.MASTER : DaemonState.BACKUP)).orElse(null);
        if (execute(transition(running, wanted))) {
            running = wanted;
        }
    }

    private boolean execute(List<IpvsCommand> commands) {
        boolean ok = true;
        for (IpvsCommand c : commands) {
            try {
                ipvs.execute(c);
            } catch (NetlinkException e) {
                log.info("IPVS: " + e.getMessage());
                ok = c instanceof IpvsCommand.StopDaemon && ok; // a daemon already gone is stopped
            }
        }
        return ok;
    }
}
