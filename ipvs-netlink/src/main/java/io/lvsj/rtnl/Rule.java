package io.lvsj.rtnl;

import java.net.InetAddress;

/**
 * A policy routing rule ({@code ip rule}; keepalived's {@code virtual_rules} and
 * {@code static_rules}). Absent selectors are {@code null} or 0.
 *
 * @param ipv6         the address family
 * @param priority     rule preference, 0 = let the kernel choose
 * @param from         source prefix, or {@code null}
 * @param fromLength   its length
 * @param to           destination prefix, or {@code null}
 * @param toLength     its length
 * @param fwmark       firewall mark to match, 0 = any
 * @param fwmask       mask for the mark, 0 = all ones when a mark is given
 * @param inInterface  {@code iif} name, or {@code null}
 * @param outInterface {@code oif} name, or {@code null}
 * @param table        routing table to look up
 * @param action       what a match does
 * @param details      the rest of {@code ip rule}'s selectors and options
 */
public record Rule(boolean ipv6, int priority, InetAddress from, int fromLength, InetAddress to, int toLength,
                   int fwmark, int fwmask, String inInterface, String outInterface, int table, Action action,
                   RuleDetails details) {
    public Rule {
        details = details == null ? RuleDetails.NONE : details;
    }

    /** A rule with no more than these selectors. */
    public Rule(boolean ipv6, int priority, InetAddress from, int fromLength, InetAddress to, int toLength,
                int fwmark, int fwmask, String inInterface, String outInterface, int table, Action action) {
        this(ipv6, priority, from, fromLength, to, toLength, fwmark, fwmask, inInterface, outInterface, table, action,
                RuleDetails.NONE);
    }

    /** {@code FR_ACT_*}. */
    public enum Action {
        TO_TABLE(1), GOTO(2), NOP(3), BLACKHOLE(6), UNREACHABLE(7), PROHIBIT(8);

        final int number;

        Action(int number) {
            this.number = number;
        }

        static Action ofNumber(int n) {
            for (Action a : values()) {
                if (a.number == n) {
                    return a;
                }
            }
            return TO_TABLE;
        }
    }

    @Override
    public String toString() {
        StringBuilder t = new StringBuilder();
        if (priority != 0) {
            t.append(priority).append(": ");
        }
        t.append("from ").append(from == null ? "all" : from.getHostAddress() + "/" + fromLength);
        if (to != null) {
            t.append(" to ").append(to.getHostAddress()).append('/').append(toLength);
        }
        if (fwmark != 0) {
            t.append(" fwmark 0x").append(Integer.toHexString(fwmark));
        }
        if (inInterface != null) {
            t.append(" iif ").append(inInterface);
        }
        if (outInterface != null) {
            t.append(" oif ").append(outInterface);
        }
        return t.append(action == Action.TO_TABLE ? " lookup " + table : " " + action.name().toLowerCase(java.util.Locale.ROOT))
                .toString();
    }

    /** Look up {@code table} for packets from {@code from/fromLength}. */
    public static Rule fromPrefix(InetAddress from, int fromLength, int table, int priority) {
        return new Rule(from instanceof java.net.Inet6Address, priority, from, fromLength, null, 0, 0, 0, null, null,
                table, Action.TO_TABLE);
    }
}
