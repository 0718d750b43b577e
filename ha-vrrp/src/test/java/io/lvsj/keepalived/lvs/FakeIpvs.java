package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.CommandFailure;
import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.Ipvs;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.IpvsInfo;
import io.lvsj.ipvs.IpvsTable;
import io.lvsj.ipvs.ServiceEntry;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.Stats;
import io.lvsj.ipvs.SyncDaemon;
import io.lvsj.ipvs.Timeouts;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.sys.Errno;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An in-memory IPVS for host tests of the reconciler: keeps a table, refuses commands the way
 * the kernel does (EEXIST, ESRCH, ENOENT), records every command, and reports connection
 * counts a test sets. The kernel lab tests prove the same against the real thing.
 */
public final class FakeIpvs implements Ipvs {
    IpvsTable table = IpvsTable.EMPTY;
    final List<IpvsCommand> log = new ArrayList<>();
    final List<SyncDaemon> daemons = new ArrayList<>();
    final Map<IpvsTable.DestinationKey, Long> connections = new HashMap<>();
    Predicate<IpvsCommand> refuse = c -> false;

    @Override
    public IpvsInfo info() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ServiceEntry> services() {
        return table.services().values().stream().map(e -> new ServiceEntry(e.service(), Stats.ZERO)).toList();
    }

    @Override
    public Optional<ServiceEntry> service(ServiceKey key) {
        IpvsTable.Entry e = table.services().get(key);
        return e == null ? Optional.empty() : Optional.of(new ServiceEntry(e.service(), Stats.ZERO));
    }

    @Override
    public List<DestinationEntry> destinations(ServiceKey key) {
        IpvsTable.Entry e = table.services().get(key);
        if (e == null) {
            return List.of();
        }
        List<DestinationEntry> out = new ArrayList<>();
        for (Destination d : e.destinations().values()) {
            long active = connections.getOrDefault(IpvsTable.DestinationKey.of(d), 0L);
            out.add(new DestinationEntry(d, active, 0, 0, Stats.ZERO));
        }
        return out;
    }

    @Override
    public Timeouts timeouts() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<SyncDaemon> daemons() {
        return List.copyOf(daemons);
    }

    @Override
    public void execute(IpvsCommand command) {
        Integer errno = errno(command);
        if (errno != null) {
            throw new NetlinkException(command.describe(), errno, null);
        }
        log.add(command);
        switch (command) {
            case IpvsCommand.StartDaemon s -> daemons.add(s.daemon());
            case IpvsCommand.StopDaemon s -> daemons.removeIf(d -> d.state() == s.state());
            default -> table = TableEdits.apply(table, command);
        }
    }

    @Override
    public List<CommandFailure> executeAll(List<? extends IpvsCommand> commands) {
        List<CommandFailure> failures = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            try {
                execute(commands.get(i));
            } catch (NetlinkException e) {
                failures.add(new CommandFailure(i, commands.get(i), e.errno(), null));
            }
        }
        return failures;
    }

    private Integer errno(IpvsCommand command) {
        if (refuse.test(command)) {
            return Errno.EINVAL.number();
        }
        return switch (command) {
            case IpvsCommand.AddService c -> has(c.service().key()) ? Integer.valueOf(Errno.EEXIST.number()) : null;
            case IpvsCommand.EditService c -> has(c.service().key()) ? null : Integer.valueOf(Errno.ESRCH.number());
            case IpvsCommand.DeleteService c -> has(c.key()) ? null : Integer.valueOf(Errno.ESRCH.number());
            case IpvsCommand.AddDestination c -> destinationError(c.service(),
                    IpvsTable.DestinationKey.of(c.destination()), true);
            case IpvsCommand.EditDestination c -> destinationError(c.service(),
                    IpvsTable.DestinationKey.of(c.destination()), false);
            case IpvsCommand.DeleteDestination c -> destinationError(c.service(),
                    new IpvsTable.DestinationKey(c.address(), c.port()), false);
            default -> null;
        };
    }

    private boolean has(ServiceKey key) {
        return table.services().containsKey(key);
    }

    /** ESRCH without the service; for an add EEXIST if present, else ENOENT if absent. */
    private Integer destinationError(ServiceKey service, IpvsTable.DestinationKey key, boolean adding) {
        if (!has(service)) {
            return Errno.ESRCH.number();
        }
        boolean present = table.services().get(service).destinations().containsKey(key);
        if (adding) {
            return present ? Integer.valueOf(Errno.EEXIST.number()) : null;
        }
        return present ? null : Integer.valueOf(Errno.ENOENT.number());
    }

    @Override
    public void close() {
    }
}
