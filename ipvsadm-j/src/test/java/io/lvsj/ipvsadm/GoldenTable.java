package io.lvsj.ipvsadm;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.CommandFailure;
import io.lvsj.ipvs.DaemonState;
import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.Ipvs;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.IpvsInfo;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceEntry;
import io.lvsj.ipvs.ServiceFlags;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.ServiceListing;
import io.lvsj.ipvs.Stats;
import io.lvsj.ipvs.SyncDaemon;
import io.lvsj.ipvs.Timeouts;
import io.lvsj.ipvs.TunnelType;
import io.lvsj.ipvsadm.inet.NameService;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fixture table behind {@code src/test/resources/golden} (the outputs of Debian's ipvsadm
 * against it), in the order the fixture kernel dumped it, with its counters and names. A
 * read-only {@link Ipvs}.
 */
final class GoldenTable implements Ipvs {
    static final ServiceKey WEB = ServiceKey.tcp(ip("192.0.2.10"), 80);

    private final List<ServiceListing> table;

    private GoldenTable(List<ServiceListing> table) {
        this.table = table;
    }

    static GoldenTable standard() {
        return new GoldenTable(listings(100));
    }

    /** The same table with 5,000,000,000 connections on 10.1.1.1:8080 (ipvsadm shows 32 bits of it). */
    static GoldenTable withHugeDestinationCounters() {
        return new GoldenTable(listings(5_000_000_000L));
    }

    private static List<ServiceListing> listings(long destinationConnections) {
        Stats webStats = new Stats(123456789, 5_000_000_000L, 42, 123456789012L, 0, 12, 345, 0, 123456, 0);
        Stats destStats = new Stats(destinationConnections, 200, 300,
                destinationConnections == 100 ? 4000 : 5_000_000_000L, 5000, 1, 2, 3, 4, 5);
        return List.of(
                listing(Service.of(WEB, "rr"), webStats,
                        dest(Destination.of(ip("10.1.1.1"), 8080, ForwardingMethod.MASQ), 3, 7, 0, destStats),
                        dest(Destination.of(ip("192.0.2.1"), 8080, ForwardingMethod.MASQ).withWeight(Integer.MAX_VALUE)
                                .withThresholds(100, 50), 0, 0, 0, Stats.ZERO)),
                listing(new Service(ServiceKey.udp(ip("192.0.2.11"), 53), "sh",
                                new ServiceFlags(ServiceFlags.SCHED1 | ServiceFlags.SCHED2 | ServiceFlags.ONEPACKET), 0,
                                0xffffffff, ""), Stats.ZERO,
                        dest(Destination.of(ip("10.1.1.2"), 53, ForwardingMethod.DROUTE), 0, 0, 0, Stats.ZERO)),
                listing(Service.of(ServiceKey.tcp(ip("192.0.2.12"), 0), "wlc").withPersistence(3600, 0xffffff00)
                                .withPersistenceEngine("sip"), Stats.ZERO,
                        dest(Destination.of(ip("10.1.1.3"), 0, ForwardingMethod.TUNNEL)
                                .withTunnel(TunnelType.GUE, 6080, TunnelType.FLAG_CSUM), 1, 2, 3, Stats.ZERO),
                        dest(Destination.of(ip("2001:db8::5"), 0, ForwardingMethod.TUNNEL)
                                .withTunnel(TunnelType.GRE, 0, TunnelType.FLAG_NOCSUM), 0, 0, 0, Stats.ZERO)),
                listing(Service.of(ServiceKey.tcp(ip("2001:db8::80"), 443), "mh").withPersistence(300, 64)
                                .withFlags(new ServiceFlags(ServiceFlags.PERSISTENT | ServiceFlags.SCHED1 | ServiceFlags.SCHED2)),
                        Stats.ZERO, dest(Destination.of(ip("2001:db8::a0a0"), 8443, ForwardingMethod.MASQ), 0, 0, 0, Stats.ZERO)),
                listing(Service.of(ServiceKey.fwmark(1, AddressFamily.INET), "wrr"), Stats.ZERO,
                        dest(Destination.of(ip("10.1.1.4"), 0, ForwardingMethod.DROUTE).withWeight(5), 0, 0, 0, Stats.ZERO)),
                listing(Service.of(ServiceKey.fwmark((int) 2882430849L, AddressFamily.INET6), "rr"), Stats.ZERO),
                listing(Service.of(ServiceKey.sctp(ip("192.0.2.13"), 5060), "rr"), Stats.ZERO));
    }

    /** The host and service names of the machine the golden outputs were made on. */
    static NameService names() {
        Map<String, String> hosts = Map.of("192.0.2.1", "web1.example.net", "2001:db8::80", "v6vip.example.net");
        Map<String, String> services = Map.of("6/80", "http", "6/8080", "http-alt", "6/443", "https",
                "17/53", "domain", "17/5060", "sip");
        return new NameService() {
            @Override
            public byte[] hostAddress(String name) {
                for (var e : hosts.entrySet()) {
                    if (e.getValue().equals(name)) {
                        return ip(e.getKey()).getAddress();
                    }
                }
                return null;
            }

            @Override
            public String hostName(byte[] address) {
                return hosts.get(io.lvsj.text.InetText.ntop(address));
            }

            @Override
            public int servicePort(String name, int protocol) {
                for (var e : services.entrySet()) {
                    if (e.getValue().equals(name) && e.getKey().startsWith(protocol + "/")) {
                        return Integer.parseInt(e.getKey().substring(e.getKey().indexOf('/') + 1));
                    }
                }
                return -1;
            }

            @Override
            public String serviceName(int port, int protocol) {
                return services.get(protocol + "/" + port);
            }
        };
    }

    private static ServiceListing listing(Service service, Stats stats, DestinationEntry... destinations) {
        return new ServiceListing(new ServiceEntry(service, stats), List.of(destinations));
    }

    private static DestinationEntry dest(Destination d, long active, long inactive, long persistent, Stats stats) {
        return new DestinationEntry(d, active, inactive, persistent, stats);
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public IpvsInfo info() {
        return new IpvsInfo(0x010201, 4096);
    }

    @Override
    public List<ServiceEntry> services() {
        return table.stream().map(ServiceListing::service).toList();
    }

    @Override
    public Optional<ServiceEntry> service(ServiceKey key) {
        return table.stream().map(ServiceListing::service).filter(s -> s.key().equals(key)).findFirst();
    }

    @Override
    public List<DestinationEntry> destinations(ServiceKey key) {
        return table.stream().filter(l -> l.service().key().equals(key)).findFirst()
                .map(ServiceListing::destinations).orElse(List.of());
    }

    @Override
    public Timeouts timeouts() {
        return new Timeouts(900, 120, 300);
    }

    @Override
    public List<SyncDaemon> daemons() {
        return List.of(
                new SyncDaemon(DaemonState.MASTER, "eth0", 0, 1472, ip("224.0.0.81"), 8848, 1),
                new SyncDaemon(DaemonState.BACKUP, "eth0", 7, 1472, ip("224.0.0.81"), 8848, 1));
    }

    @Override
    public void execute(IpvsCommand command) {
        throw new UnsupportedOperationException("the golden table is read-only");
    }

    @Override
    public List<CommandFailure> executeAll(List<? extends IpvsCommand> commands) {
        throw new UnsupportedOperationException("the golden table is read-only");
    }

    @Override
    public void close() {
    }
}
