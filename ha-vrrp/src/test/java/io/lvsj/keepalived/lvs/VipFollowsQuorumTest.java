package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.MemoryIpvs;
import io.lvsj.keepalived.check.CheckScheduler;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.net.TlsContexts;
import io.lvsj.keepalived.check.probe.ProbeFactory;
import io.lvsj.keepalived.check.testserver.TcpServer;
import io.lvsj.keepalived.healthcheckers.Healthcheckers;
import io.lvsj.keepalived.healthcheckers.IpvsNamespace;
import io.lvsj.lab.LabNamespace;
import io.lvsj.sys.NetNamespace;
import io.lvsj.log.LogOutput;
import org.junit.jupiter.api.AfterEach;
import org.slf4j.Logger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

import static io.lvsj.keepalived.lvs.HealthcheckersTest.LOOPBACK;
import static io.lvsj.keepalived.lvs.HealthcheckersTest.await;
import static io.lvsj.keepalived.lvs.HealthcheckersTest.realServer;
import static io.lvsj.keepalived.lvs.HealthcheckersTest.web;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vip_bind_dev} in the checker process: real checks against a server on loopback, an
 * in-memory IPVS, and the VIP on an interface of a namespace standing in for the IPVS one. The
 * VIP is there exactly while the virtual server's quorum holds, as a routing daemon would see it.
 */
class VipFollowsQuorumTest {
    final LabNamespace ns = LabNamespace.create("vipq");
    final List<String> log = new CopyOnWriteArrayList<>();
    final Logger lines = LogOutput.lines(log::add, true);
    final CheckScheduler scheduler = new CheckScheduler();
    final Healthcheckers checkers = new Healthcheckers(new MemoryIpvs(),
            IpvsNamespace.of(NetNamespace.named(ns.name())),
            new ProbeFactory(NetworkContext.host(), TlsContexts.acceptingAnyServer(null)), scheduler,
            new LvsNotifier(lines, new ScriptRunner(NetworkContext.host(), lines)), lines,
            RandomGenerator.getDefault());
    TcpServer server;

    @AfterEach
    void cleanUp() throws Exception {
        checkers.close();
        scheduler.close();
        if (server != null) {
            server.close();
        }
        ns.close();
    }

    boolean vipBound() {
        return ns.run("ip", "-o", "addr", "show", "dev", "vip0").requireSuccess().stdout()
                .contains("inet 192.0.2.10/32");
    }

    VirtualServerSpec boundWeb() throws Exception {
        server = TcpServer.accepting();
        ns.run("ip", "link", "add", "vip0", "type", "veth", "peer", "name", "vip0p").requireSuccess();
        ns.run("ip", "link", "set", "vip0", "up").requireSuccess();
        return web(realServer(server.port())).withVipBindDevice(Optional.of("vip0"));
    }

    @Test
    void theVipIsBoundWhileTheQuorumHolds() throws Exception {
        VirtualServerSpec vs = boundWeb();
        int port = server.port();
        checkers.start(List.of(vs));
        assertTrue(vipBound(), "bound as soon as IPVS is set up (the real server starts up, no alpha)");

        server.close();
        await("the VIP removed", Duration.ofSeconds(3), () -> !vipBound());
        int lost = log.indexOf("Lost quorum 1-0=1 > 0 for VS [192.0.2.10]:tcp:80");
        assertTrue(lost >= 0 && log.indexOf("vip_bind_dev: removing 192.0.2.10/32 from vip0") > lost, log.toString());

        server = new TcpServer(LOOPBACK, port, (in, out) -> {
        });
        await("the VIP back", Duration.ofSeconds(3), this::vipBound);
        assertTrue(log.contains("vip_bind_dev: adding 192.0.2.10/32 to vip0"), log.toString());

        checkers.stop();
        assertFalse(vipBound(), "a stopped keepalived-j announces nothing");
    }

    @Test
    void dontReleaseIpvsKeepsTheVip() throws Exception {
        checkers.start(List.of(boundWeb()));
        checkers.stop(true);
        assertTrue(vipBound(), "-I leaves IPVS and its VIPs for the next keepalived-j");
    }

    @Test
    void aReloadThatDropsTheBindingRemovesTheVip() throws Exception {
        VirtualServerSpec vs = boundWeb();
        checkers.start(List.of(vs));
        assertTrue(vipBound());
        checkers.reload(List.of(vs.withVipBindDevice(Optional.empty())));
        assertFalse(vipBound());
    }

    @Test
    void sloppyModesThatCannotBeSetAreSaidAndTheRestWorks() throws Exception {
        // the host kernel has no IPVS, so there is no net.ipv4.vs.sloppy_tcp to set
        checkers.start(List.of(boundWeb()), new LvsSettings(false, LvsSettings.FlushOnStop.NONE, Optional.empty(),
                false, Optional.of(true), Optional.empty()));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Cannot set net.ipv4.vs.sloppy_tcp to 1: ")),
                log.toString());
        assertTrue(vipBound());
    }
}
