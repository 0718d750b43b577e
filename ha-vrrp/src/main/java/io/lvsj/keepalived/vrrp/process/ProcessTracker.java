package io.lvsj.keepalived.vrrp.process;

import io.lvsj.keepalived.vrrp.config.TrackProcessConfig;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * keepalived's {@code track_process} accounting (core/track_process.c), without I/O and with
 * the time passed in (microseconds): which processes count for which tracked process, how many
 * each has, and when a quorum is gained or lost, with {@code fork_delay} and
 * {@code terminate_delay}. Fed the processes running at start and then the process
 * connector's events (a new program, a new name, a fork, an exit), it reports each change of
 * quorum. Only processes count, not threads: the shell passes only main-thread events.
 *
 * <p>A process counts for a tracked process when its comm name equals {@code process} (or,
 * with {@code full_command} or parameters, the first word of its command line does), and its
 * parameters match: {@code exact} the same words, {@code partial} the given words first,
 * {@code initial} likewise with the last given word only a prefix of the process's.
 */
public final class ProcessTracker {
    /** A tracked process gained ({@code true}) or lost its quorum. */
    public record Change(String name, boolean quorum) {
    }

    public static final long NEVER = Long.MAX_VALUE;

    private static final class Tracked {
        final TrackProcessConfig config;
        final byte[] parameters;
        int count;
        boolean quorum;
        long forkTimer = NEVER;
        long terminateTimer = NEVER;

        Tracked(TrackProcessConfig config) {
            this.config = config;
            ByteArrayOutputStream p = new ByteArrayOutputStream();
            for (String word : config.parameters()) {
                p.writeBytes(word.getBytes(StandardCharsets.UTF_8));
                p.write(0);
            }
            this.parameters = p.toByteArray();
        }
    }

    private final Map<String, Tracked> tracked = new LinkedHashMap<>();
    /** The processes that count, and for which tracked processes. */
    private final Map<Integer, Set<Tracked>> counted = new HashMap<>();

    public ProcessTracker(List<TrackProcessConfig> configs) {
        configs.forEach(c -> tracked.put(c.name(), new Tracked(c)));
    }

    /** Whether any tracked process needs command lines (else comm names are enough). */
    public boolean needsCommandLines() {
        return tracked.values().stream().anyMatch(t -> t.config.fullCommand());
    }

    /** The processes running at start: counts and quorums are set, nothing is reported (keepalived's initial state). */
    public void begin(List<RunningProcess> running) {
        counted.clear();
        for (Tracked t : tracked.values()) {
            t.count = 0;
            t.forkTimer = t.terminateTimer = NEVER;
        }
        for (RunningProcess p : running) {
            for (Tracked t : tracked.values()) {
                if (matches(t, p, false)) {
                    counted.computeIfAbsent(p.pid(), k -> new LinkedHashSet<>()).add(t);
                    t.count++;
                }
            }
        }
        tracked.values().forEach(t -> t.quorum = t.config.quorate(t.count));
    }

    /** Each tracked process's quorum now. */
    public Map<String, Boolean> quorums() {
        Map<String, Boolean> q = new LinkedHashMap<>();
        tracked.forEach((name, t) -> q.put(name, t.quorum));
        return q;
    }

    /** How many processes count for {@code name} now. */
    public int count(String name) {
        return tracked.get(name).count;
    }

    /**
     * Events were lost: the processes running now replace what was known; a count that
     * crossed the quorum reports at once, or after {@code terminate_delay} for a loss.
     */
    public List<Change> rescan(List<RunningProcess> running, long now) {
        Map<String, Integer> before = new HashMap<>();
        tracked.forEach((name, t) -> before.put(name, t.count));
        boolean[] quorums = new boolean[tracked.size()];
        int i = 0;
        for (Tracked t : tracked.values()) {
            quorums[i++] = t.quorum;
        }
        begin(running);
        List<Change> changes = new ArrayList<>();
        i = 0;
        for (Tracked t : tracked.values()) {
            boolean had = quorums[i++];
            boolean now_ = t.config.quorate(t.count);
            t.quorum = had;
            if (now_ == had) {
                continue;
            }
            if (!now_ && !t.config.terminateDelay().isZero()) {
                t.terminateTimer = now + micros(t.config.terminateDelay());
            } else {
                update(t, now_, changes);
            }
        }
        return changes;
    }

    /** A process ran a new program (or is seen anew): {@code now} is what /proc says of it, {@code null} if gone. */
    public List<Change> exec(RunningProcess process) {
        List<Change> changes = new ArrayList<>();
        check(process.pid(), process, false, changes);
        return changes;
    }

    /** A process changed its comm name to {@code process.comm()}. */
    public List<Change> commChanged(RunningProcess process) {
        List<Change> changes = new ArrayList<>();
        Set<Tracked> of = counted.get(process.pid());
        if (of != null) {
            for (Tracked t : List.copyOf(of)) {
                if (t.config.fullCommand()) {
                    continue;
                }
                if (process.comm() != null && process.comm().equals(t.config.process())) {
                    return changes; // the name has not really changed
                }
                of.remove(t);
                lose(t, changes, false, 0);
            }
            if (of.isEmpty()) {
                counted.remove(process.pid());
            }
        }
        check(process.pid(), process, true, changes);
        return changes;
    }

