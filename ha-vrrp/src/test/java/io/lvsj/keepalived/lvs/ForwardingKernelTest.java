package io.lvsj.keepalived.lvs;

import io.lvsj.lab.Command;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.TunnelType;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.net.Endpoint;
import io.lvsj.keepalived.check.testserver.HttpServer;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static io.lvsj.keepalived.lvs.LabTopology.VIP;
import static io.lvsj.keepalived.lvs.LabTopology.realServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NAT, direct routing and tunnels (IPIP, GRE, GUE): for each, the checker sets up the
 * service, checks the real server on its own address, and the client's requests to the VIP
 * are answered by the real server.
 */
@KernelTest
class ForwardingKernelTest {
    static final ServiceKey WEB = ServiceKey.tcp(VIP, 80);

    static void modprobe(String module) {
        LabNamespace.class.getName(); // the lab's module loader is a file in the guest's /run
        Command.Result r = Command.run("/run/lvsj-modprobe", module);
        assertEquals(0, r.status(), "loading module " + module + ": " + r.output());
    }

    /** Real server 0 serving on all its addresses (its own and, for DR and tunnels, the VIP). */
    static HttpServer serve(LabTopology t) throws Exception {
        return t.realServerNets.get(0).call(() -> HttpServer.plain(new InetSocketAddress(InetAddress.getByName("0.0.0.0"),
                80), line -> HttpServer.response(200, "rs0")));
    }

    static String answeredThroughVip(LabNamespace director, Forwarding forwarding, String savedLine,
                                     java.util.function.Consumer<LabTopology> realServerSetUp) throws Exception {
        try (LabTopology t = LabTopology.build(director, 1); LabCheckers lab = new LabCheckers(t)) {
            realServerSetUp.accept(t);
            try (HttpServer server = serve(t)) {
                Endpoint check = Endpoint.of(realServer(0), 80).withConnectTimeout(Duration.ofSeconds(1));
                RealServerSpec rs = RealServerSpec.of(realServer(0), 80, forwarding,
                        new CheckSpec.Tcp(check, CheckTiming.every(Duration.ofSeconds(1))));
                lab.checkers.start(List.of(VirtualServerSpec.of(WEB, ServiceTemplate.of("rr"), List.of(rs))));
                assertTrue(lab.table().contains(savedLine), lab.table().toString());
                return t.get(80);
            }
        }
    }

    @Test
    void nat(LabNamespace director) throws Exception {
        assertEquals("rs0", answeredThroughVip(director, Forwarding.NAT,
                "-a -t 203.0.113.10:80 -r 198.51.100.2:80 -m -w 1", t -> {
                }));
    }

    @Test
    void directRouting(LabNamespace director) throws Exception {
        assertEquals("rs0", answeredThroughVip(director, Forwarding.DR,
                "-a -t 203.0.113.10:80 -r 198.51.100.2:80 -g -w 1", t -> t.acceptVip(0, "lo")));
    }

    @Test
    void ipipTunnel(LabNamespace director) throws Exception {
        modprobe("ipip");
        assertEquals("rs0", answeredThroughVip(director, Forwarding.TUN,
                "-a -t 203.0.113.10:80 -r 198.51.100.2:80 -i -w 1 --tun-type ipip", t -> t.acceptVip(0, "tunl0")));
    }

    @Test
    void greTunnel(LabNamespace director) throws Exception {
        modprobe("ip_gre");
        assertEquals("rs0", answeredThroughVip(director, Forwarding.tunnel(TunnelType.GRE, 0, TunnelType.FLAG_NOCSUM),
                "-a -t 203.0.113.10:80 -r 198.51.100.2:80 -i -w 1 --tun-type gre --tun-nocsum", t -> t.acceptVip(0, "gre0")));
    }

    @Test
    void gueTunnel(LabNamespace director) throws Exception {
        modprobe("ipip");
        modprobe("fou");
        assertEquals("rs0", answeredThroughVip(director, Forwarding.tunnel(TunnelType.GUE, 6080, TunnelType.FLAG_NOCSUM),
                "-a -t 203.0.113.10:80 -r 198.51.100.2:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-nocsum", t -> {
                    t.realServers.get(0).run("ip", "fou", "add", "port", "6080", "gue").requireSuccess();
                    t.acceptVip(0, "tunl0");
                }));
    }
}
