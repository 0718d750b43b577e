package io.lvsj.keepalived.vrrp.process;

import io.lvsj.keepalived.vrrp.config.TrackProcessConfig;
import io.lvsj.keepalived.vrrp.config.TrackProcessConfig.ParamMatch;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** keepalived's track_process accounting, on made-up processes and a fake clock (microseconds). */
class ProcessTrackerTest {
    static final long S = 1_000_000;

    static TrackProcessConfig byName(String name, String process, int quorum, long max) {
        return new TrackProcessConfig(name, process, List.of(), ParamMatch.NONE, false, quorum, max, Duration.ZERO,
                Duration.ZERO);
    }

    static RunningProcess proc(int pid, String comm, String... argv) {
        StringBuilder cmdline = new StringBuilder();
        for (String a : argv) {
            cmdline.append(a).append('\0');
        }
        return new RunningProcess(pid, comm, argv.length == 0 ? null : cmdline.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void quorumIsBetweenItsBoundsAndChangesAreReportedOnce() {
        ProcessTracker t = new ProcessTracker(List.of(byName("web", "nginx", 2, 3)));
        t.begin(List.of(proc(10, "nginx"), proc(11, "bash")));
        assertEquals(Map.of("web", false), t.quorums());
        assertEquals(List.of(new ProcessTracker.Change("web", true)), t.fork(10, 12, 0));
        assertEquals(List.of(), t.fork(12, 13, 0), "3 is still within 2..3");
        assertEquals(List.of(new ProcessTracker.Change("web", false)), t.fork(10, 14, 0), "4 is above quorum_max");
        assertEquals(List.of(new ProcessTracker.Change("web", true)), t.exit(14, 0));
        assertEquals(List.of(), t.exit(11, 0), "an untracked process");
        t.exit(13, 0);
        assertEquals(List.of(new ProcessTracker.Change("web", false)), t.exit(12, 0));
        assertEquals(1, t.count("web"));
    }

    @Test
    void aNewProgramOrANewNameCountsOrStopsCounting() {
        ProcessTracker t = new ProcessTracker(List.of(byName("web", "nginx", 1, Long.MAX_VALUE)));
        t.begin(List.of(proc(10, "bash")));
        assertEquals(List.of(new ProcessTracker.Change("web", true)), t.exec(proc(10, "nginx")));
        assertEquals(List.of(), t.commChanged(proc(10, "nginx")), "the same name is no change");
        assertEquals(List.of(new ProcessTracker.Change("web", false)), t.commChanged(proc(10, "worker")));
        assertEquals(List.of(new ProcessTracker.Change("web", true)), t.exec(proc(10, "nginx")));
        assertEquals(List.of(new ProcessTracker.Change("web", false)), t.exec(proc(10, null)), "gone before we looked");
    }

    @Test
    void delaysHoldAChangeBackAndAReversalCancelsIt() {
        TrackProcessConfig c = new TrackProcessConfig("db", "postgres", List.of(), ParamMatch.NONE, false, 1,
                Long.MAX_VALUE, Duration.ofSeconds(2), Duration.ofSeconds(3));
        ProcessTracker t = new ProcessTracker(List.of(c));
        t.begin(List.of(proc(1, "postgres")));
        assertTrue(t.quorums().get("db"));
        assertEquals(List.of(), t.exit(1, 10 * S), "terminate_delay");
        assertEquals(13 * S, t.nextDeadline());
        assertEquals(List.of(), t.runTimers(12 * S));
        assertEquals(List.of(new ProcessTracker.Change("db", false)), t.runTimers(13 * S));
        t.exec(proc(5, "bash"));
        t.exec(proc(5, "postgres")); // a program run: counts at once (no fork)
        assertTrue(t.quorums().get("db"));
        t.exec(proc(6, "bash"));
        assertEquals(List.of(), t.exit(5, 20 * S));
        assertEquals(List.of(), t.fork(6, 7, 21 * S), "no parent counted");
        assertFalse(t.nextDeadline() == ProcessTracker.NEVER);
        t.exec(proc(8, "postgres"));
        assertEquals(ProcessTracker.NEVER, t.nextDeadline(), "back in quorum before the delay ran out");
        assertEquals(List.of(), t.runTimers(30 * S));
        assertTrue(t.quorums().get("db"));
    }

    @Test
    void parametersMatchAsKeepalivedComparesThem() {
        TrackProcessConfig exact = new TrackProcessConfig("e", "sleep", List.of("100"), ParamMatch.EXACT, true, 1,
                Long.MAX_VALUE, Duration.ZERO, Duration.ZERO);
        TrackProcessConfig initial = new TrackProcessConfig("i", "sleep", List.of("10"), ParamMatch.INITIAL, true, 1,
                Long.MAX_VALUE, Duration.ZERO, Duration.ZERO);
        TrackProcessConfig partial = new TrackProcessConfig("p", "sleep", List.of("100"), ParamMatch.PARTIAL, true, 1,
                Long.MAX_VALUE, Duration.ZERO, Duration.ZERO);
        ProcessTracker t = new ProcessTracker(List.of(exact, initial, partial));
        t.begin(List.of(proc(1, "sleep", "sleep", "100")));
        assertEquals(Map.of("e", true, "i", true, "p", true), t.quorums());
        t.begin(List.of(proc(1, "sleep", "sleep", "100", "x")));
        assertEquals(Map.of("e", false, "i", true, "p", true), t.quorums());
        t.begin(List.of(proc(1, "sleep", "sleep", "1000")));
        assertEquals(Map.of("e", false, "i", true, "p", false), t.quorums());
        t.begin(List.of(proc(1, "sleep", "/bin/sleep", "100")));
        assertEquals(Map.of("e", false, "i", false, "p", false), t.quorums(), "the first word is compared whole");
    }
}
