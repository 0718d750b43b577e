package io.lvsj.keepalived.config;

import java.util.Objects;

/** One problem found in a configuration: where, how bad, and what, for a person to read. */
public record Diagnostic(Location location, Severity severity, String message) {

    public Diagnostic {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line: warning: what is wrong}. */
    @Override
    public String toString() {
        String where = location.toString();
        return (where.isEmpty() ? "" : where + ": ") + severity.label() + ": " + message;
    }
}
