package io.lvsj.ipvs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The commands that turn one IPVS table into another, in an order the kernel accepts:
 * services to remove first, then per kept or new service its removed, changed and new
 * destinations (a new service before its destinations). Applying them (for example with
 * {@link Ipvs#executeAll}) and diffing again gives nothing. Pure.
 *
 * <p>Only what differs is touched: a destination whose configuration is unchanged is never
 * re-added, so its connections and counters survive. Services present in {@code current}
 * but not in {@code desired} are removed only when {@code owned} says they are ours: a
 * reconciler must not delete what another tool put there.
 */
public final class TableDiff {
    private TableDiff() {
    }

    public static List<IpvsCommand> between(IpvsTable current, IpvsTable desired) {
        return between(current, desired, key -> true);
    }

    public static List<IpvsCommand> between(IpvsTable current, IpvsTable desired, Predicate<ServiceKey> owned) {
        List<IpvsCommand> commands = new ArrayList<>();
        for (ServiceKey key : current.services().keySet()) {
            if (!desired.services().containsKey(key) && owned.test(key)) {
                commands.add(new IpvsCommand.DeleteService(key));
            }
        }
        for (IpvsTable.Entry wanted : desired.services().values()) {
            IpvsTable.Entry present = current.services().get(wanted.service().key());
            if (present == null) {
                commands.add(new IpvsCommand.AddService(wanted.service()));
                addAll(commands, wanted);
            } else {
                if (!present.service().equals(wanted.service())) {
                    commands.add(new IpvsCommand.EditService(wanted.service()));
                }
                destinations(commands, wanted.service().key(), present.destinations(), wanted.destinations());
            }
        }
        return commands;
    }

    private static void addAll(List<IpvsCommand> commands, IpvsTable.Entry entry) {
        for (Destination d : entry.destinations().values()) {
            commands.add(new IpvsCommand.AddDestination(entry.service().key(), d));
        }
    }

    private static void destinations(List<IpvsCommand> commands, ServiceKey service,
                                     Map<IpvsTable.DestinationKey, Destination> present,
                                     Map<IpvsTable.DestinationKey, Destination> wanted) {
        for (var p : present.entrySet()) {
            if (!wanted.containsKey(p.getKey())) {
                commands.add(new IpvsCommand.DeleteDestination(service, p.getKey().address(), p.getKey().port()));
            }
        }
        for (var w : wanted.entrySet()) {
            Destination before = present.get(w.getKey());
            if (before == null) {
                commands.add(new IpvsCommand.AddDestination(service, w.getValue()));
            } else if (!before.equals(w.getValue())) {
                commands.add(new IpvsCommand.EditDestination(service, w.getValue()));
            }
        }
    }
}
