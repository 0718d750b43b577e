package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.net.NetworkContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static io.lvsj.keepalived.check.probe.Probes.TIMING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MiscProbeTest {
    static Attempt run(boolean dynamic, Duration timeout, String script) {
        CheckSpec.Misc spec = new CheckSpec.Misc(List.of("/bin/sh", "-c", script), Optional.empty(), timeout, dynamic,
                TIMING);
        return new MiscProbe(spec, NetworkContext.host()).attempt(Probes.FIRST_URL);
    }

    @Test
    void exitCodes() {
        Duration t = Duration.ofSeconds(5);
        assertEquals(Attempt.passed(), run(false, t, "exit 0"));
        assertEquals(Attempt.failed("exited with status 1"), run(false, t, "exit 1"));
        assertEquals(new Attempt.Passed(OptionalLong.of(8)), run(true, t, "exit 10"));
        assertEquals(Attempt.failed("exited with status 10"), run(false, t, "exit 10"));
    }

    @Test
    void aScriptThatOutlivesItsTimeoutIsKilledWithItsChildren() throws Exception {
        Path marker = Files.createTempFile("ck-misc", ".pid");
        long start = System.nanoTime();
        Attempt a = run(false, Duration.ofMillis(300), "sleep 30 & echo $! > " + marker + "; wait");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Attempt.failed("timed out"), a);
        assertTrue(ms < 3000, "took " + ms + " ms");
        long child = Long.parseLong(Files.readString(marker).trim());
        Thread.sleep(100);
        assertFalse(running(child), "the script's child was killed");
        Files.delete(marker);
    }

    /** Whether a process exists and is not a zombie waiting to be reaped. */
    static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
    }

    @Test
    void aMissingProgramFails() {
        CheckSpec.Misc spec = new CheckSpec.Misc(List.of("/nonexistent/ck-script"), Optional.empty(),
                Duration.ofSeconds(1), false, TIMING);
        Attempt a = new MiscProbe(spec, NetworkContext.host()).attempt(Probes.FIRST_URL);
        // setpriv starts, then cannot execute it: 127, as from a shell
        String reason = ((Attempt.Failed) a).reason();
        assertTrue(reason.startsWith("cannot run /nonexistent/ck-script") || reason.equals("exited with status 127"), a.toString());
    }
}
