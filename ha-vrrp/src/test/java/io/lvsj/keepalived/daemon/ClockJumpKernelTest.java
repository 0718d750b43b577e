package io.lvsj.keepalived.daemon;

import io.lvsj.keepalived.check.testserver.HttpServer;
import io.lvsj.lab.KernelTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.lvsj.keepalived.daemon.DirectorPairKernelTest.await;
import static io.lvsj.keepalived.daemon.DirectorPairKernelTest.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: the wall clock jumps an hour forward, then two hours back (an NTP step, an
 * operator's {@code date -s}). A director pair of real keepalived-j processes must not notice:
 * the master stays master, the backup backup, adverts keep flowing, the checkers keep their
 * real servers, and the VIP stays on one director. Only the lab can do this: its kernel has a
 * clock of its own (changing the host's would disturb everything else on the machine).
 */
@KernelTest
class ClockJumpKernelTest {

    @Test
    void anHourForwardAndBackChangesNothing() throws Exception {
        Path dir = Files.createTempDirectory("kd-clock");
        List<KeepalivedJ> all = new ArrayList<>();
        try (DirectorPair pair = new DirectorPair(2)) {
            List<HttpServer> servers = List.of(web(pair, 0), web(pair, 1));
            for (int d = 1; d <= 2; d++) {
                Path conf = dir.resolve("d" + d + ".conf");
                Files.writeString(conf, DirectorRestartKernelTest.config(d == 1 ? 150 : 100, 2));
                all.add(KeepalivedJ.start(pair.director(d).name(), conf, dir.resolve("d" + d)));
            }
            KeepalivedJ master = all.get(0);
            KeepalivedJ backup = all.get(1);
            master.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(120));
            backup.awaitLog("Startup complete", Duration.ofSeconds(120));
            Thread.sleep(5000); // steady state: the backup hears adverts
            int masterLines = master.log().split("\n").length;
            int backupLines = backup.log().split("\n").length;
            try {
                step("+1 hour");
                Thread.sleep(6000); // more than the master-down interval (3 adverts and a skew)
                step("-2 hours");
                Thread.sleep(6000);
            } finally {
                step("+1 hour");
            }
            String masterAfter = tail(master.log(), masterLines);
            String backupAfter = tail(backup.log(), backupLines);
            assertFalse(backupAfter.contains("Entering MASTER STATE"), "the backup took over:\n" + backupAfter);
            assertFalse(masterAfter.contains("Entering BACKUP STATE") || masterAfter.contains("Entering FAULT STATE"),
                    "the master stepped down:\n" + masterAfter);
            assertFalse(masterAfter.contains("Removing service") || backupAfter.contains("Removing service"),
                    "a checker lost a real server:\n" + masterAfter + backupAfter);
            assertTrue(pair.holds(1, "203.0.113.10") && !pair.holds(2, "203.0.113.10"), "the VIP is on director 1 only");
            await("traffic still flows", Duration.ofSeconds(20), () -> {
                try {
                    return pair.get().startsWith("rs");
                } catch (Exception e) {
                    return false;
                }
            });
            for (KeepalivedJ k : all) {
                assertEquals(0, k.stop(), k.log());
            }
            for (HttpServer s : servers) {
                s.close();
            }
        } finally {
            for (KeepalivedJ k : all) {
                k.close();
                System.out.println("---- " + k.directory() + "\n" + k.log());
            }
        }
    }

    private static void step(String by) {
        String now = io.lvsj.lab.Command.run("date", "-s", by).requireSuccess().stdout();
        System.out.println("clock stepped " + by + ": now " + now.strip());
    }

    private static String tail(String log, int fromLine) {
        String[] lines = log.split("\n");
        return String.join("\n", java.util.Arrays.asList(lines).subList(Math.min(fromLine, lines.length), lines.length));
    }
}
