package io.lvsj.keepalived.daemon;

import io.lvsj.keepalived.config.KeepalivedConfig;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which subsystems the process runs, as keepalived decides: {@code -P} allows VRRP, {@code -C}
 * the checkers, neither allows both; an allowed subsystem runs only while the configuration
 * has something for it (VRRP instances or static addresses/routes/rules; virtual servers),
 * unless {@code --all} says to run it anyway. BFD runs with either (its sessions serve both)
 * while there are {@code bfd_instance}s, unless {@code -B}.
 */
public record Mode(Set<Subsystem.Kind> allowed, boolean all) {

    public Mode {
        allowed = Set.copyOf(allowed);
    }

    /** From the command line's {@code -P}, {@code -C} and {@code --all}. */
    public static Mode of(boolean vrrpOnly, boolean checkersOnly, boolean all) {
        return of(vrrpOnly, checkersOnly, false, all);
    }

    /** From the command line's {@code -P}, {@code -C}, {@code -B} and {@code --all}. */
    public static Mode of(boolean vrrpOnly, boolean checkersOnly, boolean noBfd, boolean all) {
        Set<Subsystem.Kind> kinds = EnumSet.noneOf(Subsystem.Kind.class);
        if (vrrpOnly) {
            kinds.add(Subsystem.Kind.VRRP);
        }
        if (checkersOnly) {
            kinds.add(Subsystem.Kind.CHECKERS);
        }
        if (kinds.isEmpty()) {
            kinds.add(Subsystem.Kind.VRRP);
            kinds.add(Subsystem.Kind.CHECKERS);
        }
        if (!noBfd || all) {
            kinds.add(Subsystem.Kind.BFD);
        }
        return new Mode(kinds, all);
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
            case BFD -> !config.bfdInstances().isEmpty();
        };
    }
}
