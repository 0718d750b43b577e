package io.lvsj.rtnl;

/**
 * The rest of {@code ip rule}'s grammar for a {@link Rule}, as keepalived's
 * {@code virtual_rules} and {@code static_rules} may give it. Absent numbers are -1.
 *
 * @param invert              {@code not} (FIB_RULE_INVERT)
 * @param tos                 {@code tos}/{@code dsfield}
 * @param gotoTarget          {@code goto} priority (FRA_GOTO), with {@link Rule.Action#GOTO}
 * @param realms              {@code realms} (FRA_FLOW), 0 for none
 * @param suppressPrefixLength {@code suppress_prefixlength}, -1 for none
 * @param suppressGroup       {@code suppress_ifgroup}, -1 for none
 * @param tunnelId            {@code tun_id} (FRA_TUN_ID), 0 for none
 * @param uidStart            {@code uidrange} start, -1 for none
 * @param uidEnd              {@code uidrange} end
 * @param l3mdev              {@code l3mdev} (FRA_L3MDEV)
 * @param protocol            {@code protocol} (FRA_PROTOCOL), -1 for none
 * @param ipProtocol          {@code ipproto} (FRA_IP_PROTO), -1 for none
 * @param sportStart          {@code sport} range start, -1 for none
 * @param sportEnd            its end
 * @param dportStart          {@code dport} range start, -1 for none
 * @param dportEnd            its end
 */
public record RuleDetails(boolean invert, int tos, int gotoTarget, long realms, int suppressPrefixLength,
                          int suppressGroup, long tunnelId, long uidStart, long uidEnd, boolean l3mdev, int protocol,
                          int ipProtocol, int sportStart, int sportEnd, int dportStart, int dportEnd) {
    public static final RuleDetails NONE = new RuleDetails(false, 0, 0, 0, -1, -1, 0, -1, -1, false, -1, -1, -1, -1,
            -1, -1);
}
