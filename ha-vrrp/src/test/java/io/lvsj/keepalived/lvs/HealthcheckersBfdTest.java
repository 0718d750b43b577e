package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.IpvsTable;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.keepalived.bfd.BfdEvents;
import io.lvsj.keepalived.bfd.BfdProcessFake;
import io.lvsj.keepalived.check.CheckScheduler;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.net.TlsContexts;
import io.lvsj.keepalived.check.probe.ProbeFactory;
import io.lvsj.keepalived.healthcheckers.Healthcheckers;
import io.lvsj.log.LogOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

import static io.lvsj.keepalived.lvs.HealthcheckersTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BFD_CHECK in the checker process on the host: the sessions' reports come from a fake BFD
 * process on a real {@link BfdEvents}, IPVS is in memory; what the servers do and what is
 * logged is keepalived's (check_bfd.c). The lab's BfdCheckKernelTest runs it beside keepalived.
 */
class HealthcheckersBfdTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final ServiceKey WEB = ServiceKey.tcp(Fixtures.VIP, 80);

    final FakeIpvs kernel = new FakeIpvs();
    final List<String> log = new CopyOnWriteArrayList<>();
    final CheckScheduler scheduler = new CheckScheduler();
    final BfdEvents events = new BfdEvents();
    final BfdProcessFake bfd = new BfdProcessFake(events);
    final Healthcheckers checkers = new Healthcheckers(kernel, new ProbeFactory(NetworkContext.host(),
            TlsContexts.acceptingAnyServer(null)), scheduler,
            new LvsNotifier(LogOutput.lines(log::add, true), new ScriptRunner(NetworkContext.host(),
                    LogOutput.lines(log::add, true))), LogOutput.lines(log::add, true), RandomGenerator.getDefault());

    boolean closed;

    @AfterEach
    void cleanUp() {
        if (!closed) {
            checkers.close();
        }
        scheduler.close();
    }

    static VirtualServerSpec web(RealServerSpec... rs) {
        return VirtualServerSpec.of(WEB, ServiceTemplate.of("rr"), List.of(rs));
    }

    static RealServerSpec following(int port, String session, boolean alpha) {
        return RealServerSpec.of(LOOPBACK, port, Forwarding.NAT, new CheckSpec.Bfd(session, alpha));
    }

    boolean in(int port) {
        IpvsTable.Entry e = kernel.snapshot().services().get(WEB);
        Destination d = e == null ? null : e.destinations().get(new IpvsTable.DestinationKey(LOOPBACK, port));
        return d != null;
    }

    long lines(String text) {
        return log.stream().filter(l -> l.contains(text)).count();
    }

    @Test
    void theServerFollowsItsSessionAsKeepalivedsCheckerDoes() throws Exception {
        checkers.follow(events);
        checkers.start(List.of(web(following(8080, "peer", false), following(8081, "peer2", true))));
        assertTrue(in(8080), "no alpha: up before any report");
        assertTrue(!in(8081), "alpha: down before any report");

        // the BFD process starts: every session Down
        bfd.reported("peer", false);
        bfd.reported("peer2", false);
        await("8080 removed", Duration.ofSeconds(5), () -> !in(8080));
        await("the first reports logged", Duration.ofSeconds(5), () -> lines("is DOWN") == 2);
        assertEquals(1, lines("BFD check of [peer] RS([127.0.0.1]:tcp:8080) is DOWN"), log.toString());
        assertEquals(1, lines("BFD check of [peer2] RS([127.0.0.1]:tcp:8081) is DOWN"), log.toString());

        bfd.changed("peer", true);
        await("8080 back", Duration.ofSeconds(5), () -> in(8080));
        assertEquals(1, lines("BFD check of [peer] RS([127.0.0.1]:tcp:8080) is UP"), log.toString());
        assertTrue(!in(8081), "peer2 is still down");
        bfd.changed("peer2", true);
        await("8081 in", Duration.ofSeconds(5), () -> in(8081));

        // a report of what the checkers already say (a reload of the BFD process) does nothing
        bfd.reported("peer", true);
        bfd.reported("peer2", true);
        bfd.changed("unfollowed", false);
        checkers.health(); // after everything above, on the event thread
        assertEquals(2, lines("is UP"), log.toString());
        assertEquals(2, lines("is DOWN"), log.toString());

        bfd.changed("peer", false);
        await("8080 removed again", Duration.ofSeconds(5), () -> !in(8080));
        assertTrue(in(8081));
        assertEquals(2, lines("BFD check of [peer] RS([127.0.0.1]:tcp:8080) is DOWN"), log.toString());
        assertTrue(log.contains("Removing service [127.0.0.1]:tcp:8080 from VS [192.0.2.10]:tcp:80"), log.toString());
    }

    @Test
    void aReloadKeepsTheStateOfAChecksOfTheSameSessionAndNewOnesLearnAtTheNextReport() throws Exception {
        checkers.follow(events);
        checkers.start(List.of(web(following(8080, "peer", false))));
        bfd.reported("peer", false);
        await("8080 removed", Duration.ofSeconds(5), () -> !in(8080));

        // the same session, alpha changed (compare_bfd_check: the name only), and a new server
        checkers.reload(List.of(web(following(8080, "peer", true), following(8081, "peer", false))));
        assertTrue(!in(8080), "kept its Down");
        assertTrue(in(8081), "new, no alpha: up until the BFD process reports");
        bfd.reported("peer", false); // the BFD process's report at its reload
        await("8081 removed", Duration.ofSeconds(5), () -> !in(8081));
        checkers.health();
        assertEquals(1, lines("BFD check of [peer] RS([127.0.0.1]:tcp:8080) is DOWN"), "the kept one is not told again");
        assertEquals(1, lines("BFD check of [peer] RS([127.0.0.1]:tcp:8081) is DOWN"), log.toString());

        bfd.changed("peer", true);
        await("both up", Duration.ofSeconds(5), () -> in(8080) && in(8081));
    }

    @Test
    void reportsAfterTheCheckersStoppedAreDropped() {
        checkers.follow(events);
        checkers.start(List.of(web(following(8080, "peer", false))));
        checkers.stop();
        checkers.close();
        closed = true;
        bfd.changed("peer", true); // no listener left, nothing thrown
        bfd.reported("peer", true);
        assertEquals(0, lines("BFD check of"), log.toString());
    }
}
