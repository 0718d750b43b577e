package io.lvsj.ipvsadm.differential;

import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.Ipvs;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceEntry;
import io.lvsj.ipvs.SyncDaemon;
import io.lvsj.ipvs.Timeouts;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything ipvsadm can change in a namespace's IPVS, read through netlink and written one
 * fact per line in a fixed order: services with all their settings, destinations with all
 * theirs (thresholds and tunnel settings included, which {@code -Sn} leaves out), the
 * timeouts and the sync daemons. Two namespaces hold the same IPVS state exactly when these
 * texts are equal.
 */
final class KernelState {
    private KernelState() {
    }

    static String capture(Ipvs ipvs) {
        List<String> lines = new ArrayList<>();
        for (ServiceEntry entry : ipvs.services()) {
            Service s = entry.service();
            lines.add("service " + s.key() + " sched=" + s.scheduler() + " flags=" + s.flags() + " timeout="
                    + Integer.toUnsignedString(s.timeout()) + " netmask=" + Integer.toHexString(s.netmask())
                    + " pe=" + s.persistenceEngine());
            List<String> destinations = new ArrayList<>();
            for (DestinationEntry de : ipvs.destinations(s.key())) {
                Destination d = de.destination();
                destinations.add("  dest " + d + " family=" + d.family() + " upper=" + d.upperThreshold() + " lower="
                        + d.lowerThreshold() + " tunnel=" + d.tunnelType() + "/" + d.tunnelPort() + "/" + d.tunnelFlags());
            }
            destinations.sort(null);
            lines.addAll(destinations);
        }
        List<String> services = groupSorted(lines);
        Timeouts t = ipvs.timeouts();
        services.add("timeouts " + t.tcp() + " " + t.tcpFin() + " " + t.udp());
        for (SyncDaemon d : ipvs.daemons()) {
            services.add("daemon " + d);
        }
        return String.join("\n", services) + "\n";
    }

    /** Sorts service blocks (a service line and its destination lines) by the service line. */
    private static List<String> groupSorted(List<String> lines) {
        List<List<String>> blocks = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("service ")) {
                blocks.add(new ArrayList<>());
            }
            blocks.getLast().add(line);
        }
        blocks.sort((a, b) -> a.getFirst().compareTo(b.getFirst()));
        List<String> out = new ArrayList<>();
        blocks.forEach(out::addAll);
        return out;
    }
}
