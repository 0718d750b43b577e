package io.lvsj.ipvsadm;

import io.lvsj.ipvsadm.listing.TextOutput;

/**
 * Standard error. Each message is one write, flushed at once, as C's unbuffered stderr does.
 * While {@code -R} reads its input, messages name the input line they belong to.
 */
final class ErrorLog {
    private final TextOutput err;
    private int line;

    ErrorLog(TextOutput err) {
        this.err = err;
    }

    /** Messages from now on belong to input line {@code number} of {@code -R}; 0 for none. */
    void line(int number) {
        line = number;
    }

    void report(String message) {
        report(line, message);
    }

    void report(int inputLine, String message) {
        if (inputLine > 0) {
            err.print("line ").print(Integer.toString(inputLine)).print(": ");
        }
        err.print(message).print('\n');
        err.flush();
    }

    /** Text that is no message of a line (the IPVS version warning). */
    void raw(String text) {
        err.print(text);
        err.flush();
    }
}
