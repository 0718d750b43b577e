package io.lvsj.keepalived.vrrp.config;

import java.net.InetAddress;

/**
 * One {@code virtual_rules} (or {@code static_rules}) entry, {@code ip rule}'s grammar as
 * keepalived sends it. Absent numbers are -1 (0 for marks, realms and tunnel ids).
 */
public record VirtualRule(boolean ipv6, Action action, long table, long gotoTarget, InetAddress from, int fromLength,
                          InetAddress to, int toLength, boolean invert, long preference, int tos, long fwmark,
                          long fwmask, long realms, int suppressPrefixLength, long suppressGroup, String inInterface,
                          String outInterface, long tunnelId, long uidStart, long uidEnd, boolean l3mdev,
                          int protocol, int ipProtocol, long sportStart, long sportEnd, long dportStart,
                          long dportEnd) {
    /** {@code FR_ACT_*}. */
    public enum Action { TABLE, GOTO, NOP, BLACKHOLE, UNREACHABLE, PROHIBIT }

    /** As {@code ip rule} prints it, roughly, for log lines. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (preference >= 0) {
            s.append(preference).append(": ");
        }
        s.append(invert ? "not " : "").append("from ")
                .append(from == null ? "all" : from.getHostAddress() + "/" + fromLength);
        if (to != null) {
            s.append(" to ").append(to.getHostAddress()).append('/').append(toLength);
        }
        if (inInterface != null) {
            s.append(" iif ").append(inInterface);
        }
        if (outInterface != null) {
            s.append(" oif ").append(outInterface);
        }
        return s.append(switch (action) {
            case TABLE -> " lookup " + table;
            case GOTO -> " goto " + gotoTarget;
            default -> " " + action.name().toLowerCase(java.util.Locale.ROOT);
        }).toString();
    }
}
