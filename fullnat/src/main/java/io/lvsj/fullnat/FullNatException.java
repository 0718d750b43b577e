package io.lvsj.fullnat;

/**
 * Something FullNAT cannot do, said in one line a user can act on ("no local address
 * 192.0.2.9 on service TCP 203.0.113.10:80"). Nothing was changed when it is thrown.
 */
public final class FullNatException extends RuntimeException {
    public FullNatException(String message) {
        super(message, null, false, false);
    }

    public FullNatException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
