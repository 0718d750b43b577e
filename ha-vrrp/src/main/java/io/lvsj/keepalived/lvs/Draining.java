package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.IpvsTable;
import io.lvsj.ipvs.ServiceKey;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Destinations (and services) a reload removed but that are being drained: they stay in IPVS
 * at weight 0, taking no new connections while existing ones finish, until idle or until their
 * deadline. (IPVS drops the packets of connections whose destination was deleted, unless
 * {@code expire_nodest_conn} is set; draining avoids that.) Pure bookkeeping; the
 * {@link Reconciler} asks the kernel for connection counts.
 */
public final class Draining {
    /** A destination being drained and when it goes regardless. */
    record Lingering(Destination destination, long deadlineNanos) {
    }

    private final Map<ServiceKey, Map<IpvsTable.DestinationKey, Lingering>> destinations = new LinkedHashMap<>();
    private final Map<ServiceKey, IpvsTable.Entry> services = new LinkedHashMap<>();

    /** Starts draining {@code d} of {@code service} until {@code deadlineNanos}. */
    public void drain(ServiceKey service, Destination d, long deadlineNanos) {
        destinations.computeIfAbsent(service, k -> new LinkedHashMap<>())
                .put(IpvsTable.DestinationKey.of(d), new Lingering(d.withWeight(0), deadlineNanos));
    }

    /** Keeps a whole service that a reload removed until its destinations are drained. */
    public void drainService(IpvsTable.Entry entry, long deadlineNanos) {
        services.put(entry.service().key(), entry);
        entry.destinations().values().forEach(d -> drain(entry.service().key(), d, deadlineNanos));
    }

    public boolean isEmpty() {
        return destinations.isEmpty() && services.isEmpty();
    }

    /** Services with something draining. */
    public Set<ServiceKey> services() {
        var keys = new java.util.LinkedHashSet<>(destinations.keySet());
        keys.addAll(services.keySet());
        return keys;
    }

    /**
     * {@code desired} plus what is draining, at weight 0: a destination the desired table has
     * again stops draining.
     */
    public IpvsTable overlay(IpvsTable desired) {
        Map<ServiceKey, IpvsTable.Entry> out = new LinkedHashMap<>(desired.services());
        services.keySet().removeIf(out::containsKey); // configured again
        for (var e : new HashMap<>(destinations).entrySet()) {
            IpvsTable.Entry wanted = out.get(e.getKey());
            IpvsTable.Entry kept = services.get(e.getKey());
            if (wanted == null && kept == null) {
                destinations.remove(e.getKey());
                continue;
            }
            IpvsTable.Entry base = wanted != null ? wanted : new IpvsTable.Entry(kept.service(), Map.of());
            Map<IpvsTable.DestinationKey, Destination> dests = new LinkedHashMap<>(base.destinations());
            e.getValue().entrySet().removeIf(l -> dests.containsKey(l.getKey()));
            e.getValue().forEach((k, l) -> dests.put(k, l.destination()));
            out.put(e.getKey(), new IpvsTable.Entry(base.service(), dests));
            if (e.getValue().isEmpty()) {
                destinations.remove(e.getKey());
            }
        }
        return new IpvsTable(out);
    }

    /**
     * Ends the draining of destinations that are idle (per {@code connections}: the connections
     * that still carry traffic) or past their deadline; a kept service whose
     * destinations are all done ends too. Returns whether anything ended.
     */
    public boolean settle(ServiceKey service, Map<IpvsTable.DestinationKey, Long> connections, long nowNanos) {
        boolean ended = false;
        Map<IpvsTable.DestinationKey, Lingering> lingering = destinations.get(service);
        if (lingering != null) {
            ended = lingering.entrySet().removeIf(e -> connections.getOrDefault(e.getKey(), 0L) == 0
                    || e.getValue().deadlineNanos() - nowNanos <= 0);
            if (lingering.isEmpty()) {
                destinations.remove(service);
            }
        }
        if (!destinations.containsKey(service) && services.remove(service) != null) {
            ended = true;
        }
        return ended;
    }
}
