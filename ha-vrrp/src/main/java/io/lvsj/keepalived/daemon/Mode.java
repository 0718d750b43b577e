package io.lvsj.keepalived.daemon;

import io.lvsj.keepalived.config.KeepalivedConfig;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which subsystems the process runs, as keepalived decides: {@code -P} allows VRRP, {@code -C}
 * the checkers, neither allows both; an allowed subsystem runs only while the configuration
 * has something for it (VRRP instances or static addresses/routes/rules; virtual servers),
 * unless {@code --all} says to run it anyway. {@code -B} (no BFD) changes nothing: keepalived-j
 * runs no BFD.
 */
public record Mode(Set<Subsystem.Kind> allowed, boolean all) {

    public Mode {
        allowed = Set.copyOf(allowed);
    }

    /** From the command line's {@code -P}, {@code -C} and {@code --all}. */
    public static Mode of(boolean vrrpOnly, boolean checkersOnly, boolean all) {
        Set<Subsystem.Kind> kinds = EnumSet.noneOf(Subsystem.Kind.class);
        if (vrrpOnly) {
            kinds.add(Subsystem.Kind.VRRP);
        }
        if (checkersOnly) {
            kinds.add(Subsystem.Kind.CHECKERS);
        }
        return new Mode(kinds.isEmpty() ? EnumSet.allOf(Subsystem.Kind.class) : kinds, all);
    }

    /** Whether {@code kind} runs with {@code config}. */
    public boolean runs(Subsystem.Kind kind, KeepalivedConfig config) {
        return allowed.contains(kind) && (all || configures(kind, config));
    }

    /** Whether {@code config} has something for {@code kind} to do. */
    public static boolean configures(Subsystem.Kind kind, KeepalivedConfig config) {
        return switch (kind) {
            case VRRP -> config.hasVrrp();
            case CHECKERS -> config.hasCheckers();
        };
    }
}
