package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.Probe;
import io.lvsj.keepalived.check.net.NetworkContext;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * MISC_CHECK: runs the program (directly, no shell; as {@code user} through util-linux
 * {@code runuser}, since a JVM cannot change user between fork and exec). When it outlives its
 * timeout it gets SIGTERM, and SIGKILL 2 s later, its children too, as keepalived does it.
 */
public record MiscProbe(CheckSpec.Misc spec, NetworkContext network) implements Probe {
    static final long KILL_GRACE_SECONDS = 2;

    @Override
    public Attempt attempt(CheckerState state) {
        Process process;
        try {
            process = network.start(builder(spec.command(), spec.user()));
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

    static ProcessBuilder builder(List<String> command, java.util.Optional<String> user) {
        List<String> argv = new ArrayList<>();
        if (user.isPresent() && !user.get().equals("root")) {
            argv.addAll(List.of("runuser", "-u", user.get(), "--"));
        }
        argv.addAll(command);
        return new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
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
