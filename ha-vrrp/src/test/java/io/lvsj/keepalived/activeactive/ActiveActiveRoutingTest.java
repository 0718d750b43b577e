package io.lvsj.keepalived.activeactive;

import io.lvsj.log.LogOutput;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing follows health, on the host in network namespaces (no IPVS needed): Debian's BIRD
 * as the upstream router doing ECMP, director 1 running BIRD and director 2 running FRR, each
 * on the configuration {@code docs/active-active.md} shows, as written (FRR with each
 * director's router id). Each director's checker process (real checks of a service of its own,
 * in-memory IPVS) binds the VIP to {@code vip0} while its quorum holds ({@link HostDirectors}).
 */
class ActiveActiveRoutingTest {
    final List<String> log = new CopyOnWriteArrayList<>();
    final Logger lines = LogOutput.lines(log::add, true);

    /** Milliseconds, to a tenth. */
    static String ms(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }

    @Test
    void eachHealthyDirectorIsANextHopAndOneThatLosesItsQuorumOrHangsIsWithdrawn() throws Exception {
        try (HostDirectors directors = new HostDirectors(DocBlocks.named("bird-router.conf"), lines)) {
            directors.awaitBoth(Duration.ofSeconds(30));
            StringBuilder report = new StringBuilder();
            for (int d = 1; d <= 2; d++) {
                String daemon = HostDirectors.DAEMONS.get(d - 1);
                HostDirectors.QuorumTimes t = directors.loseAndRegainQuorum(d);
                assertTrue(t.withdrawnAfterUnbound() < Duration.ofSeconds(1).toNanos(), daemon + " withdrew "
                        + ms(t.withdrawnAfterUnbound()) + " ms after the VIP went");
                report.append(String.format("quorum lost on the %s director: VIP unbound %s ms after the service died,"
                        + " route withdrawn %s ms after that; announced again %s ms after the VIP was back%n", daemon,
                        ms(t.unboundAfterFailure()), ms(t.withdrawnAfterUnbound()), ms(t.announcedAfterBound())));
            }
            assertTrue(log.contains("vip_bind_dev: removing 203.0.113.10/32 from vip0"), log.toString());

            // both directors hang at once: each next hop goes when its BFD session times out
            HostDirectors.HangTimes hung = directors.hangBoth(Duration.ofSeconds(5));
            assertTrue(hung.both() < Duration.ofSeconds(1).toNanos(), "BFD withdrew both in " + ms(hung.both()) + " ms");
            report.append(String.format("hung directors (BFD 100 ms x 3): first next hop withdrawn after %s ms, both"
                    + " after %s ms%n", ms(hung.first()), ms(hung.both())));
            System.out.print(report);
        }
    }

    @Test
    void withoutBfdTheHoldTimerWithdrawsAHungDirector() throws Exception {
        try (HostDirectors directors = new HostDirectors(routerWithoutBfd(), lines)) {
            directors.awaitBoth(Duration.ofSeconds(30));
            HostDirectors.HangTimes hung = directors.hangBoth(Duration.ofSeconds(15));
            assertTrue(hung.first() > Duration.ofSeconds(5).toNanos(), "withdrawn after " + ms(hung.first())
                    + " ms: sooner than the hold time of 9 s allows, after the last keepalive (3 s)");
            assertTrue(hung.both() < Duration.ofSeconds(11).toNanos(), "withdrawn after " + ms(hung.both()) + " ms");
            assertEquals(Set.of(), directors.hops.now());
            System.out.printf("hung directors (BGP hold time 9 s, no BFD): first next hop withdrawn after %s ms, both"
                    + " after %s ms%n", ms(hung.first()), ms(hung.both()));
        }
    }

    /** The document's router with BFD off for the sessions: BGP's own timers (hold time 9 s) alone. */
    static String routerWithoutBfd() {
        String router = DocBlocks.named("bird-router.conf");
        assertTrue(router.contains("    bfd on;\n"), router);
        return router.replace("    bfd on;\n", "    bfd off;\n");
    }
}
