package io.lvsj.realserver;

/** The host refused a change, in one line naming it and why; what this run had changed is undone. */
public final class SetupException extends RuntimeException {
    public SetupException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
