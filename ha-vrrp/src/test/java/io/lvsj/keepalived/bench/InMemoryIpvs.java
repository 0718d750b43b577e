package io.lvsj.keepalived.bench;

import io.lvsj.ipvs.CommandFailure;
import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.Ipvs;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.IpvsInfo;
import io.lvsj.ipvs.IpvsTable;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceEntry;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.Stats;
import io.lvsj.ipvs.SyncDaemon;
import io.lvsj.ipvs.Timeouts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Not a test: an IPVS kept in memory, for measuring the checker alone on a host whose kernel
 * has no IPVS. Carries out every table command, refuses none.
 */
final class InMemoryIpvs implements Ipvs {
    private final Map<ServiceKey, Service> services = new ConcurrentHashMap<>();
    private final Map<ServiceKey, Map<IpvsTable.DestinationKey, Destination>> destinations = new ConcurrentHashMap<>();

    @Override
    public IpvsInfo info() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ServiceEntry> services() {
        return services.values().stream().map(s -> new ServiceEntry(s, Stats.ZERO)).toList();
    }

    @Override
    public Optional<ServiceEntry> service(ServiceKey key) {
        return Optional.ofNullable(services.get(key)).map(s -> new ServiceEntry(s, Stats.ZERO));
    }

    @Override
    public List<DestinationEntry> destinations(ServiceKey key) {
        List<DestinationEntry> out = new ArrayList<>();
        destinations.getOrDefault(key, Map.of()).values().forEach(d -> out.add(new DestinationEntry(d, 0, 0, 0,
                Stats.ZERO)));
        return out;
    }

    @Override
    public Timeouts timeouts() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<SyncDaemon> daemons() {
        return List.of();
    }

    @Override
    public synchronized void execute(IpvsCommand command) {
        switch (command) {
            case IpvsCommand.AddService c -> {
                services.put(c.service().key(), c.service());
                destinations.put(c.service().key(), new LinkedHashMap<>());
            }
            case IpvsCommand.EditService c -> services.put(c.service().key(), c.service());
            case IpvsCommand.DeleteService c -> {
                services.remove(c.key());
                destinations.remove(c.key());
            }
            case IpvsCommand.AddDestination c -> destinations.get(c.service())
                    .put(IpvsTable.DestinationKey.of(c.destination()), c.destination());
            case IpvsCommand.EditDestination c -> destinations.get(c.service())
                    .put(IpvsTable.DestinationKey.of(c.destination()), c.destination());
            case IpvsCommand.DeleteDestination c -> destinations.get(c.service())
                    .remove(new IpvsTable.DestinationKey(c.address(), c.port()));
            default -> {
            }
        }
    }

    @Override
    public List<CommandFailure> executeAll(List<? extends IpvsCommand> commands) {
        commands.forEach(this::execute);
        return List.of();
    }

    @Override
    public void close() {
    }
}
