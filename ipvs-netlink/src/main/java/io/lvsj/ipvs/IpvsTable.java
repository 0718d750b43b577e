package io.lvsj.ipvs;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole IPVS configuration as a value: services and their destinations, without counters.
 * It is what a reconciler wants the kernel to hold, and what {@link #of(List)} makes of what
 * the kernel holds, so the two can be compared with {@link TableDiff}.
 */
public record IpvsTable(Map<ServiceKey, Entry> services) {

    /** A service and its destinations, keyed by address and port. */
    public record Entry(Service service, Map<DestinationKey, Destination> destinations) {
        public Entry {
            Objects.requireNonNull(service, "service");
            destinations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(destinations));
        }

        public static Entry of(Service service, Collection<Destination> destinations) {
            Map<DestinationKey, Destination> byKey = new LinkedHashMap<>();
            for (Destination d : destinations) {
                if (byKey.put(DestinationKey.of(d), d) != null) {
                    throw new IllegalArgumentException("destination " + DestinationKey.of(d) + " listed twice in " + service.key());
                }
            }
            return new Entry(service, byKey);
        }
    }

    /** What identifies a destination within its service. */
    public record DestinationKey(InetAddress address, int port) {
        public static DestinationKey of(Destination d) {
            return new DestinationKey(d.address(), d.port());
        }

        @Override
        public String toString() {
            return Endpoints.format(address, port);
        }
    }

    public static final IpvsTable EMPTY = new IpvsTable(Map.of());

    public IpvsTable {
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        for (var e : services.entrySet()) {
            if (!e.getKey().equals(e.getValue().service().key())) {
                throw new IllegalArgumentException("entry for " + e.getKey() + " holds " + e.getValue().service().key());
            }
        }
    }

    /** The table a kernel listing describes (counters dropped). */
    public static IpvsTable of(List<ServiceListing> listing) {
        Map<ServiceKey, Entry> out = new LinkedHashMap<>();
        for (ServiceListing l : listing) {
            List<Destination> dests = new ArrayList<>();
            for (DestinationEntry d : l.destinations()) {
                dests.add(d.destination());
            }
            out.put(l.service().key(), Entry.of(l.service().service(), dests));
        }
        return new IpvsTable(out);
    }

    /** Builds a table service by service. */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<ServiceKey, Entry> services = new LinkedHashMap<>();

        public Builder add(Service service, Collection<Destination> destinations) {
            if (services.put(service.key(), Entry.of(service, destinations)) != null) {
                throw new IllegalArgumentException("service " + service.key() + " listed twice");
            }
            return this;
        }

        public Builder add(Service service, Destination... destinations) {
            return add(service, List.of(destinations));
        }

        public IpvsTable build() {
            return new IpvsTable(services);
        }
    }
}
