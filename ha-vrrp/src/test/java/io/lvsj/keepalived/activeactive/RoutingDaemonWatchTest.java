package io.lvsj.keepalived.activeactive;

import io.lvsj.keepalived.config.GlobalDefs;
import io.lvsj.keepalived.healthcheckers.RoutingDaemonWatch;
import io.lvsj.log.LogOutput;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code routing_daemon}: keepalived-j asks the real BIRD and FRR (the document's directors,
 * peered with a BIRD router) and says in its log whether they run and reach a router.
 */
class RoutingDaemonWatchTest {
    final List<String> log = new CopyOnWriteArrayList<>();

    void await(String line) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!log.contains(line)) {
            assertTrue(System.nanoTime() < deadline, "not logged: " + line + "\nlog: " + log);
            Thread.sleep(50);
        }
    }

    @Test
    void birdAndFrrAreAskedWhetherTheyRunAndHaveASession() throws Exception {
        try (HostDirectors directors = new HostDirectors(DocBlocks.named("bird-router.conf"), LogOutput.silent(false))) {
            directors.awaitBoth(Duration.ofSeconds(30));
            String birdSocket = directors.bird.socket().toString();
            String frrDirectory = directors.frr.directory().toString();
            try (RoutingDaemonWatch bird = watch(GlobalDefs.RoutingDaemon.Kind.BIRD, birdSocket);
                 RoutingDaemonWatch frr = watch(GlobalDefs.RoutingDaemon.Kind.FRR, frrDirectory);
                 RoutingDaemonWatch none = watch(GlobalDefs.RoutingDaemon.Kind.BIRD, frrDirectory + "/no-bird.ctl")) {
                await("routing daemon BIRD answers on " + birdSocket + ": 1 BGP session established");
                await("routing daemon FRR answers on " + frrDirectory + "/bgpd.vty: 1 BGP session established");
                await("routing daemon BIRD does not answer on " + frrDirectory + "/no-bird.ctl (No such file or"
                        + " directory): the VIPs on vip_bind_dev interfaces are not announced");
                directors.bird.freeze();
                await("routing daemon BIRD does not answer on " + birdSocket + " (no answer within 2000 ms): the VIPs"
                        + " on vip_bind_dev interfaces are not announced");
            }
        }
    }

    RoutingDaemonWatch watch(GlobalDefs.RoutingDaemon.Kind kind, String path) {
        return new RoutingDaemonWatch(new GlobalDefs.RoutingDaemon(kind, path), LogOutput.lines(log::add, true));
    }
}
