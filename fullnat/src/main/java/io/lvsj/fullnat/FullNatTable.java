package io.lvsj.fullnat;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.ServiceKey;

import java.net.InetAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Every FullNAT service of one network namespace: what ipvsadm-j's {@code -P}/{@code -Q} and
 * {@code --fullnat}, or keepalived-j's {@code lb_kind FNAT} and {@code laddr_group_name}, ask
 * for. A value: each edit returns a new table, so a change can be planned, applied, and
 * dropped again if the kernel refuses its half. Services with nothing left are dropped.
 */
public record FullNatTable(Map<ServiceKey.Inet, FullNatService> services) {
    private static final FullNatTable EMPTY = new FullNatTable(Map.of());

    public FullNatTable {
        Map<ServiceKey.Inet, FullNatService> copy = new LinkedHashMap<>();
        services.forEach((k, s) -> {
            if (!k.equals(s.key())) {
                throw new IllegalArgumentException("service " + s.key() + " filed under " + k);
            }
            if (!s.isEmpty()) {
                copy.put(k, s);
            }
        });
        services = java.util.Collections.unmodifiableMap(copy);
    }

    public static FullNatTable empty() {
        return EMPTY;
    }

    /** A table of these services, in this order. */
    public static FullNatTable of(Collection<FullNatService> services) {
        Map<ServiceKey.Inet, FullNatService> map = new LinkedHashMap<>();
        for (FullNatService s : services) {
            if (map.put(s.key(), s) != null) {
                throw new IllegalArgumentException("service " + s.key() + " given twice");
            }
        }
        return new FullNatTable(map);
    }

    public boolean isEmpty() {
        return services.isEmpty();
    }

    public Optional<FullNatService> service(ServiceKey.Inet key) {
        return Optional.ofNullable(services.get(key));
    }

    /** Whether {@code server} of service {@code key} is reached by FullNAT. */
    public boolean isFullNat(ServiceKey.Inet key, RealServer server) {
        FullNatService s = services.get(key);
        return s != null && s.realServers().contains(server);
    }

    /** The services of one address family, in order. */
    public FullNatTable only(AddressFamily family) {
        Map<ServiceKey.Inet, FullNatService> map = new LinkedHashMap<>();
        services.forEach((k, s) -> {
            if (k.family() == family) {
                map.put(k, s);
            }
        });
        return new FullNatTable(map);
    }

    public FullNatTable withLocalAddress(ServiceKey.Inet key, InetAddress address) {
        return edit(key, s -> s.withLocalAddress(address));
    }

    public FullNatTable withoutLocalAddress(ServiceKey.Inet key, InetAddress address) {
        if (!services.containsKey(key)) {
            throw new FullNatException("no local address " + AddressText.of(address) + " on service "
                    + FullNatService.describe(key));
        }
        return edit(key, s -> s.withoutLocalAddress(address));
    }

    public FullNatTable withRealServer(ServiceKey.Inet key, RealServer server) {
        return edit(key, s -> s.withRealServer(server));
    }

    public FullNatTable withoutRealServer(ServiceKey.Inet key, RealServer server) {
        return services.containsKey(key) ? edit(key, s -> s.withoutRealServer(server)) : this;
    }

    public FullNatTable withoutService(ServiceKey.Inet key) {
        if (!services.containsKey(key)) {
            return this;
        }
        Map<ServiceKey.Inet, FullNatService> map = new LinkedHashMap<>(services);
        map.remove(key);
        return new FullNatTable(map);
    }

    public FullNatTable with(FullNatService service) {
        Map<ServiceKey.Inet, FullNatService> map = new LinkedHashMap<>(services);
        map.put(service.key(), service);
        return new FullNatTable(map);
    }

    private FullNatTable edit(ServiceKey.Inet key, UnaryOperator<FullNatService> change) {
        FullNatService before = services.getOrDefault(key, FullNatService.empty(key));
        return with(change.apply(before));
    }
}
