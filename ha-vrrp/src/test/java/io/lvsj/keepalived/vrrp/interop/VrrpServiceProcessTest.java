package io.lvsj.keepalived.vrrp.interop;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * keepalived-j's VRRP process and keepalived's signals: USR1 writes the data and JSON dumps,
 * USR2 the statistics, keepalived's real-time JSON signal (36) does not kill it, HUP reloads,
 * TERM stops it with priority 0 and the VIP removed, the pid file gone and status 0.
 */
@Tag("interop")
class VrrpServiceProcessTest {
    @Test
    void answersKeepalivedsSignals() throws Exception {
        Path dir = Evidence.directory("service-signals");
        Segment segment = new Segment(2, false, false, 100);
        try (Lan lan = Lan.create(1); VipWatch vips = new VipWatch(lan.nodes);
             JavaProcessRouter router = new JavaProcessRouter(lan.node(1), dir.resolve("router.log"))) {
            router.start(List.of(), segment, 1, 1, 150, 2, dir);
            vips.awaitSole(segment.vip(), 1, 10_000);
            assertEquals(Long.toString(router.pid()), Files.readString(dir.resolve("keepalived.pid")).trim());

            router.signal("USR1");
            String json = awaitFile(dir.resolve("keepalived.json"));
            assertTrue(json.contains("\"iname\":\"VI_1\"") && json.contains("\"iname\":\"VI_2\""), json);
            assertTrue(json.contains("\"state\":2,"), json);
            assertTrue(awaitFile(dir.resolve("keepalived.data")).contains(" VRRP Instance = VI_2\n"));

            router.signal("USR2");
            assertTrue(awaitFile(dir.resolve("keepalived.stats")).contains("VRRP Instance: VI_1\n  Advertisements:\n"));

            router.signal("36");
            router.signal("63");
            VipWatch.sleep(500);
            assertTrue(router.alive(), "real-time signals 36 and 63 must not kill keepalived-j");

            router.signal("HUP");
            awaitLog(dir.resolve("router.log"), "Reloading");
            vips.assertSoleHolderFor(segment.vip(), 1, 1500);

            router.signal("TERM");
            assertEquals(0, router.awaitExit());
            assertEquals(List.of(), vips.holders(segment.vip()), "the VIP is removed on stop");
            assertFalse(Files.exists(dir.resolve("keepalived.pid")), "the pid file is removed on stop");
            String log = Files.readString(dir.resolve("router.log"));
            assertTrue(log.contains("(VI_1) sent 0 priority") && log.contains("Stopped"), log);
        }
    }

    private static String awaitFile(Path file) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(file) || Files.size(file) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " was not written");
            }
            VipWatch.sleep(50);
        }
        VipWatch.sleep(100);
        return Files.readString(file);
    }

    private static void awaitLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.readString(log).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no \"" + text + "\" in " + log);
            }
            VipWatch.sleep(50);
        }
    }
}
