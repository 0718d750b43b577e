package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.IpvsTable;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceKey;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the reconciler knows the kernel holds for its services, updated in place as commands
 * succeed: a change to one destination of a service with 10,000 costs O(1), not a copy of the
 * table. Snapshots ({@link #restrict}) are {@link IpvsTable}s for {@link io.lvsj.ipvs.TableDiff}.
 */
final class KnownTable {
    private final Map<ServiceKey, Service> services = new LinkedHashMap<>();
    private final Map<ServiceKey, Map<IpvsTable.DestinationKey, Destination>> destinations = new LinkedHashMap<>();

    void clear() {
        services.clear();
        destinations.clear();
    }

    /** Replaces what is known of {@code entry}'s service. */
    void put(IpvsTable.Entry entry) {
        ServiceKey key = entry.service().key();
        services.put(key, entry.service());
        destinations.put(key, new LinkedHashMap<>(entry.destinations()));
    }

    void remove(ServiceKey key) {
        services.remove(key);
        destinations.remove(key);
    }

    boolean has(ServiceKey key) {
        return services.containsKey(key);
    }

    Destination destination(ServiceKey service, IpvsTable.DestinationKey key) {
        Map<IpvsTable.DestinationKey, Destination> d = destinations.get(service);
        return d == null ? null : d.get(key);
    }

    /** Records a command the kernel carried out. */
    void apply(IpvsCommand command) {
        switch (command) {
            case IpvsCommand.AddService c -> {
                services.put(c.service().key(), c.service());
                destinations.put(c.service().key(), new LinkedHashMap<>());
            }
            case IpvsCommand.EditService c -> {
                if (services.containsKey(c.service().key())) {
                    services.put(c.service().key(), c.service());
                }
            }
            case IpvsCommand.DeleteService c -> remove(c.key());
            case IpvsCommand.AddDestination c -> putDestination(c.service(), c.destination());
            case IpvsCommand.EditDestination c -> putDestination(c.service(), c.destination());
            case IpvsCommand.DeleteDestination c -> {
                Map<IpvsTable.DestinationKey, Destination> d = destinations.get(c.service());
                if (d != null) {
                    d.remove(new IpvsTable.DestinationKey(c.address(), c.port()));
                }
            }
            case IpvsCommand.Flush c -> clear();
            default -> {
                // counters, timeouts and daemons are not part of the table
            }
        }
    }

    private void putDestination(ServiceKey service, Destination d) {
        Map<IpvsTable.DestinationKey, Destination> dests = destinations.get(service);
        if (dests != null) {
            dests.put(IpvsTable.DestinationKey.of(d), d);
        }
    }

    /** A snapshot of the services in {@code keys} that are known. */
    IpvsTable restrict(Collection<ServiceKey> keys) {
        Map<ServiceKey, IpvsTable.Entry> out = new LinkedHashMap<>();
        for (ServiceKey key : keys) {
            Service s = services.get(key);
            if (s != null) {
                out.put(key, new IpvsTable.Entry(s, destinations.get(key)));
            }
        }
        return new IpvsTable(out);
    }

    /** A snapshot of everything known. */
    IpvsTable table() {
        return restrict(services.keySet());
    }
}
