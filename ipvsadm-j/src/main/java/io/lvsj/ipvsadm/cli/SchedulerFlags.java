package io.lvsj.ipvsadm.cli;

import io.lvsj.ipvs.ServiceFlags;

/**
 * The {@code -b} scheduler flags, read and written as ipvsadm does. {@code sh-*} and
 * {@code mh-*} names need that scheduler (or, when {@code -s} is absent, the default
 * {@code wlc}, so they fail); {@code flag-N} works with any.
 */
public final class SchedulerFlags {
    private static final String DEFAULT_SCHEDULER = "wlc";

    private SchedulerFlags() {
    }

    /** The flag bits of a comma-separated list; empty items are skipped, as {@code strtok} does. */
    static int parse(String scheduler, String list) {
        String sched = scheduler.isEmpty() ? DEFAULT_SCHEDULER : scheduler;
        int bits = 0;
        boolean any = false;
        for (String flag : list.split(",")) {
            if (flag.isEmpty()) {
                continue;
            }
            any = true;
            bits |= switch (flag) {
                case "flag-1" -> ServiceFlags.SCHED1;
                case "flag-2" -> ServiceFlags.SCHED2;
                case "flag-3" -> ServiceFlags.SCHED3;
                case "sh-fallback" -> requiring(sched, "sh", flag, ServiceFlags.SCHED1);
                case "sh-port" -> requiring(sched, "sh", flag, ServiceFlags.SCHED2);
                case "mh-fallback" -> requiring(sched, "mh", flag, ServiceFlags.SCHED1);
                case "mh-port" -> requiring(sched, "mh", flag, ServiceFlags.SCHED2);
                default -> throw Exit.fail("invalid scheduler flag `" + flag + "'");
            };
        }
        if (!any) {
            // ipvsadm 1.31 crashes (SIGSEGV) on a list of nothing but commas; we refuse it instead.
            throw Exit.fail("invalid scheduler flag `" + list + "'");
        }
        return bits;
    }

    private static int requiring(String scheduler, String needed, String flag, int bit) {
        if (!scheduler.equals(needed)) {
            throw Exit.fail("incompatible scheduler flag `" + flag + "'");
        }
        return bit;
    }

    /**
     * The flags as ipvsadm lists them: by name for {@code sh} and {@code mh}, as
     * {@code flag-N} for other schedulers; empty when none is set.
     */
    public static String describe(String scheduler, int flags) {
        StringBuilder out = new StringBuilder();
        switch (scheduler) {
            case "sh" -> {
                append(out, flags, ServiceFlags.SCHED1, "sh-fallback");
                append(out, flags, ServiceFlags.SCHED2, "sh-port");
            }
            case "mh" -> {
                append(out, flags, ServiceFlags.SCHED1, "mh-fallback");
                append(out, flags, ServiceFlags.SCHED2, "mh-port");
            }
            default -> {
                append(out, flags, ServiceFlags.SCHED1, "flag-1");
                append(out, flags, ServiceFlags.SCHED2, "flag-2");
                append(out, flags, ServiceFlags.SCHED3, "flag-3");
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, int flags, int bit, String name) {
        if ((flags & bit) != 0) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(name);
        }
    }
}
