package io.lvsj.keepalived.config;

/**
 * How bad a configuration problem is, in keepalived 2.2's terms ({@code config_err_t}).
 *
 * <p>The order matters: keepalived keeps the highest value reported as the verdict of a
 * configuration test, so a later, milder complaint overrides an earlier fatal one (a missing
 * interface is reported as a general error first and as a bad interface second, and
 * {@code keepalived -t} exits 5, not 4), and a security violation overrides everything.
 * {@link #NOTE} is what keepalived only logs: it never changes the verdict. {@link #REPORTED}
 * is what keepalived reports as a configuration problem of level {@code CONFIG_OK} (an
 * include that matched nothing, a file that is not a regular one): {@code keepalived -t}
 * prints it, and it does not change the verdict either.
 */
public enum Severity {
    NOTE,
    REPORTED,
    FILE_NOT_FOUND,
    BAD_INTERFACE,
    FATAL,
    MULTIPLE_FILES,
    UNKNOWN_KEYWORD,
    UNEXPECTED_BLOCK_START,
    MISSING_BLOCK_START,
    UNEXPECTED_BLOCK_END,
    MISSING_BLOCK_END,
    UNMATCHED_QUOTE,
    MISSING_PARAMETER,
    INVALID_NUMBER,
    GENERAL,
    WARNING,
    DEPRECATED,
    SECURITY;

    /** Whether {@code keepalived -t} counts it against the configuration (its exit status). */
    public boolean counts() {
        return compareTo(REPORTED) > 0;
    }

    /** keepalived will not run a configuration with this problem. */
    public boolean stopsDaemon() {
        return this == FILE_NOT_FOUND || this == BAD_INTERFACE || this == FATAL;
    }

    /** The word printed before the message. */
    public String label() {
        return switch (this) {
            case NOTE -> "note";
            case REPORTED -> "warning";
            case FILE_NOT_FOUND, BAD_INTERFACE, FATAL -> "error";
            case SECURITY -> "security";
            default -> "warning";
        };
    }
}
