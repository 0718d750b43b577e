package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.IpvsTable;
import io.lvsj.ipvs.ServiceKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IPVS table keepalived's checker would have built for a configuration and its health: a
 * pure function, so the reconciler only has to make the kernel equal to it.
 *
 * <ul>
 * <li>A live real server is a destination with its weight; a failed one is absent, or at
 *     weight 0 with {@code inhibit_on_failure}.</li>
 * <li>While the quorum is lost and there is a sorry server, the real servers leave (inhibited
 *     ones stay at weight 0) and the sorry server takes the traffic at weight 1. Otherwise the
 *     sorry server is absent, or at weight 0 with {@code sorry_server_inhibit}.</li>
 * <li>NAT destinations keep the real server's port; DR and TUN take the service's port (0 for
 *     a fwmark service), as keepalived's {@code ipvs_cmd} does.</li>
 * </ul>
 */
public final class DesiredTable {
    private DesiredTable() {
    }

    /** The table for every virtual server; {@code health} must cover each one. */
    public static IpvsTable of(List<VirtualServerSpec> config, Map<VirtualServerId, VirtualServerHealth> health) {
        Map<ServiceKey, IpvsTable.Entry> services = new LinkedHashMap<>();
        for (VirtualServerSpec vs : config) {
            VirtualServerHealth h = health.get(vs.id());
            if (h == null) {
                throw new IllegalArgumentException("no health for virtual server " + vs.name());
            }
            for (IpvsTable.Entry e : entries(vs, h)) {
                if (services.put(e.service().key(), e) != null) {
                    throw new IllegalArgumentException("service " + e.service().key() + " belongs to two virtual servers");
                }
            }
        }
        return new IpvsTable(services);
    }

    /** The services of one virtual server with their destinations. */
    public static List<IpvsTable.Entry> entries(VirtualServerSpec vs, VirtualServerHealth health) {
        boolean sorryActive = vs.sorryServer().isPresent() && !health.quorumUp();
        List<IpvsTable.Entry> out = new ArrayList<>(vs.services().size());
        for (ServiceKey key : vs.services()) {
            Map<IpvsTable.DestinationKey, Destination> dests = new LinkedHashMap<>();
            for (RealServerSpec rs : vs.realServers()) {
                RealServerHealth h = health.of(rs.key());
                Integer weight = weight(rs, h, sorryActive);
                if (weight != null) {
                    Destination d = destination(key, rs.address(), rs.port(), rs.forwarding(), weight,
                            rs.upperThreshold(), rs.lowerThreshold());
                    dests.put(IpvsTable.DestinationKey.of(d), d);
                }
            }
            vs.sorryServer().ifPresent(sorry -> {
                if (sorryActive || sorry.inhibit()) {
                    Destination d = destination(key, sorry.address(), sorry.port(), sorry.forwarding(),
                            sorryActive ? 1 : 0, 0, 0);
                    // a sorry server that is also a real server is that real server (keepalived's s_svr_duplicates_rs)
                    dests.putIfAbsent(IpvsTable.DestinationKey.of(d), d);
                }
            });
            out.add(new IpvsTable.Entry(vs.template().serviceFor(key), dests));
        }
        return out;
    }

    /**
     * One real server's destination in one of its virtual server's services, or empty when it
     * has none there: the entry {@link #entries} would give it, computed alone.
     */
    public static java.util.Optional<Destination> destination(VirtualServerSpec vs, ServiceKey key, RealServerSpec rs,
                                                              RealServerHealth health, boolean quorumUp) {
        boolean sorryActive = vs.sorryServer().isPresent() && !quorumUp;
        Integer weight = weight(rs, health, sorryActive);
        return weight == null ? java.util.Optional.empty() : java.util.Optional.of(destination(key, rs.address(),
                rs.port(), rs.forwarding(), weight, rs.upperThreshold(), rs.lowerThreshold()));
    }

    /** Where a real server's destination sits in a service: its address and the port it gets there. */
    public static IpvsTable.DestinationKey destinationKey(ServiceKey service, RealServerSpec rs) {
        return IpvsTable.DestinationKey.of(destination(service, rs.address(), rs.port(), rs.forwarding(), 0, 0, 0));
    }

    /** The weight a real server has in IPVS now, or empty when it is not there (down, or the sorry server serves). */
    public static java.util.OptionalInt weight(VirtualServerSpec vs, RealServerSpec rs, RealServerHealth health,
                                               boolean quorumUp) {
        Integer w = weight(rs, health, vs.sorryServer().isPresent() && !quorumUp);
        return w == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(w);
    }

    /** The weight a real server has in IPVS, or null when it is not there. */
    private static Integer weight(RealServerSpec rs, RealServerHealth h, boolean sorryActive) {
        if (sorryActive) {
            return rs.inhibitOnFailure() ? 0 : null;
        }
        if (h.alive()) {
            return h.ipvsWeight();
        }
        return rs.inhibitOnFailure() ? 0 : null;
    }

    static Destination destination(ServiceKey service, java.net.InetAddress address, int port, Forwarding f,
                                   int weight, int upper, int lower) {
        int destinationPort = f.method() == ForwardingMethod.MASQ ? port
                : service instanceof ServiceKey.Inet inet ? inet.port() : 0;
        return new Destination(address, destinationPort, f.method(), weight, upper, lower, f.tunnelType(),
                f.tunnelPort(), f.tunnelFlags());
    }
}
