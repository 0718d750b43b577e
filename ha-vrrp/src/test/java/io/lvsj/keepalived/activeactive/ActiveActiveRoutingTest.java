package io.lvsj.keepalived.activeactive;

import io.lvsj.ipvs.MemoryIpvs;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.keepalived.check.CheckScheduler;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.net.Endpoint;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.net.TlsContexts;
import io.lvsj.keepalived.check.probe.ProbeFactory;
import io.lvsj.keepalived.check.testserver.TcpServer;
import io.lvsj.keepalived.healthcheckers.Healthcheckers;
import io.lvsj.keepalived.healthcheckers.IpvsNamespace;
import io.lvsj.keepalived.lvs.Forwarding;
import io.lvsj.keepalived.lvs.LvsNotifier;
import io.lvsj.keepalived.lvs.RealServerSpec;
import io.lvsj.keepalived.lvs.ScriptRunner;
import io.lvsj.keepalived.lvs.ServiceTemplate;
import io.lvsj.keepalived.lvs.VirtualServerSpec;
import io.lvsj.log.LogOutput;
import io.lvsj.sys.NetNamespace;
import org.junit.jupiter.api.AfterEach;
import org.slf4j.Logger;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing follows health, on the host in network namespaces (no IPVS needed): Debian's BIRD
 * as the upstream router doing ECMP, director 1 running BIRD and director 2 running FRR, each
 * on the configuration {@code docs/active-active.md} shows, as written (FRR with each
 * director's router id). Each director's checker process (real checks of a service of its own,
 * in-memory IPVS) binds the VIP to {@code vip0} while its quorum holds.
 */
class ActiveActiveRoutingTest {
    static final CheckTiming FAST = CheckTiming.every(Duration.ofMillis(200)).withRetry(0, Duration.ofMillis(100));
    static final Set<String> BOTH = Set.of(RoutingLab.directorAddress(1), RoutingLab.directorAddress(2));

    final List<AutoCloseable> toClose = new ArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    final Logger lines = LogOutput.lines(log::add, true);
    Path dir;

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    <T extends AutoCloseable> T closing(T c) {
        toClose.add(c);
        return c;
    }

    /** The router, BIRD on director 1 and FRR on director 2, as the document configures them. */
    record Routing(RoutingLab lab, Bird router, Bird bird, Frr frr, NextHops hops) {
    }

    Routing routing(String routerConfig) throws Exception {
        // FRR's daemons run as user frr: they must be able to reach their directory
        dir = Files.createTempDirectory("aa-routing", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        RoutingLab lab = closing(new RoutingLab(2));
        Bird router = closing(Bird.start(lab.router, routerConfig, dir.resolve("router")));
        Bird bird = closing(Bird.start(lab.director(1), DocBlocks.named("bird-director.conf"), dir.resolve("d1")));
        Frr frr = closing(Frr.start(lab.director(2), frrConfig(2), dir.resolve("d2")));
        NextHops hops = closing(new NextHops(lab.router, RoutingLab.VIP));
        return new Routing(lab, router, bird, frr, hops);
    }

    /** The document's frr.conf with director {@code d}'s router id, as its comment says to do. */
    static String frrConfig(int d) {
        String doc = DocBlocks.named("frr-director.conf");
        assertTrue(doc.contains(" bgp router-id 192.0.2.2\n"), doc);
        return doc.replace(" bgp router-id 192.0.2.2\n", " bgp router-id " + RoutingLab.directorAddress(d) + "\n");
    }

    /** Director {@code d}'s checker process, checking {@code service}, binding the VIP in the director's namespace. */
    Healthcheckers checkers(RoutingLab lab, int d, TcpServer service) {
        CheckScheduler scheduler = closing(new CheckScheduler());
        ProbeFactory probes = new ProbeFactory(NetworkContext.host(), TlsContexts.acceptingAnyServer(null));
        LvsNotifier notifier = new LvsNotifier(lines, new ScriptRunner(NetworkContext.host(), lines));
        Healthcheckers checkers = closing(new Healthcheckers(new MemoryIpvs(),
                IpvsNamespace.of(NetNamespace.named(lab.director(d).name())), probes, scheduler, notifier, lines,
                RandomGenerator.getDefault()));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        RealServerSpec rs = RealServerSpec.of(loopback, service.port(), Forwarding.DR,
                new CheckSpec.Tcp(Endpoint.of(loopback, service.port()).withConnectTimeout(Duration.ofMillis(300)),
                        FAST));
        VirtualServerSpec vs = VirtualServerSpec.of(ServiceKey.tcp(ip(RoutingLab.VIP), 80), ServiceTemplate.of("mh"),
                List.of(rs)).withVipBindDevice(Optional.of("vip0"));
        checkers.start(List.of(vs));
        return checkers;
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Milliseconds, to a tenth. */
    static String ms(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }

    @Test
    void eachHealthyDirectorIsANextHopAndOneThatLosesItsQuorumOrHangsIsWithdrawn() throws Exception {
        Routing r = routing(DocBlocks.named("bird-router.conf"));
        List<TcpServer> services = new ArrayList<>();
        for (int d = 1; d <= 2; d++) {
            services.add(closing(TcpServer.accepting()));
            checkers(r.lab(), d, services.get(d - 1));
        }
        r.hops().await("two next hops", BOTH::equals, Duration.ofSeconds(30));

        StringBuilder report = new StringBuilder();
        for (int d = 1; d <= 2; d++) {
            String daemon = d == 1 ? "BIRD" : "FRR";
            String self = RoutingLab.directorAddress(d);
            int port = services.get(d - 1).port();
            try (VipWatch vip = new VipWatch(r.lab().director(d), RoutingLab.VIP)) {
                long failed = System.nanoTime();
                services.get(d - 1).close();
                long unbound = vip.await(true, Duration.ofSeconds(5));
                long withdrawn = r.hops().await("without " + self, hops -> !hops.contains(self) && !hops.isEmpty(),
                        Duration.ofSeconds(5));
                assertTrue(withdrawn - unbound < Duration.ofSeconds(1).toNanos(), daemon + " withdrew "
                        + ms(withdrawn - unbound) + " ms after the VIP went");
                report.append(String.format("quorum lost on the %s director: VIP unbound %s ms after the service"
                        + " died, route withdrawn %s ms after that%n", daemon, ms(unbound - failed),
                        ms(withdrawn - unbound)));
                services.set(d - 1, closing(new TcpServer(InetAddress.getLoopbackAddress(), port, (in, out) -> {
                })));
                long bound = vip.await(false, Duration.ofSeconds(5));
                long back = r.hops().await("both again", BOTH::equals, Duration.ofSeconds(10));
                report.append(String.format("quorum regained on the %s director: announced %s ms after the VIP was"
                        + " bound%n", daemon, ms(back - bound)));
            }
        }
        assertTrue(log.contains("vip_bind_dev: removing 203.0.113.10/32 from vip0"), log.toString());

        // both directors hang at once: no FIN, no BFD; each next hop goes when its BFD session times out
        long hung = System.nanoTime();
        r.bird().freeze();
        r.frr().freeze();
        long first = r.hops().await("down to one", hops -> hops.size() < 2, Duration.ofSeconds(5));
        long none = r.hops().await("empty", Set::isEmpty, Duration.ofSeconds(5));
        assertTrue(none - hung < Duration.ofSeconds(1).toNanos(), "BFD withdrew both in " + ms(none - hung) + " ms");
        report.append(String.format("hung directors (BFD 100 ms x 3): first next hop withdrawn after %s ms, both"
                + " after %s ms%n", ms(first - hung), ms(none - hung)));
        System.out.print(report);
    }

    @Test
    void withoutBfdTheHoldTimerWithdrawsAHungDirector() throws Exception {
        // the document's router with BFD off for the sessions: BGP's own timers (hold time 9 s) alone
        String router = DocBlocks.named("bird-router.conf");
        assertTrue(router.contains("    bfd on;\n"), router);
        Routing r = routing(router.replace("    bfd on;\n", "    bfd off;\n"));
        for (int d = 1; d <= 2; d++) {
            checkers(r.lab(), d, closing(TcpServer.accepting()));
        }
        r.hops().await("two next hops", BOTH::equals, Duration.ofSeconds(30));
        long hung = System.nanoTime();
        r.bird().freeze();
        r.frr().freeze();
        long first = r.hops().await("down to one", hops -> hops.size() < 2, Duration.ofSeconds(15));
        long none = r.hops().await("empty", Set::isEmpty, Duration.ofSeconds(15));
        assertTrue(first - hung > Duration.ofSeconds(5).toNanos(), "withdrawn after " + ms(first - hung)
                + " ms: sooner than the hold time of 9 s allows, after the last keepalive (3 s)");
        assertTrue(none - hung < Duration.ofSeconds(11).toNanos(), "withdrawn after " + ms(none - hung) + " ms");
        assertEquals(Set.of(), r.hops().now());
        System.out.printf("hung directors (BGP hold time 9 s, no BFD): first next hop withdrawn after %s ms, both"
                + " after %s ms%n", ms(first - hung), ms(none - hung));
    }
}
