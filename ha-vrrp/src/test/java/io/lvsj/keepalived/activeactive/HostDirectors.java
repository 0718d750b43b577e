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
import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Two directors and their upstream router on the host, in network namespaces, as
 * {@code docs/active-active.md} configures them: the router runs BIRD (the document's router,
 * or a variant), director 1 BIRD and director 2 FRR on the document's director files. Each
 * director's checker process (real TCP checks of a service of its own on loopback, in-memory
 * IPVS) binds the VIP to its {@code vip0} while its quorum holds. For
 * {@code ActiveActiveRoutingTest} and {@code WithdrawalBenchmark}: both measure with it.
 */
final class HostDirectors implements AutoCloseable {
    static final CheckTiming FAST = CheckTiming.every(Duration.ofMillis(200)).withRetry(0, Duration.ofMillis(100));
    static final Set<String> BOTH = Set.of(RoutingLab.directorAddress(1), RoutingLab.directorAddress(2));
    static final List<String> DAEMONS = List.of("BIRD", "FRR");

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<TcpServer> services = new ArrayList<>();
    private final Logger log;
    final RoutingLab lab;
    final Bird bird;
    final Frr frr;
    final NextHops hops;

    /** What a quorum lost and regained on one director took, in nanoseconds. */
    record QuorumTimes(long unboundAfterFailure, long withdrawnAfterUnbound, long announcedAfterBound) {
    }

    /** How long after both directors hung each next hop went (the first, then both). */
    record HangTimes(long first, long both) {
    }

    HostDirectors(String routerConfig, Logger log) throws IOException {
        this.log = log;
        // FRR's daemons run as user frr: they must be able to reach their directory
        Path dir = Files.createTempDirectory("aa-routing", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            lab = closing(new RoutingLab(2));
            closing(Bird.start(lab.router, routerConfig, dir.resolve("router")));
            bird = closing(Bird.start(lab.director(1), DocBlocks.named("bird-director.conf"), dir.resolve("d1")));
            frr = closing(Frr.start(lab.director(2), frrConfig(2), dir.resolve("d2")));
            hops = closing(new NextHops(lab.router, RoutingLab.VIP));
            for (int d = 1; d <= 2; d++) {
                services.add(closing(TcpServer.accepting()));
                checkers(d, services.get(d - 1).port());
            }
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        toClose.add(c);
        return c;
    }

    /** The document's frr.conf with director {@code d}'s router id, as its comment says to do. */
    static String frrConfig(int d) {
        String doc = DocBlocks.named("frr-director.conf");
        if (!doc.contains(" bgp router-id 192.0.2.2\n")) {
            throw new AssertionError("docs/active-active.md's frr.conf has no 'bgp router-id 192.0.2.2':\n" + doc);
        }
        return doc.replace(" bgp router-id 192.0.2.2\n", " bgp router-id " + RoutingLab.directorAddress(d) + "\n");
    }

    private void checkers(int d, int port) {
        CheckScheduler scheduler = closing(new CheckScheduler());
        ProbeFactory probes = new ProbeFactory(NetworkContext.host(), TlsContexts.acceptingAnyServer(null));
        LvsNotifier notifier = new LvsNotifier(log, new ScriptRunner(NetworkContext.host(), log));
        Healthcheckers checkers = closing(new Healthcheckers(new MemoryIpvs(),
                IpvsNamespace.of(NetNamespace.named(lab.director(d).name())), probes, scheduler, notifier, log,
                RandomGenerator.getDefault()));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        RealServerSpec rs = RealServerSpec.of(loopback, port, Forwarding.DR,
                new CheckSpec.Tcp(Endpoint.of(loopback, port).withConnectTimeout(Duration.ofMillis(300)), FAST));
        VirtualServerSpec vs = VirtualServerSpec.of(ServiceKey.tcp(ip(RoutingLab.VIP), 80), ServiceTemplate.of("mh"),
                List.of(rs)).withVipBindDevice(Optional.of("vip0"));
        checkers.start(List.of(vs));
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until both directors are next hops of the router's route. */
    void awaitBoth(Duration limit) throws InterruptedException {
        hops.await("two next hops", BOTH::equals, limit);
    }

    /**
     * Director {@code d}'s service dies: its checker loses the quorum, unbinds the VIP and the
     * router withdraws it; then the service comes back, and with it the route.
     */
    QuorumTimes loseAndRegainQuorum(int d) throws IOException, InterruptedException {
        String self = RoutingLab.directorAddress(d);
        int port = services.get(d - 1).port();
        try (VipWatch vip = new VipWatch(lab.director(d), RoutingLab.VIP)) {
            long failed = System.nanoTime();
            services.get(d - 1).close();
            long unbound = vip.await(true, Duration.ofSeconds(5));
            long withdrawn = hops.await("without " + self, h -> !h.contains(self) && !h.isEmpty(),
                    Duration.ofSeconds(5));
            services.set(d - 1, closing(new TcpServer(InetAddress.getLoopbackAddress(), port, (in, out) -> {
            })));
            long bound = vip.await(false, Duration.ofSeconds(5));
            long back = hops.await("both again", BOTH::equals, Duration.ofSeconds(10));
            return new QuorumTimes(unbound - failed, withdrawn - unbound, back - bound);
        }
    }

    /**
     * Both directors hang at once (their routing daemons SIGSTOPped: no FIN, no BFD, no
     * keepalive); each next hop goes when the router gives up on it.
     */
    HangTimes hangBoth(Duration limit) throws InterruptedException {
        long hung = System.nanoTime();
        bird.freeze();
        frr.freeze();
        long first = hops.await("down to one", h -> h.size() < 2, limit);
        long both = hops.await("empty", Set::isEmpty, limit);
        return new HangTimes(first - hung, both - hung);
    }

    @Override
    public void close() {
        for (AutoCloseable c : toClose.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
