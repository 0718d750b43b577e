package io.lvsj.keepalived.config.parse;

/**
 * A keyword's handler needed a word the line did not have. keepalived reports it and stops
 * reading altogether ({@code null_strvec} exits with status 2), so we unwind to the top.
 */
final class MissingParameter extends RuntimeException {
    private final transient io.lvsj.keepalived.config.Location location;

    /** @param location the line that lacks it (keepalived's current line when it stops) */
    MissingParameter(io.lvsj.keepalived.config.Location location, String message) {
        super(message, null, false, false);
        this.location = location;
    }

    io.lvsj.keepalived.config.Location location() {
        return location;
    }
}
