package io.lvsj.lab;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandTest {
    @Test
    void statusAndBothStreamsComeBackApart() {
        Command.Result r = Command.run(List.of("sh", "-c", "cat; echo oops >&2; exit 3"), "input\n",
                Command.DEFAULT_TIMEOUT);
        assertEquals(new Command.Result(3, "input\n", "oops\n"), r);
        assertEquals("input\noops\n", r.output());
        assertThrows(AssertionError.class, r::requireSuccess);
    }

    /** 1 MB on stderr before anything on stdout: reading one pipe after the other would hang here. */
    @Test
    void aCommandFillingOnePipeDoesNotDeadlock() {
        Command.Result r = Command.run("sh", "-c", "head -c 1000000 /dev/zero >&2; echo done");
        assertEquals("done\n", r.stdout());
        assertEquals(1_000_000, r.stderr().length());
    }

    @Test
    void runUntilReportsATimeoutWithWhatWasPrinted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Command.Result r = Command.runUntil(List.of("sh", "-c", "pwd; sleep 30"), dir, Duration.ofMillis(500));
        assertTrue(r.timedOut());
        assertEquals(-1, r.status());
        assertEquals(dir.toString() + "\n", r.stdout());
    }

    @Test
    void aCommandPastItsTimeoutIsKilledAndFailsTheTest() {
        long start = System.nanoTime();
        AssertionError e = assertThrows(AssertionError.class,
                () -> Command.run(List.of("sleep", "30"), "", Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
    }
}
