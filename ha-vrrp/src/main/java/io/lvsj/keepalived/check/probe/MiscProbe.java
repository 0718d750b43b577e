package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.Probe;
import io.lvsj.keepalived.check.net.NetworkContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * MISC_CHECK: runs the program as keepalived does ({@code ScriptProcess}: directly, no shell,
 * as {@code user}, stopped with SIGTERM if keepalived-j dies). When it outlives its timeout it
 * gets SIGTERM, and SIGKILL 2 s later, its children too, as keepalived does it.
 */
public record MiscProbe(CheckSpec.Misc spec, NetworkContext network) implements Probe {
    static final long KILL_GRACE_SECONDS = 2;

    @Override
    public Attempt attempt(CheckerState state) {
        Process process;
        try {
            process = network.startScript(spec.command(), spec.user(), spec.group());
        } catch (IOException e) {
            return Attempt.failed("cannot run " + spec.command().getFirst() + ": " + e.getMessage());
        }
        try {
            if (process.waitFor(spec.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                return MiscExit.ofExit(process.exitValue(), spec.dynamic());
            }
            terminate(process);
            return MiscExit.timedOut();
        } catch (InterruptedException e) {
            terminate(process);
            Thread.currentThread().interrupt();
            return Attempt.failed("interrupted");
        }
    }

    /** SIGTERM to the script and what it started, SIGKILL to whatever remains 2 s later. */
    static void terminate(Process process) {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process.toHandle());
        family.forEach(ProcessHandle::destroy);
        try {
            process.waitFor(KILL_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        family.forEach(ProcessHandle::destroyForcibly);
    }
}
