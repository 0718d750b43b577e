package io.lvsj.keepalived.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The problems found while reading one configuration, in the order found, each once, and the
 * verdict {@code keepalived -t} would give.
 */
public final class Diagnostics {
    /** Exit status of a configuration test: clean. */
    public static final int EXIT_OK = 0;
    /** Exit status of a configuration test: keepalived would not run it. */
    public static final int EXIT_CANNOT_RUN = 4;
    /** Exit status of a configuration test: errors, but keepalived would run it. */
    public static final int EXIT_ERRORS = 5;
    /** Exit status of a configuration test: scripts would run without script security. */
    public static final int EXIT_SECURITY = 6;

    /** The text of every diagnostic reported: locations never compare, so the text is the identity. */
    private final Set<String> seen = new LinkedHashSet<>();
    private final List<Diagnostic> all = new ArrayList<>();
    private Severity worst = Severity.NOTE;

    public void report(Location location, Severity severity, String message) {
        Diagnostic d = new Diagnostic(location, severity, message);
        if (seen.add(d.toString())) {
            all.add(d);
        }
        if (severity.compareTo(worst) > 0) {
            worst = severity;
        }
    }

    public List<Diagnostic> all() {
        return List.copyOf(all);
    }

    /** The highest severity reported, {@link Severity#NOTE} if nothing counts. */
    public Severity worst() {
        return worst;
    }

    /** What {@code keepalived -t} exits with: 0, 4, 5 or 6 (keepalived 2.2's {@code config_test_exit}). */
    public int exitStatus() {
        if (!worst.counts()) {
            return EXIT_OK;
        }
        if (worst.stopsDaemon()) {
            return EXIT_CANNOT_RUN;
        }
        return worst == Severity.SECURITY ? EXIT_SECURITY : EXIT_ERRORS;
    }
}
