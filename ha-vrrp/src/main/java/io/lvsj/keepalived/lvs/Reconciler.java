package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.CommandFailure;
import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.Ipvs;
import io.lvsj.ipvs.IpProtocol;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.IpvsTable;
import io.lvsj.ipvs.ServiceEntry;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.TableDiff;
import io.lvsj.netlink.NetlinkException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Makes the kernel's IPVS table equal to the desired one, touching only what differs and only
 * services that are ours (configured now or before); other tools' services are left alone.
 *
 * <ul>
 * <li>{@link #start}: reads the kernel and adopts what already matches instead of flushing,
 *     so a restart does not break connections.</li>
 * <li>{@link #apply}: after a health change, the difference for one virtual server's services,
 *     computed against what the reconciler knows the kernel holds, in one pipelined batch.</li>
 * <li>{@link #reload}: re-reads the kernel and applies the difference to the new table;
 *     removed destinations drain first where configured.</li>
 * <li>{@link #stop}: deletes the services it owns, as keepalived does on shutdown.</li>
 * </ul>
 *
 * A command the kernel refuses makes it re-read that service and try once more; what still
 * fails is returned, each failure naming the object and the errno. Single-threaded.
 */
public final class Reconciler {

    /** What an apply did: the commands the kernel carried out and those it refused. */
    public record Result(List<IpvsCommand> applied, List<CommandFailure> failures) {
        static final Result NOTHING = new Result(List.of(), List.of());

        Result plus(Result other) {
            List<IpvsCommand> a = new ArrayList<>(applied);
            a.addAll(other.applied);
            List<CommandFailure> f = new ArrayList<>(failures);
            f.addAll(other.failures);
            return new Result(a, f);
        }
    }

    private final Ipvs ipvs;
    private final LongSupplier clock;
    private final Set<ServiceKey> owned = new LinkedHashSet<>();
    private final Draining draining = new Draining();
    private final KnownTable known = new KnownTable();

    public Reconciler(Ipvs ipvs, LongSupplier clock) {
        this.ipvs = ipvs;
        this.clock = clock;
    }

    /** What the reconciler believes the kernel holds for its services. */
    public IpvsTable known() {
        return known.table();
    }

    public Set<ServiceKey> owned() {
        return Set.copyOf(owned);
    }

    /** Adopts the kernel's matching entries and applies the rest of {@code desired}. */
    public Result start(IpvsTable desired) {
        owned.addAll(desired.services().keySet());
        readKernel(owned);
        return converge(known.restrict(owned), desired, owned);
    }

    /**
     * Applies {@code part}: the desired entries of the services in {@code scope} (a virtual
     * server's services; a service in scope but not in part is deleted).
     */
    public Result apply(IpvsTable part, Collection<ServiceKey> scope) {
        IpvsTable wanted = draining.overlay(part);
        Set<ServiceKey> keys = new LinkedHashSet<>(scope);
        keys.addAll(wanted.services().keySet());
        owned.addAll(wanted.services().keySet());
        return converge(known.restrict(keys), wanted, keys);
    }

    /**
     * Applies one real server's destination in one service ({@code wanted} empty: absent), the
     * cheap path for a health change that moved nothing else: O(1) however large the service.
     */
    public Result applyDestination(ServiceKey service, IpvsTable.DestinationKey key, Optional<Destination> wanted) {
        Destination present = known.destination(service, key);
        if (!known.has(service) || draining.services().contains(service)) {
            return Result.NOTHING; // not set up (a refused service add) or draining: the full path handles it
        }
        IpvsCommand command;
        if (wanted.isEmpty()) {
            if (present == null) {
                return Result.NOTHING;
            }
            command = new IpvsCommand.DeleteDestination(service, key.address(), key.port());
        } else if (present == null) {
            command = new IpvsCommand.AddDestination(service, wanted.get());
        } else if (!present.equals(wanted.get())) {
            command = new IpvsCommand.EditDestination(service, wanted.get());
        } else {
            return Result.NOTHING;
        }
        Result first = execute(List.of(command));
        if (first.failures().isEmpty()) {
            return first;
        }
        refresh(Set.of(service));
        IpvsTable now = known.restrict(List.of(service));
        IpvsTable.Entry entry = now.services().get(service);
        if (entry == null) {
            return first;
        }
        Map<IpvsTable.DestinationKey, Destination> dests = new java.util.LinkedHashMap<>(entry.destinations());
        wanted.ifPresentOrElse(d -> dests.put(key, d), () -> dests.remove(key));
        Result second = execute(TableDiff.between(now, new IpvsTable(Map.of(service,
                new IpvsTable.Entry(entry.service(), dests)))));
        return new Result(first.plus(second).applied(), second.failures());
    }

    /**
     * Applies a new configuration's whole table. Destinations and services it drops are drained
     * first when {@code drainFor} gives a time for their service, else removed at once.
     */
    public Result reload(IpvsTable desired, Function<ServiceKey, Optional<Duration>> drainFor) {
        Set<ServiceKey> scope = new LinkedHashSet<>(owned);
        scope.addAll(desired.services().keySet());
        readKernel(scope);
        long now = clock.getAsLong();
        for (IpvsTable.Entry present : known.restrict(scope).services().values()) {
            ServiceKey key = present.service().key();
            Optional<Duration> drain = drainFor.apply(key);
            if (drain.isEmpty()) {
                continue;
            }
            long deadline = now + drain.get().toNanos();
            IpvsTable.Entry wanted = desired.services().get(key);
            if (wanted == null) {
                draining.drainService(present, deadline);
            } else {
                present.destinations().forEach((k, d) -> {
                    if (!wanted.destinations().containsKey(k)) {
                        draining.drain(key, d, deadline);
                    }
                });
            }
        }
        IpvsTable wanted = draining.overlay(desired);
        owned.clear();
        owned.addAll(wanted.services().keySet());
        return converge(known.restrict(scope), wanted, scope);
    }

    /** Whether drained destinations are waiting to be removed. */
    public boolean draining() {
        return !draining.isEmpty();
    }

    /**
     * Checks the connections of draining destinations and removes those that are idle or out of
     * time; {@code desired} is the current desired table (the lingering entries come on top).
     */
    public Result settleDrains(IpvsTable desired) {
        if (draining.isEmpty()) {
            return Result.NOTHING;
        }
        long now = clock.getAsLong();
        boolean ended = false;
        Set<ServiceKey> touched = new LinkedHashSet<>(draining.services());
        for (ServiceKey key : touched) {
            // A TCP (or SCTP) connection that has closed stays "inactive" in IPVS for minutes
            // (FIN_WAIT, TIME_WAIT) while carrying nothing; a UDP flow is never "active".
            boolean datagrams = key instanceof ServiceKey.Inet inet && inet.protocol().equals(IpProtocol.UDP)
                    || key instanceof ServiceKey.Fwmark;
            Map<IpvsTable.DestinationKey, Long> connections = new HashMap<>();
            for (DestinationEntry d : ipvs.destinations(key)) {
                connections.put(IpvsTable.DestinationKey.of(d.destination()),
                        d.activeConnections() + (datagrams ? d.inactiveConnections() : 0));
            }
            ended |= draining.settle(key, connections, now);
        }
        if (!ended) {
            return Result.NOTHING;
        }
        IpvsTable wanted = draining.overlay(TableEdits.restrict(desired, touched));
        owned.removeIf(k -> touched.contains(k) && !wanted.services().containsKey(k));
        return converge(known.restrict(touched), wanted, touched);
    }

    /** Deletes every service this reconciler owns. */
    public Result stop() {
        IpvsTable mine = known.restrict(owned);
        Set<ServiceKey> scope = new LinkedHashSet<>(owned);
        owned.clear();
        return converge(mine, IpvsTable.EMPTY, scope);
    }

    /**
     * Turns {@code from} (the known state of {@code scope}) into {@code to}; on refusals re-reads
     * the refused services from the kernel and tries once more.
     */
    private Result converge(IpvsTable from, IpvsTable to, Set<ServiceKey> scope) {
        Result first = execute(TableDiff.between(from, to, scope::contains));
        if (first.failures().isEmpty()) {
            return first;
        }
        Set<ServiceKey> refused = new LinkedHashSet<>();
        for (CommandFailure f : first.failures()) {
            refused.add(serviceOf(f.command()));
        }
        refresh(refused);
        Result second = execute(TableDiff.between(known.restrict(refused),
                TableEdits.restrict(to, refused), refused::contains));
        return new Result(first.plus(second).applied(), second.failures());
    }

    private Result execute(List<IpvsCommand> commands) {
        if (commands.isEmpty()) {
            return Result.NOTHING;
        }
        List<CommandFailure> failures = ipvs.executeAll(commands);
        Set<Integer> failed = new java.util.HashSet<>();
        failures.forEach(f -> failed.add(f.index()));
        List<IpvsCommand> applied = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            if (!failed.contains(i)) {
                applied.add(commands.get(i));
                known.apply(commands.get(i));
            }
        }
        return new Result(applied, failures);
    }

    /** Replaces what is known by the kernel's table, for the services in {@code scope}. */
    private void readKernel(Set<ServiceKey> scope) {
        known.clear();
        for (IpvsTable.Entry e : IpvsTable.of(ipvs.table()).services().values()) {
            if (scope.contains(e.service().key())) {
                known.put(e);
            }
        }
    }

    /** Re-reads services from the kernel into what is known. */
    private void refresh(Set<ServiceKey> keys) {
        for (ServiceKey key : keys) {
            known.remove(key);
            Optional<ServiceEntry> service;
            try {
                service = ipvs.service(key);
            } catch (NetlinkException e) {
                continue;
            }
            if (service.isPresent()) {
                List<Destination> dests = ipvs.destinations(key).stream()
                        .map(DestinationEntry::destination).toList();
                known.put(IpvsTable.Entry.of(service.get().service(), dests));
            }
        }
    }

    private static ServiceKey serviceOf(IpvsCommand command) {
        return switch (command) {
            case IpvsCommand.AddService c -> c.service().key();
            case IpvsCommand.EditService c -> c.service().key();
            case IpvsCommand.DeleteService c -> c.key();
            case IpvsCommand.AddDestination c -> c.service();
            case IpvsCommand.EditDestination c -> c.service();
            case IpvsCommand.DeleteDestination c -> c.service();
            default -> throw new IllegalArgumentException("not a table command: " + command.describe());
        };
    }
}
