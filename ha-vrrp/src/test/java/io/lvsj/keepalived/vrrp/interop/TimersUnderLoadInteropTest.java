package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import io.lvsj.keepalived.vrrp.wire.Pcap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adverts keep their rhythm while the JVM running keepalived-j is busy: with threads that
 * spin and allocate on every core for 8 s, a keepalived backup listening at VRRPv3
 * {@code advert_int 0.1} (master-down interval 361 ms) never takes over, and no gap between
 * two of our adverts on the wire comes near the master-down interval.
 *
 * <p>{@link Isolated}: the load under test is this JVM's own; the other interop scenarios
 * (which start JVMs and keepalived processes on the same two cores) must not add theirs.
 */
@Tag("interop")
@Isolated
class TimersUnderLoadInteropTest {
    @Test
    void advertsStayOnTimeWhileTheJvmIsBusy() {
        Segment v3 = new Segment(3, false, false, 10);
        Path dir = Evidence.directory("timers-under-load");
        try (Lan lan = Lan.create(2); Capture capture = Capture.start(lan.client, dir.resolve("lan.pcap"));
             VipWatch vips = new VipWatch(lan.nodes)) {
            JavaRouter one = new JavaRouter(lan.node(1));
            KeepalivedRouter two = new KeepalivedRouter(lan.node(2), dir.resolve("router2"));
            one.start(VrrpConfig.of(List.of(v3.instance(1, 2, 150).build())));
            two.start(VrrpConfig.of(List.of(v3.instance(2, 2, 100).build())));
            try {
                vips.awaitSole(v3.vip(), 1, 10_000);
                AtomicBoolean busy = new AtomicBoolean(true);
                List<Thread> hogs = new ArrayList<>();
                for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
                    hogs.add(Thread.ofPlatform().daemon(true).start(() -> {
                        long sink = 0;
                        while (busy.get()) {
                            byte[] garbage = new byte[64 * 1024];
                            sink += garbage.length + System.nanoTime();
                        }
                        if (sink == 42) {
                            System.out.print("");
                        }
                    }));
                }
                long loadStart = System.currentTimeMillis();
                int logBefore = two.log().length();
                try {
                    vips.assertSoleHolderFor(v3.vip(), 1, 8000);
                } finally {
                    busy.set(false);
                }
                long maxGap = maxAdvertGapMillis(capture, lan.macBytes(1), loadStart);
                assertTrue(maxGap < 250, "largest gap between adverts under load: " + maxGap + " ms");
                assertTrue(!two.log().substring(logBefore).contains("Entering MASTER STATE"),
                        "the keepalived backup never took over under load");
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n--- keepalived-j\n" + one.log() + "\n--- keepalived\n"
                        + two.log(), e);
            } finally {
                one.stop();
                two.stop();
            }
        }
    }

    private static long maxAdvertGapMillis(Capture capture, byte[] mac, long sinceMillis) {
        long previous = -1;
        long max = 0;
        for (Pcap.Frame f : capture.frames()) {
            byte[] b = f.bytes();
            boolean advert = b.length > 34 && java.util.Arrays.equals(b, 6, 12, mac, 0, 6)
                    && (b[12] & 0xff) == 0x08 && b[13] == 0 && (b[14 + 9] & 0xff) == 112;
            if (!advert || f.micros() / 1000 < sinceMillis) {
                continue;
            }
            if (previous >= 0) {
                max = Math.max(max, f.micros() / 1000 - previous);
            }
            previous = f.micros() / 1000;
        }
        return max;
    }
}
