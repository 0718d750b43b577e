package io.lvsj.keepalived.config.parse;

/**
 * A keyword's handler needed a word the line did not have. keepalived reports it and stops
 * reading altogether ({@code null_strvec} exits with status 2), so we unwind to the top.
 */
final class MissingParameter extends RuntimeException {
    MissingParameter(String message) {
        super(message, null, false, false);
    }
}
