package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.IpvsTable;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceFlags;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.TunnelType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.lvsj.keepalived.lvs.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DesiredTableTest {
    static final RealServerHealth UP = new RealServerHealth(true, 1);
    static final RealServerHealth DOWN = new RealServerHealth(false, 1);

    static RealServerSpec nat(java.net.InetAddress a, int port) {
        return RealServerSpec.of(a, port, Forwarding.NAT);
    }

    static List<Destination> destinations(VirtualServerSpec vs, VirtualServerHealth h) {
        IpvsTable t = DesiredTable.of(List.of(vs), of(vs, h));
        return List.copyOf(t.services().values().iterator().next().destinations().values());
    }

    @Test
    void liveServersWithTheirWeightFailedOnesAbsentOrInhibited() {
        RealServerSpec a = nat(RS1, 8080).withWeight(3);
        RealServerSpec b = nat(RS2, 8080);
        RealServerSpec c = nat(RS3, 8080).withInhibitOnFailure(true);
        VirtualServerSpec vs = web(a, b, c);
        VirtualServerHealth h = health(true, a.key(), new RealServerHealth(true, 3), b.key(), DOWN, c.key(), DOWN);
        assertEquals(List.of(
                Destination.of(RS1, 8080, ForwardingMethod.MASQ).withWeight(3),
                Destination.of(RS3, 8080, ForwardingMethod.MASQ).withWeight(0)), destinations(vs, h));
    }

    @Test
    void dynamicWeightsAreClampedToWhatIpvsTakes() {
        RealServerSpec a = nat(RS1, 80);
        RealServerSpec b = nat(RS2, 80);
        VirtualServerSpec vs = web(a, b);
        VirtualServerHealth h = health(true, a.key(), new RealServerHealth(true, -5),
                b.key(), new RealServerHealth(true, 1L << 40));
        assertEquals(List.of(0, Integer.MAX_VALUE), destinations(vs, h).stream().map(Destination::weight).toList());
    }

    @Test
    void directRoutingAndTunnelsTakeTheServicePort() {
        RealServerSpec dr = RealServerSpec.of(RS1, 8080, Forwarding.DR);
        RealServerSpec tun = RealServerSpec.of(RS2, 0, Forwarding.tunnel(TunnelType.GUE, 6080, TunnelType.FLAG_CSUM));
        VirtualServerSpec vs = web(dr, tun);
        List<Destination> d = destinations(vs, health(true, dr.key(), UP, tun.key(), UP));
        assertEquals(Destination.of(RS1, 80, ForwardingMethod.DROUTE), d.get(0));
        assertEquals(Destination.of(RS2, 80, ForwardingMethod.TUNNEL).withTunnel(TunnelType.GUE, 6080,
                TunnelType.FLAG_CSUM), d.get(1));
        ServiceKey fwmark = ServiceKey.fwmark(7, AddressFamily.INET);
        VirtualServerSpec fw = VirtualServerSpec.of(fwmark, ServiceTemplate.of("rr"), List.of(dr));
        assertEquals(0, destinations(fw, health(true, dr.key(), UP)).getFirst().port(), "fwmark services have no port");
    }

    @Test
    void lostQuorumHandsOverToTheSorryServer() {
        RealServerSpec a = nat(RS1, 80);
        RealServerSpec b = nat(RS2, 80).withInhibitOnFailure(true);
        VirtualServerSpec vs = web(a, b).withSorryServer(Optional.of(new SorryServerSpec(SORRY, 80, Forwarding.NAT, false)))
                .withQuorum(2, 0);
        // a is alive, but the quorum (2) is lost: a leaves, inhibited b stays at 0, the sorry server serves
        assertEquals(List.of(
                Destination.of(RS2, 80, ForwardingMethod.MASQ).withWeight(0),
                Destination.of(SORRY, 80, ForwardingMethod.MASQ)),
                destinations(vs, health(false, a.key(), UP, b.key(), DOWN)));
        assertEquals(List.of(Destination.of(RS1, 80, ForwardingMethod.MASQ), Destination.of(RS2, 80, ForwardingMethod.MASQ)),
                destinations(vs, health(true, a.key(), UP, b.key(), UP)), "no sorry server while the quorum holds");
    }

    @Test
    void anInhibitedSorryServerWaitsAtWeightZero() {
        RealServerSpec a = nat(RS1, 80);
        VirtualServerSpec vs = web(a).withSorryServer(Optional.of(new SorryServerSpec(SORRY, 80, Forwarding.NAT, true)));
        assertEquals(List.of(Destination.of(RS1, 80, ForwardingMethod.MASQ),
                        Destination.of(SORRY, 80, ForwardingMethod.MASQ).withWeight(0)),
                destinations(vs, health(true, a.key(), UP)));
        assertEquals(List.of(Destination.of(SORRY, 80, ForwardingMethod.MASQ)),
                destinations(vs, health(false, a.key(), DOWN)));
    }

    @Test
    void lostQuorumWithoutSorryServerChangesNothing() {
        RealServerSpec a = nat(RS1, 80);
        VirtualServerSpec vs = web(a).withQuorum(5, 0);
        assertEquals(List.of(Destination.of(RS1, 80, ForwardingMethod.MASQ)), destinations(vs, health(false, a.key(), UP)));
    }

    @Test
    void persistenceAndFlagsOnEveryServiceOfAGroup() {
        ServiceKey a = ServiceKey.tcp(ip("192.0.2.20"), 443);
        ServiceKey b = ServiceKey.tcp(ip("192.0.2.21"), 443);
        ServiceKey v6 = ServiceKey.fwmark(9, AddressFamily.INET6);
        ServiceTemplate template = ServiceTemplate.of("sh").withFlags(new ServiceFlags(ServiceFlags.SCHED1 | ServiceFlags.ONEPACKET))
                .withPersistence(600, Optional.of(0xffffff00));
        RealServerSpec rs = nat(RS1, 443);
        VirtualServerSpec vs = new VirtualServerSpec(VirtualServerId.ofGroup("g", io.lvsj.ipvs.IpProtocol.TCP), "g",
                List.of(a, b, v6), template, List.of(rs), Optional.empty(), 1, 0, Optional.empty(), Optional.empty(),
                false, false, Optional.empty(), Optional.empty());
        IpvsTable t = DesiredTable.of(List.of(vs), of(vs, health(true, rs.key(), UP)));
        ServiceFlags flags = new ServiceFlags(ServiceFlags.SCHED1 | ServiceFlags.ONEPACKET | ServiceFlags.PERSISTENT);
        assertEquals(new Service(a, "sh", flags, 600, 0xffffff00, ""), t.services().get(a).service());
        assertEquals(new Service(b, "sh", flags, 600, 0xffffff00, ""), t.services().get(b).service());
        assertEquals(3, t.services().size());
        assertEquals(Service.of(a, "rr"), ServiceTemplate.of("rr").serviceFor(a), "no persistence: the plain service");
    }

    @Test
    void twoVirtualServersCannotShareAService() {
        RealServerSpec rs = nat(RS1, 80);
        VirtualServerSpec one = web(rs);
        VirtualServerSpec two = new VirtualServerSpec(new VirtualServerId("other"), "other", List.of(WEB),
                ServiceTemplate.of("rr"), List.of(rs), Optional.empty(), 1, 0, Optional.empty(), Optional.empty(),
                false, false, Optional.empty(), Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> DesiredTable.of(List.of(one, two), java.util.Map.of(
                one.id(), health(true, rs.key(), UP), two.id(), health(true, rs.key(), UP))));
    }

    @Test
    void quorumRules() {
        assertEquals(true, Quorum.initial(3, 3, 0));
        assertEquals(false, Quorum.initial(3, 3, 1));
        assertEquals(true, Quorum.next(true, 2, 3, 1), "within the hysteresis: still up");
        assertEquals(false, Quorum.next(true, 1, 3, 1));
        assertEquals(false, Quorum.next(false, 3, 3, 1), "needs quorum + hysteresis to come back");
        assertEquals(true, Quorum.next(false, 4, 3, 1));
        assertEquals(false, Quorum.next(true, 0, 1, 0));
    }
}
