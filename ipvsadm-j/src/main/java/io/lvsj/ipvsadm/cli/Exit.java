package io.lvsj.ipvsadm.cli;

/**
 * ipvsadm ends the whole program from deep inside (its {@code fail()} and {@code exit()}); here
 * that is this exception, caught once at the top, which prints {@link #message()} (if any) on
 * standard error and returns {@link #status()}. It is control flow, so it carries no stack trace.
 */
public final class Exit extends RuntimeException {
    private final int status;
    private final String message;

    public Exit(int status, String message) {
        super(message, null, false, false);
        this.status = status;
        this.message = message;
    }

    /** ipvsadm's {@code fail(2, ...)}: a command line it refuses. */
    public static Exit fail(String message) {
        return new Exit(2, message);
    }

    /** ipvsadm's {@code tryhelp_exit}: the first option is no command. */
    public static Exit tryHelp(String program) {
        return new Exit(255, "Try `" + program + " -h' or '" + program + " --help' for more information.");
    }

    public int status() {
        return status;
    }

    /** The line to print on standard error, without its newline, or {@code null}. */
    public String message() {
        return message;
    }
}
