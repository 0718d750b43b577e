package io.lvsj.keepalived;

import java.io.PrintStream;
import java.util.Arrays;

/** {@code keepalived-j}: the command line. */
public final class KeepalivedMain {
    private KeepalivedMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line and returns its exit status (for tests and embedding). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        int genhash = genhashAt(args);
        if (genhash >= 0) {
            if (genhash > 0) {
                err.println("Warning -- `" + args[genhash] + "` not used as first option, previous options ignored");
            }
            return GenhashCommand.run(Arrays.asList(args).subList(genhash + 1, args.length), out, err);
        }
        Getopt.Parsed options;
        try {
            options = KeepalivedOption.PARSER.parse(Arrays.asList(args));
        } catch (Getopt.UsageException e) {
            err.println("keepalived-j: " + e.getMessage());
            err.println("Try 'keepalived-j --help' for more information.");
            return KeepalivedCommand.EXIT_USAGE;
        }
        if (!options.operands().isEmpty()) {
            err.println("keepalived-j: unexpected argument(s): " + String.join(" ", options.operands()));
            err.println("Try 'keepalived-j --help' for more information.");
            return KeepalivedCommand.EXIT_USAGE;
        }
        try {
            return new KeepalivedCommand(options, out, err).call();
        } catch (RuntimeException e) {
            // a failure nobody foresaw: one line, as keepalived would log it, not a stack trace
            err.println("keepalived-j: " + e.getMessage());
            return KeepalivedCommand.EXIT_FATAL;
        }
    }

    /**
     * Where {@code -T}/{@code --genhash} is: keepalived switches to genhash there, ignoring what
     * came before, and reads the rest with genhash's own options.
     */
    static int genhashAt(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-T") || args[i].equals("--genhash")) {
                return i;
            }
            if (args[i].equals("--")) {
                break;
            }
        }
        return -1;
    }
}
