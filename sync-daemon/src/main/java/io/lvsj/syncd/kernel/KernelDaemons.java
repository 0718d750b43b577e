package io.lvsj.syncd.kernel;

import io.lvsj.ipvs.DaemonState;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.SyncDaemon;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What lvs-syncd makes of the kernel's sync daemons (as {@code ipvsadm -L --daemon} lists
 * them). Pure: the daemon polls the kernel and acts on the {@link Plan}. lvs-syncd never stops
 * a kernel daemon, and never touches one on another interface: that one is someone else's
 * (keepalived's, or an operator's), and it is only reported.
 */
public final class KernelDaemons {
    /** The kernel's default sync group and port. */
    public static final InetAddress DEFAULT_GROUP = InetAddress.ofLiteral("224.0.0.81");
    public static final int DEFAULT_PORT = 8848;

    private KernelDaemons() {
    }

    /**
     * What to do now.
     *
     * @param start    daemons to start (manage mode only)
     * @param backup   the backup daemon on the sync link that injected records go to, if any
     * @param master   whether a master daemon runs on the sync link (so there is something to hear)
     * @param warnings sentences for the log about daemons lvs-syncd cannot relay
     */
    public record Plan(List<IpvsCommand> start, Optional<SyncDaemon> backup, boolean master, List<String> warnings) {
    }

    /** The plan for {@code running} daemons, given the link's kernel side and our settings. */
    public static Plan plan(List<SyncDaemon> running, DaemonMode mode, String kernelSide, int syncId,
                            InetAddress group, int port) {
        List<IpvsCommand> start = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Optional<SyncDaemon> backup = Optional.empty();
        boolean master = false;
        for (DaemonState state : DaemonState.values()) {
            Optional<SyncDaemon> d = running.stream().filter(x -> x.state() == state).findFirst();
            if (d.isPresent() && !d.get().interfaceName().equals(kernelSide)) {
                warnings.add("the kernel's " + state.word() + " sync daemon runs on " + d.get().interfaceName()
                        + ", not on the sync link " + kernelSide + ": lvs-syncd leaves it alone and cannot relay"
                        + (state == DaemonState.MASTER ? " its messages" : " to it")
                        + " (point lvs_sync_daemon or ipvsadm --start-daemon at " + kernelSide + ")");
                continue;
            }
            if (d.isPresent()) {
                if (!groupOf(d.get()).equals(group) || portOf(d.get()) != port) {
                    warnings.add("the kernel's " + state.word() + " sync daemon on " + kernelSide + " uses "
                            + groupOf(d.get()).getHostAddress() + ":" + portOf(d.get()) + ", lvs-syncd "
                            + group.getHostAddress() + ":" + port + " (set sync-group and sync-port to match)");
                    continue;
                }
            } else if (mode == DaemonMode.MANAGE) {
                SyncDaemon wanted = new SyncDaemon(state, kernelSide, syncId, 0, group, port, 1);
                start.add(new IpvsCommand.StartDaemon(wanted));
                d = Optional.of(wanted);
            }
            if (d.isPresent() && state == DaemonState.BACKUP) {
                backup = d;
            }
            if (d.isPresent() && state == DaemonState.MASTER) {
                master = true;
            }
        }
        return new Plan(List.copyOf(start), backup, master, List.copyOf(warnings));
    }

    static InetAddress groupOf(SyncDaemon d) {
        return d.group() == null ? DEFAULT_GROUP : d.group();
    }

    static int portOf(SyncDaemon d) {
        return d.port() == 0 ? DEFAULT_PORT : d.port();
    }

    /** The largest datagram the backup daemon reads: its maxlen, or the kernel's default. */
    public static int maxLength(SyncDaemon backup) {
        return backup.maxLength() > 0 ? backup.maxLength() : 1472;
    }
}
