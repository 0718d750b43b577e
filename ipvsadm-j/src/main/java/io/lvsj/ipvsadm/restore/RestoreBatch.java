package io.lvsj.ipvsadm.restore;

import io.lvsj.ipvs.CommandFailure;
import io.lvsj.ipvs.Ipvs;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvsadm.cli.Invocation;
import io.lvsj.ipvsadm.cli.KernelCall;

import java.util.ArrayList;
import java.util.List;

/**
 * Changes read from {@code -R}'s input, waiting to go to the kernel together: many requests per
 * system call instead of ipvsadm's socket, family lookup and round trip per line. The kernel
 * applies them in order and answers each failure separately, so the outcome (and each error,
 * with its line) is what running them one by one would give.
 */
public final class RestoreBatch {
    /** As many as {@code IpvsClient.executeAll} sends per system call. */
    private static final int FULL = 4096;

    /** A change the kernel refused. */
    public record Failure(int line, KernelCall call, int errno) {
    }

    private final List<IpvsCommand> commands = new ArrayList<>();
    private final List<KernelCall> calls = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();

    public void add(Invocation.Change change, int line) {
        commands.add(change.command());
        calls.add(change.call());
        lines.add(line);
    }

    /** Whether it is worth sending now rather than holding more. */
    public boolean isFull() {
        return commands.size() >= FULL;
    }

    public boolean isEmpty() {
        return commands.isEmpty();
    }

    /** Sends everything waiting and returns the failures in input order; the batch is then empty. */
    public List<Failure> send(Ipvs ipvs) {
        if (commands.isEmpty()) {
            return List.of();
        }
        List<Failure> failures = new ArrayList<>();
        try {
            for (CommandFailure f : ipvs.executeAll(commands)) {
                failures.add(new Failure(lines.get(f.index()), calls.get(f.index()), f.errno()));
            }
        } finally {
            commands.clear();
            calls.clear();
            lines.clear();
        }
        failures.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return failures;
    }
}
