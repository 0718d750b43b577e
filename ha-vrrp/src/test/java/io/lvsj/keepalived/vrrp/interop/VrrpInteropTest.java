package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * keepalived-j paired with keepalived-j and with Debian's keepalived 2.2.7 in both roles, for
 * every VRRP flavour (v2/v3, IPv4/IPv6, multicast/unicast): "j" is the engine in this JVM, "c"
 * the keepalived-j command line reading the keepalived.conf keepalived gets, "k" Debian's
 * keepalived; on a bridged segment of network
 * namespaces. Router 1 has priority 150, router 2 priority 100. One life cycle per pairing:
 * election, the VIP on exactly one router at every sample, graceful stop (priority 0 on the
 * wire, fast takeover), preemption on return, crash (silent; the router is also cut off the
 * segment, as a dead machine would be), and takeover after the master-down interval, with
 * gratuitous ARPs / NAs from the new master captured after every takeover.
 */
@Tag("interop")
@Execution(ExecutionMode.CONCURRENT)
class VrrpInteropTest {
    /** Every flavour with every pairing; {@code -Dinterop.only=TEXT} keeps those whose name contains TEXT. */
    static Stream<Arguments> pairings() {
        String only = System.getProperty("interop.only", "");
        List<Arguments> all = new ArrayList<>();
        for (Segment s : Segment.all(100, 20)) {
            for (String kinds : List.of("jj", "jk", "kj", "ck", "kc")) {
                if ((s + " " + kinds).contains(only)) {
                    all.add(Arguments.of(s, kinds));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pairings")
    void electsFailsOverAndPreempts(Segment segment, String kinds) {
        Path dir = Evidence.directory(segment + " " + kinds);
        try (Lan lan = Lan.create(2); Capture capture = Capture.start(lan.client, dir.resolve("lan.pcap"));
             Capture toRouter2 = Capture.start(lan.switchNs, "p2", dir.resolve("to-router2.pcap"));
             VipWatch vips = new VipWatch(lan.nodes)) {
            Function<Integer, Router> make = Segment.routers(lan, kinds, dir);
            Router one = make.apply(1);
            Router two = make.apply(2);
            VrrpConfig c1 = VrrpConfig.of(List.of(segment.instance(1, 2, 150).build()));
            VrrpConfig c2 = VrrpConfig.of(List.of(segment.instance(2, 2, 100).build()));
            byte[] vip = segment.vip().getAddress();
            long mdi = segment.masterDownMillis();
            try {
                // Election: the higher priority wins and is alone with the VIP.
                one.start(c1);
                two.start(c2);
                vips.awaitSole(segment.vip(), 1, 3 * mdi + 3000);
                vips.assertSoleHolderFor(segment.vip(), 1, Math.max(1000, 4 * segment.intervalCentis() * 10L));
                assertTrue(capture.announcements(lan.macBytes(1), vip) >= 1, "router 1 announced the VIP");

                // Graceful stop: priority 0 on the wire, router 2 takes over within about a skew.
                one.stop();
                long took = vips.awaitSole(segment.vip(), 2, mdi / 2 + 2000);
                awaitCount(() -> toRouter2.adverts(lan.macBytes(1), Segment.VRID, 0), 1); // router 1's priority 0
                awaitAnnouncement(capture, lan.macBytes(2), vip);
                vips.assertSoleHolderFor(segment.vip(), 2, 500);
                assertTrue(took < mdi, "takeover after priority 0 took " + took + " ms, the master-down interval is "
                        + mdi + " ms");

                // Preemption: router 1 comes back and takes the VIP back.
                one.start(c1);
                vips.awaitSole(segment.vip(), 1, 3 * mdi + 3000);
                vips.assertSoleHolderFor(segment.vip(), 1, 500);

                // Crash: router 1 dies silently and is cut off; router 2 takes over after the down timer.
                long before = capture.announcements(lan.macBytes(2), vip);
                one.kill();
                lan.unplug(1);
                long start = System.nanoTime();
                awaitHolder(vips, segment, 2, mdi + 3000);
                long crashTakeover = (System.nanoTime() - start) / 1_000_000;
                assertTrue(crashTakeover >= mdi - segment.intervalCentis() * 10L - 200,
                        "no takeover before the down timer could expire: " + crashTakeover + " ms");
                awaitCount(() -> capture.announcements(lan.macBytes(2), vip), before + 1);

                // The dead router returns (its stale VIP is cleaned up at start) and preempts.
                lan.plug(1);
                one.start(c1);
                vips.awaitSole(segment.vip(), 1, 3 * mdi + 3000);
                vips.assertSoleHolderFor(segment.vip(), 1, 500);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n--- router 1 (" + one.kind() + ")\n" + one.log()
                        + "\n--- router 2 (" + two.kind() + ")\n" + two.log(), e);
            } finally {
                one.close();
                two.close();
            }
        }
    }

    /** Router {@code router} holds the VIP (a killed router may still hold a stale copy). */
    private static void awaitHolder(VipWatch vips, Segment segment, int router, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!vips.holders(segment.vip()).contains(router)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("router " + router + " never took " + segment.vip().getHostAddress());
            }
            VipWatch.sleep(5);
        }
    }

    private static void awaitAnnouncement(Capture capture, byte[] mac, byte[] vip) {
        awaitCount(() -> capture.announcements(mac, vip), 1);
    }

    static void awaitCount(java.util.function.LongSupplier count, long atLeast) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (count.getAsLong() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected at least " + atLeast + " frames, saw " + count.getAsLong());
            }
            VipWatch.sleep(50);
        }
    }
}
