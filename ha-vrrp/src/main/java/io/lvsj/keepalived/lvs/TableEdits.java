package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.IpvsTable;
import io.lvsj.ipvs.ServiceKey;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Pure operations on {@link IpvsTable}s: applying a command, restricting, merging. */
public final class TableEdits {
    private TableEdits() {
    }

    /** The table after the kernel carried out {@code command}. */
    public static IpvsTable apply(IpvsTable table, IpvsCommand command) {
        Map<ServiceKey, IpvsTable.Entry> services = new LinkedHashMap<>(table.services());
        switch (command) {
            case IpvsCommand.AddService add -> services.put(add.service().key(), new IpvsTable.Entry(add.service(), Map.of()));
            case IpvsCommand.EditService edit -> {
                IpvsTable.Entry e = services.get(edit.service().key());
                if (e != null) {
                    services.put(edit.service().key(), new IpvsTable.Entry(edit.service(), e.destinations()));
                }
            }
            case IpvsCommand.DeleteService del -> services.remove(del.key());
            case IpvsCommand.AddDestination add -> putDestination(services, add.service(), add.destination());
            case IpvsCommand.EditDestination edit -> putDestination(services, edit.service(), edit.destination());
            case IpvsCommand.DeleteDestination del -> {
                IpvsTable.Entry e = services.get(del.service());
                if (e != null) {
                    Map<IpvsTable.DestinationKey, Destination> dests = new LinkedHashMap<>(e.destinations());
                    dests.remove(new IpvsTable.DestinationKey(del.address(), del.port()));
                    services.put(del.service(), new IpvsTable.Entry(e.service(), dests));
                }
            }
            case IpvsCommand.Flush ignored -> services.clear();
            default -> {
                // zeroing counters, timeouts and daemons do not change the table
            }
        }
        return new IpvsTable(services);
    }

    private static void putDestination(Map<ServiceKey, IpvsTable.Entry> services, ServiceKey key, Destination d) {
        IpvsTable.Entry e = services.get(key);
        if (e != null) {
            Map<IpvsTable.DestinationKey, Destination> dests = new LinkedHashMap<>(e.destinations());
            dests.put(IpvsTable.DestinationKey.of(d), d);
            services.put(key, new IpvsTable.Entry(e.service(), dests));
        }
    }

    /** Only the services in {@code keys}. */
    public static IpvsTable restrict(IpvsTable table, Collection<ServiceKey> keys) {
        Set<ServiceKey> wanted = Set.copyOf(keys);
        Map<ServiceKey, IpvsTable.Entry> out = new LinkedHashMap<>();
        table.services().forEach((k, e) -> {
            if (wanted.contains(k)) {
                out.put(k, e);
            }
        });
        return new IpvsTable(out);
    }

    /** {@code base} with the services of {@code part} replacing or adding to its own. */
    public static IpvsTable overlay(IpvsTable base, IpvsTable part) {
        Map<ServiceKey, IpvsTable.Entry> out = new LinkedHashMap<>(base.services());
        out.putAll(part.services());
        return new IpvsTable(out);
    }

    /** {@code base} without the services in {@code keys}. */
    public static IpvsTable without(IpvsTable base, Collection<ServiceKey> keys) {
        Map<ServiceKey, IpvsTable.Entry> out = new LinkedHashMap<>(base.services());
        keys.forEach(out::remove);
        return new IpvsTable(out);
    }
}
