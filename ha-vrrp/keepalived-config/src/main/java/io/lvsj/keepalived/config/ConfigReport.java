package io.lvsj.keepalived.config;

import java.util.List;

/**
 * The outcome of reading a configuration: the configuration as keepalived would run it, what
 * was wrong with it, and how far reading got.
 *
 * @param config       what keepalived would run (possibly partial when reading stopped early)
 * @param diagnostics  every problem found, in order
 * @param outcome      whether reading ran to the end
 * @param vrrpStops    keepalived's VRRP process would refuse this configuration and exit
 */
public record ConfigReport(KeepalivedConfig config, List<Diagnostic> diagnostics, Outcome outcome, int worstExitStatus,
                           boolean vrrpStops) {

    /** How reading ended. */
    public enum Outcome {
        /** The configuration was read and checked to the end. */
        CHECKED,
        /** The configuration file could not be found or read; nothing was parsed. */
        NOT_READ,
        /** A keyword lacked a parameter keepalived needs; keepalived stops reading (status 2). */
        MISSING_PARAMETER,
        /** A strict {@code include} failed; keepalived refuses the configuration (status 6). */
        INCLUDE_FAILED
    }

    public ConfigReport {
        diagnostics = List.copyOf(diagnostics);
    }

    /** The status {@code keepalived -t} exits with for this configuration (2.2.7's behaviour). */
    public int testExitStatus() {
        return switch (outcome) {
            case MISSING_PARAMETER -> 2;
            case INCLUDE_FAILED -> 6;
            case CHECKED, NOT_READ -> worstExitStatus;
        };
    }

    /** True when nothing worse than a note was found. */
    public boolean clean() {
        return testExitStatus() == 0;
    }
}
