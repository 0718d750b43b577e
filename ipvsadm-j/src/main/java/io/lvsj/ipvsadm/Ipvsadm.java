package io.lvsj.ipvsadm;

import io.lvsj.ipvsadm.cli.CommandLineParser;
import io.lvsj.ipvsadm.cli.Exit;
import io.lvsj.ipvsadm.cli.Invocation;
import io.lvsj.ipvsadm.cli.ListFormat;
import io.lvsj.ipvsadm.listing.TextOutput;
import io.lvsj.ipvsadm.restore.RestoreBatch;
import io.lvsj.ipvsadm.restore.RestoreReader;
import io.lvsj.netlink.NetlinkException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ipvsadm-j: one command line in, ipvsadm 1.31's output, messages and exit status out. It can
 * run in-process any number of times (each call is independent), which is how the differential
 * suite runs hundreds of cases in one JVM; {@link Main} runs it once for the command line.
 *
 * <p>Unlike ipvsadm, the kernel is opened only once the command line has been read and found
 * to need it, so {@code -h}, {@code -v} and mistakes on the command line are answered without
 * IPVS in the kernel.
 */
public final class Ipvsadm {
    private final Environment env;
    private final TextOutput out;
    private final ErrorLog errors;
    private final CommandLineParser parser;
    private final KernelSession kernel;
    private final Listings listings;
    private final FullNatCommands fullNat;

    private Ipvsadm(Environment env) {
        this.env = env;
        this.out = new TextOutput(env.stdout());
        this.errors = new ErrorLog(new TextOutput(env.stderr()));
        this.parser = new CommandLineParser(env.names(), env.posixlyCorrect());
        this.kernel = new KernelSession(env.ipvs(), errors);
        this.fullNat = new FullNatCommands(env, kernel, errors, out);
        this.listings = new Listings(kernel, env, out, errors, fullNat);
    }

    /**
     * Runs one command line.
     *
     * @param program the name to use in messages, as ipvsadm uses its {@code argv[0]}
     * @param args    the arguments (one char per byte)
     * @return the exit status, 0..255
     */
    public static int run(Environment env, String program, List<String> args) {
        Ipvsadm ipvsadm = new Ipvsadm(env);
        try {
            return ipvsadm.run(program, args) & 0xff;
        } finally {
            ipvsadm.kernel.close();
        }
    }

    private int run(String program, List<String> args) {
        try {
            if (args.isEmpty()) {
                listings.all(ListFormat.DEFAULT);
                return 0;
            }
            String[] argv = new String[args.size() + 1];
            argv[0] = program;
            for (int i = 0; i < args.size(); i++) {
                argv[i + 1] = args.get(i);
            }
            Invocation invocation = parser.parse(argv, false);
            return invocation instanceof Invocation.Restore ? restore(program) : perform(invocation, program);
        } catch (Exit e) {
            if (e.message() != null) {
                errors.report(e.message());
            }
            return e.status();
        } finally {
            out.flush();
        }
    }

    /** Carries out one invocation; returns 0 or -1 as ipvsadm's {@code process_options} does. */
    private int perform(Invocation invocation, String program) {
        switch (invocation) {
            case Invocation.Help help -> {
                out.print(Usage.help(program, help.withExtensions()));
                throw new Exit(0, null);
            }
            case Invocation.Version version -> {
                out.print(Usage.version(version.withExtensions()));
                throw new Exit(0, null);
            }
            case Invocation.Rejected rejected -> {
                errors.report(rejected.message());
                return -1;
            }
            case Invocation.Change change -> {
                if (fullNat.concerns(change)) {
                    return fullNat.change(change);
                }
                try {
                    kernel.ipvs().execute(change.command());
                    return 0;
                } catch (NetlinkException e) {
                    errors.report(KernelMessages.describe(change.call(), e.errno()));
                    return -1;
                }
            }
            case Invocation.ListAll list -> listings.all(list.format());
            case Invocation.ListService list -> listings.one(list.key(), list.format());
            case Invocation.ListConnections list -> listings.connections(list.format());
            case Invocation.ListTimeouts list -> listings.timeouts(list.format());
            case Invocation.ListDaemons list -> listings.daemons(list.format());
            case Invocation.LocalAddress request -> {
                return fullNat.localAddress(request);
            }
            case Invocation.ListLocalAddresses list -> fullNat.list(list.key());
            case Invocation.Restore restore -> throw new IllegalStateException("-R is handled by restore()");
        }
        return 0;
    }

    /**
     * {@code -R}: each input line is a command line. Changes are sent to the kernel in batches;
     * any other line (a listing, an error) first sends what is waiting, so everything happens
     * in input order. A line ipvsadm would refuse ends the restore with status 2 after the
     * lines before it took effect, as in ipvsadm; a kernel error is reported with its line and
     * the restore goes on. The status is 255 if any line failed (ipvsadm: the last line's).
     */
    private int restore(String program) {
        kernel.open();
        RestoreReader reader = new RestoreReader(readInput(), program);
        RestoreBatch batch = new RestoreBatch();
        FullNatCommands.Restore fullNatLines = fullNat.new Restore();
        boolean failed = false;
        for (RestoreReader.Line line = reader.next(); line != null; line = reader.next()) {
            if (line.isEmpty()) {
                continue;
            }
            errors.line(line.number());
            Invocation invocation;
            try {
                invocation = parser.parse(line.words(), true);
            } catch (Exit e) {
                send(batch, fullNatLines); // the lines before it take effect, as in ipvsadm
                errors.line(0);
                fullNatLines.finish();
                errors.line(line.number()); // the refused line's message names it
                throw e;
            }
            if (invocation instanceof Invocation.Change change) {
                batch.add(change, line.number());
                if (fullNatLines.wants(change)) {
                    fullNatLines.add(line.number(), change.fullNat());
                }
                if (batch.isFull()) {
                    failed |= send(batch, fullNatLines); // keeps memory flat on huge inputs; order and messages are unchanged
                }
                continue;
            }
            failed |= send(batch, fullNatLines);
            if (invocation instanceof Invocation.LocalAddress request) {
                failed |= !fullNatLines.localAddress(request);
                continue;
            }
            failed |= !fullNatLines.finish(); // a listing in the input sees the FullNAT table as it is by then
            try {
                failed |= perform(invocation, program) != 0;
            } catch (Exit e) {
                // -h or -v ends the restore with status 0 in ipvsadm; lines that failed before still fail it here
                throw e.status() == 0 && failed ? new Exit(255, e.message()) : e;
            }
        }
        failed |= send(batch, fullNatLines);
        errors.line(0);
        failed |= !fullNatLines.finish();
        return failed ? -1 : 0;
    }

    /** Sends the waiting changes and reports each failure with its line; true if any failed. */
    private boolean send(RestoreBatch batch, FullNatCommands.Restore fullNatLines) {
        List<RestoreBatch.Failure> failures;
        try {
            failures = batch.send(kernel.ipvs());
        } catch (NetlinkException e) {
            errors.report(0, "ipvsadm-j: " + e.getMessage());
            throw new Exit(1, null);
        }
        java.util.Set<Integer> failedLines = new java.util.HashSet<>();
        for (RestoreBatch.Failure f : failures) {
            errors.report(f.line(), KernelMessages.describe(f.call(), f.errno()));
            failedLines.add(f.line());
        }
        fullNatLines.settle(failedLines);
        return !failures.isEmpty();
    }

    private String readInput() {
        try {
            return new String(env.stdin().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new Exit(1, "ipvsadm-j: cannot read standard input: " + e.getMessage());
        }
    }
}
