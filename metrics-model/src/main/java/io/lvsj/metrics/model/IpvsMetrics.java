package io.lvsj.metrics.model;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.DaemonState;
import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.Endpoints;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.ServiceListing;
import io.lvsj.ipvs.Stats;
import io.lvsj.ipvs.SyncDaemon;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's IPVS table as Prometheus metrics: what {@code ipvsadm -Ln --stats --rate} shows,
 * per service (labels {@code protocol}, {@code service}) and per destination (those and
 * {@code destination}). ipvsadm-j's {@code --prometheus} listing and keepalived-j's
 * {@code /metrics} both write these, so one dashboard reads either. Pure.
 *
 * <p>Label values are ipvsadm's numeric forms: {@code protocol} is {@code tcp}, {@code udp},
 * {@code sctp} or {@code fwmark}; {@code service} is {@code 192.0.2.10:80},
 * {@code [2001:db8::10]:80}, or for a firewall mark the mark ({@code 1}, {@code 1 IPv6}, as
 * ipvsadm prints them); {@code destination} is {@code 10.0.0.1:8080}. The kernel's counters are
 * unsigned 64-bit; its rates are its own estimator's, averaged over a few seconds.
 */
public final class IpvsMetrics {
    private static final String[] SERVICE = {"protocol", "service"};
    private static final String[] SERVICE_DIRECTION = {"protocol", "service", "direction"};
    private static final String[] DESTINATION = {"protocol", "service", "destination"};
    private static final String[] DESTINATION_DIRECTION = {"protocol", "service", "destination", "direction"};

    private IpvsMetrics() {
    }

    /** The families for {@code table}; each family is there even when the table is empty. */
    public static List<MetricSnapshot> table(List<ServiceListing> table) {
        Traffic services = new Traffic("service", "the service", SERVICE, SERVICE_DIRECTION);
        Traffic destinations = new Traffic("destination", "the destination (real server)", DESTINATION,
                DESTINATION_DIRECTION);
        Families.Gauge active = Families.gauge("lvsj_ipvs_destination_active_connections",
                "Connections to the destination the kernel counts as active (TCP established).", DESTINATION);
        Families.Gauge inactive = Families.gauge("lvsj_ipvs_destination_inactive_connections",
                "Connections to the destination in any other state.", DESTINATION);
        Families.Gauge persistent = Families.gauge("lvsj_ipvs_destination_persistent_connections",
                "Persistence templates pointing at the destination.", DESTINATION);
        Families.Gauge weight = Families.gauge("lvsj_ipvs_destination_weight",
                "The destination's weight in the kernel (0: takes no new connections).", DESTINATION);
        for (ServiceListing listing : table) {
            ServiceKey key = listing.service().key();
            String protocol = protocol(key);
            String service = service(key);
            services.add(listing.service().stats(), protocol, service);
            for (DestinationEntry d : listing.destinations()) {
                String destination = Endpoints.format(d.destination().address(), d.destination().port());
                destinations.add(d.stats(), protocol, service, destination);
                active.add(d.activeConnections(), protocol, service, destination);
                inactive.add(d.inactiveConnections(), protocol, service, destination);
                persistent.add(d.persistentConnections(), protocol, service, destination);
                weight.add(d.destination().weight(), protocol, service, destination);
            }
        }
        List<MetricSnapshot> out = new ArrayList<>(services.snapshots());
        out.addAll(destinations.snapshots());
        out.add(active.snapshot());
        out.add(inactive.snapshot());
        out.add(persistent.snapshot());
        out.add(weight.snapshot());
        return out;
    }

    /** The kernel's connection sync daemons: whether each role runs, with its interface and sync id. */
    public static MetricSnapshot syncDaemons(List<SyncDaemon> daemons) {
        Families.Gauge running = Families.gauge("lvsj_ipvs_sync_daemon_running",
                "1 while the kernel's connection sync daemon runs in this role (state master or backup).",
                "state", "interface", "syncid");
        for (DaemonState state : List.of(DaemonState.MASTER, DaemonState.BACKUP)) {
            SyncDaemon d = daemons.stream().filter(x -> x.state() == state).findFirst().orElse(null);
            running.add(d == null ? 0 : 1, state.name().toLowerCase(Locale.ROOT),
                    d == null ? "" : d.interfaceName(), d == null ? "" : Integer.toString(d.syncId()));
        }
        return running.snapshot();
    }

    static String protocol(ServiceKey key) {
        return switch (key) {
            case ServiceKey.Inet inet -> inet.protocol().name() == null ? Integer.toString(inet.protocol().number())
                    : inet.protocol().name().toLowerCase(Locale.ROOT);
            case ServiceKey.Fwmark ignored -> "fwmark";
        };
    }

    static String service(ServiceKey key) {
        return switch (key) {
            case ServiceKey.Inet inet -> Endpoints.format(inet.address(), inet.port());
            case ServiceKey.Fwmark fw -> Integer.toUnsignedString(fw.mark())
                    + (fw.family() == AddressFamily.INET6 ? " IPv6" : "");
        };
    }

    /** An unsigned 64-bit counter as a double. */
    static double unsigned(long value) {
        return value >= 0 ? value : (double) (value >>> 1) * 2 + (value & 1);
    }

    /** The counters and rates a service and a destination both have. */
    private static final class Traffic {
        private final Families.Counter connections;
        private final Families.Counter packets;
        private final Families.Counter bytes;
        private final Families.Gauge connectionRate;
        private final Families.Gauge packetRate;
        private final Families.Gauge byteRate;

        Traffic(String level, String what, String[] labels, String[] directed) {
            String prefix = "lvsj_ipvs_" + level + "_";
            connections = Families.counter(prefix + "connections", "Connections the kernel has sent to " + what + ".",
                    labels);
            packets = Families.counter(prefix + "packets", "Packets of " + what + "'s connections, by direction "
                    + "(in: from clients, out: to clients).", directed);
            bytes = Families.counter(prefix + "bytes", "Bytes of " + what + "'s connections, by direction.", directed);
            connectionRate = Families.gauge(prefix + "connections_per_second",
                    "New connections per second to " + what + ", the kernel's estimate.", labels);
            packetRate = Families.gauge(prefix + "packets_per_second",
                    "Packets per second of " + what + ", by direction, the kernel's estimate.", directed);
            byteRate = Families.gauge(prefix + "bytes_per_second",
                    "Bytes per second of " + what + ", by direction, the kernel's estimate.", directed);
        }

        void add(Stats s, String... labels) {
            String[] in = with(labels, "in");
            String[] out = with(labels, "out");
            connections.add(unsigned(s.connections()), labels);
            packets.add(unsigned(s.inPackets()), in).add(unsigned(s.outPackets()), out);
            bytes.add(unsigned(s.inBytes()), in).add(unsigned(s.outBytes()), out);
            connectionRate.add(unsigned(s.connectionRate()), labels);
            packetRate.add(unsigned(s.inPacketRate()), in).add(unsigned(s.outPacketRate()), out);
            byteRate.add(unsigned(s.inByteRate()), in).add(unsigned(s.outByteRate()), out);
        }

        List<MetricSnapshot> snapshots() {
            return List.of(connections.snapshot(), packets.snapshot(), bytes.snapshot(), connectionRate.snapshot(),
                    packetRate.snapshot(), byteRate.snapshot());
        }

        private static String[] with(String[] labels, String direction) {
            String[] all = java.util.Arrays.copyOf(labels, labels.length + 1);
            all[labels.length] = direction;
            return all;
        }
    }
}
