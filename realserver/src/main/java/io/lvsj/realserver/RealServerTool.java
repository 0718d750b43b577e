package io.lvsj.realserver;

import io.lvsj.netlink.NetlinkException;
import io.lvsj.sys.NetNamespace;
import io.lvsj.sys.StateFile;
import io.lvsj.sys.Sysctl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code start}, {@code stop} and {@code status} for one network namespace. {@code start} is
 * idempotent: it does only what is missing, and when the configuration changed it also undoes
 * what only the dropped VIPs needed. {@code stop} undoes every recorded change, newest first,
 * and leaves alone what someone changed since. Each returns the lines to print.
 */
public final class RealServerTool {
    private final NetNamespace namespace;
    private final StateFile file;

    /** @param namespace the namespace, or {@code null} for this process's own */
    public RealServerTool(NetNamespace namespace, Path runDirectory) {
        this.namespace = namespace;
        try {
            this.file = new StateFile(runDirectory, "realserver", namespace);
        } catch (IOException e) {
            throw new SetupException("cannot identify the network namespace: " + e.getMessage(), e);
        }
    }

    public List<String> start(RealServerConfig config) {
        return locked(() -> {
            RealServerState before = load();
            HostChanges host = new HostChanges(namespace);
            List<Change> made = host.apply(Plan.steps(config, host.view()));
            Set<String> needed = Plan.purposes(config);
            List<Change> kept = new ArrayList<>();
            List<Change> dropped = new ArrayList<>();
            for (Change c : before.changes()) {
                (needed.contains(c.purpose()) ? kept : dropped).add(c);
            }
            List<String> out = new ArrayList<>();
            out.addAll(host.undo(dropped).stream().map(w -> "warning: " + w).toList());
            dropped.forEach(c -> out.add("undid: " + c.text()));
            made.forEach(c -> out.add("did: " + c.text()));
            kept.addAll(made);
            save(new RealServerState(config, kept));
            config.vips().forEach(v -> out.add("VIP " + v + ": ready"));
            return out;
        });
    }

    public List<String> stop() {
        return locked(() -> {
            RealServerState state = load();
            if (state.isEmpty()) {
                return List.of("not started: nothing to undo");
            }
            List<String> out = new ArrayList<>(new HostChanges(namespace).undo(state.changes()).stream()
                    .map(w -> "warning: " + w).toList());
            for (int i = state.changes().size() - 1; i >= 0; i--) {
                out.add("undid: " + state.changes().get(i).text());
            }
            save(null);
            return out;
        });
    }

    /** The VIPs and whether each is in place; {@link Status#code()} 0 all in place, 1 some not, 3 not started. */
    public Status status() {
        RealServerState state = load();
        if (state.isEmpty()) {
            return new Status(3, List.of("not started"));
        }
        Plan.Host host = new HostChanges(namespace).view();
        List<String> out = new ArrayList<>();
        boolean all = true;
        for (Vip v : state.config().vips()) {
            boolean present = host.hasAddress(Plan.device(v), v.address());
            all &= present;
            out.add("VIP " + v + ": " + (present ? "in place" : "MISSING from " + Plan.device(v)));
        }
        Sysctl sysctl = new Sysctl(namespace);
        for (Change c : state.changes()) {
            if (c instanceof Change.Sysctl s && sysctl.exists(s.name())) {
                out.add(s.name() + " = " + sysctl.read(s.name()) + " (was " + s.before() + ")");
            }
        }
        return new Status(all ? 0 : 1, out);
    }

    /** What {@link #status} found. */
    public record Status(int code, List<String> lines) {
    }

    private interface Work {
        List<String> run();
    }

    private List<String> locked(Work work) {
        try (StateFile.Lock ignored = file.lock()) {
            return work.run();
        } catch (IOException e) {
            throw new SetupException("cannot lock " + file.path() + ": " + e.getMessage(), e);
        } catch (NetlinkException | Sysctl.SysctlException e) {
            throw new SetupException(e.getMessage(), e);
        }
    }

    private RealServerState load() {
        try {
            return file.read().map(t -> RealServerState.parse(t, file.path().toString())).orElse(RealServerState.none());
        } catch (IOException e) {
            throw new SetupException("cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    private void save(RealServerState state) {
        try {
            file.write(state == null || state.isEmpty() ? null : state.text());
        } catch (IOException e) {
            throw new SetupException("cannot write " + file.path() + ": " + e.getMessage(), e);
        }
    }
}