    /** A process forked: the child counts wherever its parent does. */
    public List<Change> fork(int parent, int child, long now) {
        List<Change> changes = new ArrayList<>();
        Set<Tracked> of = counted.get(parent);
        if (of == null) {
            return changes;
        }
        Set<Tracked> childOf = counted.computeIfAbsent(child, k -> new LinkedHashSet<>());
        for (Tracked t : of) {
            if (!childOf.add(t)) {
                continue;
            }
            t.count++;
            if (t.count == t.config.quorum() || t.count == t.config.quorumMax() + 1) {
                if (t.terminateTimer != NEVER) {
                    t.terminateTimer = NEVER; // the loss being timed is undone
                } else if (!t.config.forkDelay().isZero()) {
                    t.forkTimer = now + micros(t.config.forkDelay());
                } else {
                    update(t, t.count == t.config.quorum(), changes);
                }
            }
        }
        return changes;
    }

    /** A process ended. */
    public List<Change> exit(int pid, long now) {
        List<Change> changes = new ArrayList<>();
        Set<Tracked> of = counted.remove(pid);
        if (of != null) {
            of.forEach(t -> lose(t, changes, true, now));
        }
        return changes;
    }

    /** The earliest delay running out, or {@link #NEVER}. */
    public long nextDeadline() {
        long next = NEVER;
        for (Tracked t : tracked.values()) {
            next = Math.min(next, Math.min(t.forkTimer, t.terminateTimer));
        }
        return next;
    }

    /** Delays that ran out by {@code now}: the quorum is what the count says then. */
    public List<Change> runTimers(long now) {
        List<Change> changes = new ArrayList<>();
        for (Tracked t : tracked.values()) {
            if (t.forkTimer <= now || t.terminateTimer <= now) {
                t.forkTimer = t.terminateTimer = NEVER;
                update(t, t.config.quorate(t.count), changes);
            }
        }
        return changes;
    }

    /** keepalived's {@code check_process}: a process (after exec or a new name) counts where it matches, and no longer where it does not. */
    private void check(int pid, RunningProcess process, boolean commOnly, List<Change> changes) {
        Set<Tracked> of = counted.get(pid);
        for (Tracked t : tracked.values()) {
            if (commOnly && t.config.fullCommand()) {
                continue;
            }
            boolean had = of != null && of.contains(t);
            if (process != null && matches(t, process, commOnly)) {
                if (had) {
                    continue;
                }
                of = counted.computeIfAbsent(pid, k -> new LinkedHashSet<>());
                of.add(t);
                t.count++;
                if (t.count == t.config.quorum() || t.count == t.config.quorumMax() + 1) {
                    t.terminateTimer = NEVER;
                    update(t, t.count == t.config.quorum(), changes);
                }
            } else if (had) {
                of.remove(t);
                lose(t, changes, false, 0);
            }
        }
        if (of != null && of.isEmpty()) {
            counted.remove(pid);
        }
    }

    /** One process fewer for {@code t}: on an exit the loss may wait {@code terminate_delay}. */
    private void lose(Tracked t, List<Change> changes, boolean exit, long now) {
        int before = t.count--;
        if (before == t.config.quorum() || t.count == t.config.quorumMax()) {
            if (t.forkTimer != NEVER) {
                t.forkTimer = NEVER; // the gain being timed is undone
                if (exit) {
                    return;
                }
            } else if (exit && !t.config.terminateDelay().isZero()) {
                t.terminateTimer = now + micros(t.config.terminateDelay());
                return;
            }
            update(t, t.count == t.config.quorumMax(), changes);
        }
    }

    private static void update(Tracked t, boolean quorum, List<Change> changes) {
        if (t.quorum != quorum) {
            t.quorum = quorum;
            changes.add(new Change(t.config.name(), quorum));
        }
    }

    /** keepalived's {@code check_params} and name comparison. */
    private static boolean matches(Tracked t, RunningProcess p, boolean commOnly) {
        TrackProcessConfig c = t.config;
        if (!c.fullCommand()) {
            return p.comm() != null && p.comm().equals(c.process());
        }
        if (commOnly || p.cmdline() == null || !c.process().equals(p.program())) {
            return false;
        }
        if (c.match() == TrackProcessConfig.ParamMatch.NONE) {
            return true;
        }
        byte[] actual = p.parameters();
        byte[] wanted = t.parameters;
        if (c.match() == TrackProcessConfig.ParamMatch.EXACT && wanted.length == 0 && actual.length == 0) {
            return true;
        }
        if (actual.length < wanted.length) {
            return false;
        }
        return switch (c.match()) {
            case EXACT -> Arrays.equals(actual, wanted);
            case PARTIAL -> Arrays.equals(actual, 0, wanted.length, wanted, 0, wanted.length);
            case INITIAL -> wanted.length <= 1
                    || Arrays.equals(actual, 0, wanted.length - 1, wanted, 0, wanted.length - 1);
            case NONE -> true;
        };
    }

    private static long micros(java.time.Duration d) {
        return d.toNanos() / 1000;
    }
}
