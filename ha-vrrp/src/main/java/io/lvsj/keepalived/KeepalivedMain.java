package io.lvsj.keepalived;

import picocli.CommandLine;

import java.io.PrintStream;

/** {@code keepalived-j}: the command line. */
public final class KeepalivedMain {
    private KeepalivedMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line and returns its exit status (for tests and embedding). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        KeepalivedCommand command = new KeepalivedCommand(out, err);
        CommandLine cli = new CommandLine(command)
                .setPosixClusteredShortOptionsAllowed(true)
                .setUnmatchedOptionsArePositionalParams(false)
                .setOverwrittenOptionsAllowed(true);
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("keepalived-j: " + e.getMessage());
            err.println("Try 'keepalived-j --help' for more information.");
            return KeepalivedCommand.EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            err.println("keepalived-j: " + e.getMessage());
            return KeepalivedCommand.EXIT_FATAL;
        });
        return cli.execute(args);
    }
}
