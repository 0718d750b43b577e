package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Prefix;
import io.lvsj.keepalived.config.Rule;
import io.lvsj.text.CNumber;

import java.util.Optional;
import java.util.OptionalInt;

/** Rule lines of {@code virtual_rules} and {@code static_rules} ({@code alloc_rule} in {@code vrrp_iprule.c}). */
final class RuleParser {
    private static final int RTPROT_KEEPALIVED = 18;
    private static final long RULE_START_PRIORITY = 16384;

    private final ParseContext ctx;
    private final AddressParser addresses;
    private long nextPriority4 = RULE_START_PRIORITY;
    private long nextPriority6 = RULE_START_PRIORITY;

    RuleParser(ParseContext ctx, AddressParser addresses) {
        this.ctx = ctx;
        this.addresses = addresses;
    }

    private static final class Skip extends RuntimeException {
        Skip() {
            super(null, null, false, false);
        }
    }

    Rule parse(Statement st, boolean allowTrackGroup) {
        try {
            return parseLine(st, allowTrackGroup);
        } catch (Skip s) {
            return null;
        }
    }

    private Rule parseLine(Statement st, boolean allowTrackGroup) {
        Integer family = null;
        Rule.Action action = null;
        Long table = null;
        Long gotoTarget = null;
        Prefix from = null;
        Prefix to = null;
        boolean invert = false;
        Long priority = null;
        Integer tos = null;
        Long fwmark = null;
        Long fwmask = null;
        Long realms = null;
        Integer suppressPrefix = null;
        Long suppressGroup = null;
        String iif = null;
        String oif = null;
        Long tunnelId = null;
        Rule.PortRange uidRange = null;
        boolean l3mdev = false;
        Integer protocol = null;
        Integer ipProto = null;
        Rule.PortRange sport = null;
        Rule.PortRange dport = null;
        boolean noTrack = false;
        TrackGroupOption trackGroup = new TrackGroupOption(ctx);
        boolean tableOption = false;
        for (int i = 0; i < st.size(); i++) {
            String str = st.word(i);
            switch (str) {
                case "inet6", "inet" -> {
                    int f = str.equals("inet6") ? 6 : 4;
                    if (family != null && family != f) {
                        ctx.error(st, str + " specified for IPv" + family + " rule");
                        throw new Skip();
                    }
                    family = f;
                }
                case "from", "to" -> {
                    Prefix p = addresses.route(st, st.word(++i));
                    if (p == null) {
                        ctx.error(st, "Invalid rule " + str + " address " + st.word(i));
                        throw new Skip();
                    }
                    if (p.address() != null || p.ipv6()) {
                        int f = p.ipv6() ? 6 : 4;
                        if (family == null) {
                            family = f;
                        } else if (family != f) {
                            ctx.error(st, "rule specification has mixed IPv4 and IPv6");
                            throw new Skip();
                        }
                    }
                    if (str.equals("from")) {
                        from = p;
                    } else {
                        to = p;
                    }
                }
                case "table", "lookup" -> {
                    Long t = ctx.rtTables.table(st.word(++i));
                    if (t == null) {
                        ctx.error(st, "Routing table " + st.word(i) + " not found for rule");
                        throw new Skip();
                    }
                    if (t == 0) {
                        ctx.error(st, "Table 0 is not valid");
                        throw new Skip();
                    }
                    table = t;
                    if (action != null) {
                        ctx.error(st, "Cannot specify more than one of table/nop/goto/blackhole/prohibit/unreachable for rule");
                        throw new Skip();
                    }
                    action = Rule.Action.TABLE;
                }
                case "not" -> invert = true;
                case "preference", "order", "priority" -> {
                    String v = st.word(++i);
                    CNumber n = new CNumber(v);
                    long p = n.strtol();
                    if (n.noDigits() || !n.atEnd() || v.strip().startsWith("-") || p > Numbers.UINT_MAX) {
                        ctx.report(st, io.lvsj.keepalived.config.Severity.INVALID_NUMBER, "invalid number '" + v + "'");
                        ctx.error(st, "Invalid rule preference " + str + " specified");
                        throw new Skip();
                    }
                    priority = p;
                }
                case "tos", "dsfield" -> {
                    Long v = ctx.rtTables.dsfield(st.word(++i));
                    if (v == null) {
                        ctx.error(st, "TOS value " + st.word(i) + " is invalid");
                        throw new Skip();
                    }
                    tos = v.intValue();
                }
                case "fwmark" -> {
                    String v = st.word(++i).strip();
                    CNumber n = new CNumber(v);
                    long mark = n.strtol();
                    long mask = 0;
                    boolean bad = v.startsWith("-") || n.noDigits() || mark > Numbers.UINT_MAX;
                    boolean haveMask = false;
                    if (!bad && n.peek() == '/') {
                        n.advance();
                        char c = n.peek();
                        if (CNumber.isSpace(c) || c == '-') {
                            bad = true;
                        } else {
                            mask = n.strtol();
                            haveMask = true;
                            bad = mask > Numbers.UINT_MAX;
                        }
                    }
                    if (bad || !n.atEnd()) {
                        ctx.error(st, "Invalid rule fwmark " + v + " specified");
                        throw new Skip();
                    }
                    fwmark = mark;
                    fwmask = haveMask ? mask : null;
                }
                case "realms" -> {
                    Long r = ctx.rtTables.realms(st.word(++i));
                    if (r == null) {
                        ctx.error(st, "invalid realms " + st.word(i) + " for rule");
                        throw new Skip();
                    }
                    realms = r;
                    tableOption = true;
                    if (family == null) {
                        family = 4;
                    } else if (family != 4) {
                        ctx.error(st, "realms is only valid for IPv4");
                        throw new Skip();
                    }
                }
                case "suppress_prefixlength", "sup_pl" -> {
                    Long v = ctx.numbers(st).readUnsigned(st.word(++i), 0, Integer.MAX_VALUE, false);
                    if (v == null) {
                        ctx.error(st, "Invalid suppress_prefixlength " + str + " specified");
                        throw new Skip();
                    }
                    suppressPrefix = v.intValue();
                    tableOption = true;
                }
                case "suppress_ifgroup", "sup_group" -> {
                    Long v = ctx.rtTables.group(st.word(++i));
                    if (v == null) {
                        ctx.error(st, "suppress_group " + st.word(i) + " is invalid");
                        throw new Skip();
                    }
                    suppressGroup = v;
                    tableOption = true;
                }
                case "dev", "iif", "oif" -> {
                    String name = st.word(++i);
                    if (ctx.interfaceDynamic(name).isEmpty()) {
                        ctx.error(st, "WARNING - interface " + name + " for rule doesn't exist");
                        throw new Skip();
                    }
                    if (str.equals("oif")) {
                        oif = name;
                    } else {
                        iif = name;
                    }
                }
                case "tunnel-id" -> {
                    Long v = ctx.numbers(st).readUnsigned64(st.word(++i), 0, Long.MAX_VALUE, false);
                    if (v == null) {
                        ctx.error(st, "Invalid tunnel-id " + str + " specified");
                        throw new Skip();
                    }
                    tunnelId = v;
                }
                case "uidrange" -> {
                    Rule.PortRange r = range(st.word(++i), false);
                    if (r == null) {
                        ctx.error(st, "Invalid uidrange " + str + " specified");
                        throw new Skip();
                    }
                    uidRange = r;
                }
                case "l3mdev" -> {
                    l3mdev = true;
                    if (action != null) {
                        ctx.error(st, "Cannot specify l3mdev with other action");
                        throw new Skip();
                    }
                    action = Rule.Action.TABLE;
                }
                case "protocol" -> {
                    Long v = ctx.numbers(st).readUnsigned(st.word(++i), 0, 255, false);
                    if (v == null) {
                        ctx.error(st, "Invalid protocol " + st.word(i));
                    } else {
                        protocol = v.intValue();
                    }
                }
                case "ipproto" -> {
                    Integer p = ipProtocol(st.word(++i));
                    if (p == null) {
                        ctx.error(st, "Invalid ipproto " + st.word(i));
                    } else {
                        ipProto = p;
                    }
                }
                case "sport", "dport" -> {
                    Rule.PortRange r = range(st.word(++i), false);
                    if (r == null) {
                        ctx.error(st, "invalid " + str + " range " + st.word(i));
                    } else if (str.equals("sport")) {
                        sport = r;
                    } else {
                        dport = r;
                    }
                }
                case "no_track" -> noTrack = true;
                default -> {
                    if (allowTrackGroup && str.equals("track_group")) {
                        if (!trackGroup.read(st, ++i)) {
                            i = st.size();
                            continue;
                        }
                        continue;
                    }
                    String a = str.equals("type") ? st.word(++i) : str;
                    Rule.Action next;
                    if (a.equals("goto")) {
                        Long target = ctx.numbers(st).readUnsigned(st.word(++i), 0, Numbers.UINT_MAX, false);
                        if (target == null) {
                            ctx.error(st, "Invalid target " + a + " specified");
                            throw new Skip();
                        }
                        gotoTarget = target;
                        next = Rule.Action.GOTO;
                    } else if (a.equals("nop")) {
                        next = Rule.Action.NOP;
                    } else {
                        Integer type = RtTables.routeType(a);
                        if (type == null) {
                            ctx.error(st, "Unknown rule option " + a);
                            throw new Skip();
                        }
                        next = switch (type) {
                            case 6 -> Rule.Action.BLACKHOLE;
                            case 7 -> Rule.Action.UNREACHABLE;
                            case 8 -> Rule.Action.PROHIBIT;
                            default -> null;
                        };
                        if (next == null) {
                            ctx.error(st, "Invalid rule action " + a);
                            throw new Skip();
                        }
                    }
                    if (action != null) {
                        ctx.error(st, "Cannot specify more than one of table/nop/goto/blackhole/prohibit/unreachable/l3mdev for rule");
                        throw new Skip();
                    }
                    action = next;
                }
            }
        }
        if (action == Rule.Action.GOTO) {
            if (priority != null) {
                if (priority >= gotoTarget) {
                    ctx.error(st, "Invalid rule - preference " + priority + " >= goto target " + gotoTarget);
                    throw new Skip();
                }
            } else {
                ctx.error(st, "Invalid rule - goto target " + gotoTarget + " specified without preference");
                throw new Skip();
            }
        }
        if (action == null) {
            ctx.error(st, "No action specified for rule - ignoring");
            throw new Skip();
        }
        if (action != Rule.Action.TABLE && tableOption) {
            ctx.error(st, "suppressor/realm specified for non table action - skipping");
            throw new Skip();
        }
        if (table != null && l3mdev) {
            ctx.error(st, "table cannot be specified for l3mdev rules");
            throw new Skip();
        }
        if (!noTrack) {
            if (protocol != null && protocol != RTPROT_KEEPALIVED) {
                ctx.error(st, "Rule cannot be tracked if protocol is not RTPROT_KEEPALIVED(18), resetting protocol");
            }
            protocol = RTPROT_KEEPALIVED;
        }
        trackGroup.dropWithoutInterface(st, iif != null, "Static rule cannot have track_group if dev/iif not specified");
        boolean ipv6 = family != null && family == 6;
        if (from != null && from.address() == null) {
            from = Prefix.any(ipv6);
        }
        if (to != null && to.address() == null) {
            to = Prefix.any(ipv6);
        }
        if (priority == null) {
            priority = ipv6 ? nextPriority6-- : nextPriority4--;
            ctx.error(st, "Rule has no preference specified - setting to " + priority + ". This is probably not what you want.");
        }
        return new Rule(st.location(), ipv6, action, Drafts.optionalLong(table), Drafts.optionalLong(gotoTarget),
                Optional.ofNullable(from), Optional.ofNullable(to), invert, priority, Drafts.optionalInt(tos),
                Drafts.optionalLong(fwmark), Drafts.optionalLong(fwmask), Drafts.optionalLong(realms),
                Drafts.optionalInt(suppressPrefix), Drafts.optionalLong(suppressGroup), Optional.ofNullable(iif),
                Optional.ofNullable(oif), Drafts.optionalLong(tunnelId), Optional.ofNullable(uidRange), l3mdev,
                protocol == null ? OptionalInt.empty() : OptionalInt.of(protocol), Drafts.optionalInt(ipProto),
                Optional.ofNullable(sport), Optional.ofNullable(dport), noTrack, trackGroup.value());
    }

    /** {@code N-M} (sscanf "%u-%u"); a single number only where keepalived allows it. */
    private static Rule.PortRange range(String text, boolean singleAllowed) {
        CNumber n = new CNumber(text);
        long start = n.read(10);
        if (n.noDigits()) {
            return null;
        }
        if (n.peek() != '-') {
            return singleAllowed ? new Rule.PortRange(start, start) : null;
        }
        n.advance();
        long end = n.read(10);
        if (n.noDigits()) {
            return singleAllowed ? new Rule.PortRange(start, start) : null;
        }
        return new Rule.PortRange(start, end);
    }

    private static Integer ipProtocol(String name) {
        return switch (name) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> 1;
            case "ipv6-icmp", "icmpv6" -> 58;
            case "sctp" -> 132;
            case "gre" -> 47;
            case "esp" -> 50;
            case "ah" -> 51;
            default -> {
                CNumber n = new CNumber(name);
                long v = n.read(10);
                yield n.noDigits() || !n.atEnd() || v > 255 ? null : (int) v;
            }
        };
    }
}
