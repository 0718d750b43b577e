package io.lvsj.syncd.daemon;

/** lvs-syncd cannot start (or reload) as configured; the message is one sentence for people. */
public final class StartupException extends Exception {
    public StartupException(String message) {
        super(message);
    }
}
