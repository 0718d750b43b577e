package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Prefix;
import io.lvsj.keepalived.config.Route;
import io.lvsj.keepalived.config.Severity;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** Route lines of {@code virtual_routes} and {@code static_routes} ({@code alloc_route} in {@code vrrp_iproute.c}). */
final class RouteParser {
    /** The kernel's TCP_RTO_MIN and TCP_RTO_MAX: what a route's rtt, rttvar and rto_min are kept between. */
    private static final long RTT_MIN_MS = 200;
    private static final long RTT_MAX_MS = 120_000;

    private final ParseContext ctx;
    private final AddressParser addresses;

    RouteParser(ParseContext ctx, AddressParser addresses) {
        this.ctx = ctx;
        this.addresses = addresses;
    }

    /** Thrown to abandon a route line after its error was reported. */
    private static final class Skip extends RuntimeException {
        Skip() {
            super(null, null, false, false);
        }
    }

    private Integer family; // 4 or 6, null = unspecified

    private void family(Statement st, boolean ipv6, String message) {
        int f = ipv6 ? 6 : 4;
        if (family == null) {
            family = f;
        } else if (family != f) {
            ctx.error(st, message);
            throw new Skip();
        }
    }

    Route parse(Statement st, boolean allowTrackGroup) {
        try {
            return parseLine(st, allowTrackGroup);
        } catch (Skip s) {
            return null;
        } finally {
            family = null;
        }
    }

    private Route parseLine(Statement st, boolean allowTrackGroup) {
        Prefix dst = null;
        String dest = null;
        int type = Route.UNICAST;
        InetAddress prefSrc = null;
        Prefix from = null;
        InetAddress via = null;
        String dev = null;
        long table = Route.MAIN_TABLE;
        Long metric = null;
        Integer scope = null;
        Integer protocol = null;
        Integer tos = null;
        boolean onlink = false;
        Long realms = null;
        Map<Route.Metric, Long> metrics = new EnumMap<>(Route.Metric.class);
        Set<Route.Metric> locked = EnumSet.noneOf(Route.Metric.class);
        String congctl = null;
        Integer pref = null;
        Long expires = null;
        List<Route.NextHop> hops = new ArrayList<>();
        Route.Mode mode = Route.Mode.PREPEND;
        boolean noTrack = false;
        TrackGroupOption trackGroup = new TrackGroupOption(ctx);
        boolean doNexthop = false;
        int i = 0;
        words:
        while (i < st.size()) {
            String str = st.word(i);
            switch (str) {
                case "inet6" -> {
                    family(st, true, "inet6 specified for IPv4 route");
                }
                case "inet" -> {
                    family(st, false, "inet specified for IPv6 route");
                }
                case "src" -> {
                    Prefix p = addresses.address(st, st.word(++i), false);
                    if (p == null) {
                        ctx.error(st, "invalid route src address " + st.word(i));
                        throw new Skip();
                    }
                    family(st, p.ipv6(), "Cannot mix IPv4 and IPv6 addresses for route");
                    prefSrc = p.address();
                }
                case "as" -> {
                    if (st.word(++i).equals("to")) {
                        i++;
                    }
                    ctx.error(st, "\"as to\" for MPLS only - ignoring");
                }
                case "via", "gw" -> {
                    if (str.equals("gw")) {
                        ctx.error(st, "\"gw\" for routes is deprecated. Please use \"via\"");
                    }
                    String v = st.word(++i);
                    Integer viaFamily = family;
                    if (v.equals("inet")) {
                        viaFamily = 4;
                        v = st.word(++i);
                    } else if (v.equals("inet6")) {
                        viaFamily = 6;
                        v = st.word(++i);
                    }
                    if (viaFamily != null) {
                        family(st, viaFamily == 6, "Cannot mix IPv4 and IPv6 addresses for route");
                    }
                    Prefix p = addresses.address(st, v, false);
                    if (p == null) {
                        ctx.error(st, "invalid route via address " + st.word(i));
                        throw new Skip();
                    }
                    family(st, p.ipv6(), "Cannot mix IPv4 and IPv6 addresses for route");
                    via = p.address();
                }
                case "from" -> {
                    Prefix p = addresses.route(st, st.word(++i));
                    if (p == null) {
                        ctx.error(st, "invalid route from address " + st.word(i));
                        throw new Skip();
                    }
                    if (!p.ipv6()) {
                        ctx.error(st, "route from address only supported with IPv6 (" + st.word(i) + ")");
                        throw new Skip();
                    }
                    family(st, true, "Cannot mix IPv4 and IPv6 addresses for route");
                    from = p;
                }
                case "tos", "dsfield" -> {
                    Long v = ctx.rtTables.dsfield(st.word(++i));
                    if (v == null) {
                        ctx.error(st, "TOS value " + st.word(i) + " is invalid");
                        throw new Skip();
                    }
                    tos = v.intValue();
                }
                case "table" -> {
                    Long v = ctx.rtTables.table(st.word(++i));
                    if (v == null) {
                        ctx.error(st, "Routing table " + st.word(i) + " not found for route");
                        throw new Skip();
                    }
                    table = v;
                }
                case "protocol" -> {
                    Long v = ctx.rtTables.protocol(st.word(++i));
                    if (v == null) {
                        ctx.error(st, "Protocol " + st.word(i) + " not found or invalid for route");
                        throw new Skip();
                    }
                    protocol = v.intValue();
                }
                case "scope" -> {
                    Long v = ctx.rtTables.scope(st.word(++i));
                    if (v == null) {
                        ctx.error(st, "Scope " + st.word(i) + " not found or invalid for route");
                        throw new Skip();
                    }
                    scope = v.intValue();
                }
                case "metric", "priority", "preference" -> metric = u32(st, st.word(++i), Numbers.UINT_MAX, "Invalid metric %s specified for route");
                case "dev", "oif" -> {
                    String name = st.word(++i);
                    if (ctx.interfaceDynamic(name).isEmpty()) {
                        ctx.error(st, "WARNING - interface " + name + " for VROUTE nexthop doesn't exist");
                        throw new Skip();
                    }
                    dev = name;
                }
                case "onlink" -> onlink = true;
                case "encap" -> {
                    ctx.error(st, "encap is not supported by keepalived-j - ignoring route");
                    throw new Skip();
                }
                case "expires" -> {
                    i++;
                    if (family != null && family == 4) {
                        ctx.error(st, "expires is only valid for IPv6");
                        throw new Skip();
                    }
                    family = 6;
                    expires = u32(st, st.word(i), Numbers.UINT_MAX, "Invalid expires time %s specified for route");
                }
                case "mtu", "advmss", "reordering", "cwnd", "ssthresh" -> {
                    Route.Metric m = metricOf(str);
                    if (st.word(++i).equals("lock")) {
                        locked.add(m);
                        i++;
                    }
                    metrics.put(m, u32(st, st.word(i), Numbers.UINT_MAX, invalid(str)));
                }
                case "hoplimit" -> metrics.put(Route.Metric.HOPLIMIT, u32(st, st.word(++i), 255, "Invalid hoplimit %s specified for route"));
                case "window", "initcwnd", "initrwnd" -> metrics.put(metricOf(str), u32(st, st.word(++i), Numbers.UINT_MAX, invalid(str)));
                case "rtt", "rttvar", "rto_min" -> {
                    Route.Metric m = metricOf(str);
                    if (st.word(++i).equals("lock")) {
                        locked.add(m);
                        i++;
                    }
                    Long ms = rtt(st, st.word(i), m);
                    if (ms == null) {
                        ctx.error(st, str.equals("rto_min") ? "Invalid rto_min value " + st.word(i) + " specified for route"
                                : "Invalid " + str + " " + st.word(i) + " for route");
                        throw new Skip();
                    }
                    metrics.put(m, ms);
                }
                case "realms" -> {
                    Long r = ctx.rtTables.realms(st.word(++i));
                    if (r == null) {
                        ctx.error(st, "Invalid realms " + st.word(i) + " for route");
                        throw new Skip();
                    }
                    if (family != null && family == 6) {
                        ctx.error(st, "realms are only valid for IPv4");
                        throw new Skip();
                    }
                    family = 4;
                    realms = r;
                }
                case "features" -> {
                    if (st.word(++i).equals("ecn")) {
                        metrics.put(Route.Metric.FEATURES, 1L);
                    } else {
                        ctx.error(st, "feature " + st.word(i) + " not supported");
                    }
                }
                case "quickack" -> metrics.put(Route.Metric.QUICKACK, u32(st, st.word(++i), 1, "Invalid quickack value %s specified for route"));
                case "congctl" -> {
                    if (st.word(++i).equals("lock")) {
                        i++;
                    }
                    congctl = st.word(i);
                }
                case "pref" -> {
                    i++;
                    if (family != null && family == 4) {
                        ctx.error(st, "pref is only valid for IPv6");
                        throw new Skip();
                    }
                    family = 6;
                    String v = st.word(i);
                    pref = switch (v) {
                        case "low" -> 3;
                        case "medium" -> 0;
                        case "high" -> 1;
                        default -> u32(st, v, 255, "Invalid pref value %s specified for route").intValue();
                    };
                }
                case "ttl-propagate" -> {
                    String v = st.word(++i);
                    if (v.equals("enabled")) {
                        metrics.put(Route.Metric.TTL_PROPAGATE, 1L);
                    } else if (v.equals("disabled")) {
                        metrics.put(Route.Metric.TTL_PROPAGATE, 0L);
                    } else {
                        ctx.error(st, "ttl-propagate value " + v + " not recognised");
                        metrics.put(Route.Metric.TTL_PROPAGATE, 0L);
                    }
                }
                case "fastopen_no_cookie" -> metrics.put(Route.Metric.FASTOPEN_NO_COOKIE,
                        u32(st, st.word(++i), 1, "Invalid fastopen_no_cookie value %s specified for route"));
                case "add" -> mode = Route.Mode.ADD;
                case "prepend" -> mode = Route.Mode.PREPEND;
                case "append" -> mode = Route.Mode.APPEND;
                case "or" -> {
                    ctx.error(st, "\"or\" for routes is deprecated. Please use \"nexthop\"");
                    if (!hops.isEmpty()) {
                        ctx.error(st, "\"or\" route already specified - ignoring subsequent");
                        i += 2;
                        continue;
                    }
                    hops.add(new Route.NextHop(Optional.ofNullable(via), Optional.empty(), OptionalInt.empty(), false, OptionalLong.empty()));
                    via = null;
                    Prefix p = addresses.address(st, st.word(++i), false);
                    if (p == null) {
                        ctx.error(st, "Invalid \"or\" address " + st.word(i));
                        throw new Skip();
                    }
                    hops.add(new Route.NextHop(Optional.of(p.address()), Optional.empty(), OptionalInt.empty(), false, OptionalLong.empty()));
                }
                case "nexthop" -> {
                    if (!hops.isEmpty()) {
                        ctx.error(st, "Cannot specify nexthops with \"or\" route");
                    } else {
                        doNexthop = true;
                    }
                }
                case "no_track" -> noTrack = true;
                case "vrf" -> {
                    ctx.error(st, "VRF " + st.word(++i) + " not found for route");
                    throw new Skip();
                }
                default -> {
                    if (allowTrackGroup && str.equals("track_group")) {
                        if (!trackGroup.read(st, ++i)) {
                            break words; // as keepalived: the name is then "trailing nonsense"
                        }
                        break;
                    }
                    if (str.equals("to")) {
                        i++;
                    }
                    Integer rt = RtTables.routeType(str);
                    if (rt != null) {
                        type = rt;
                        i++;
                    }
                    dest = st.word(i);
                    dst = addresses.route(st, dest);
                    if (dst == null) {
                        ctx.error(st, "unknown route keyword " + dest);
                        throw new Skip();
                    }
                    if (dst.address() != null || dst.ipv6()) {
                        family(st, dst.ipv6(), "Cannot mix IPv4 and IPv6 addresses for route (" + dest + ")");
                    }
                }
            }
            if (doNexthop) {
                i++;
                break;
            }
            i++;
        }
        if (doNexthop) {
            i = nextHops(st, i - 1, hops);
        } else if (i < st.size()) {
            ctx.error(st, "Route has trailing nonsense - " + st.word(i));
            throw new Skip();
        }
        if (dst == null) {
            ctx.error(st, "Route must have a destination");
            throw new Skip();
        }
        if (!noTrack) {
            if (protocol != null && protocol != Route.PROTOCOL_KEEPALIVED) {
                ctx.error(st, "Route cannot be tracked if protocol is not RTPROT_KEEPALIVED(18), resetting protocol");
            }
            protocol = Route.PROTOCOL_KEEPALIVED;
            if (dev == null) {
                ctx.error(st, "Warning - cannot track route " + dest + " with no interface specified, not tracking");
                noTrack = true;
            }
        }
        trackGroup.dropWithoutInterface(st, dev != null, "Static route cannot have track group if no oif specified");
        boolean ipv6 = family != null && family == 6;
        if (dst.address() == null) {
            dst = Prefix.any(ipv6);
        }
        return new Route(st.location(), ipv6, dst, type, Optional.ofNullable(prefSrc), Optional.ofNullable(from),
                Optional.ofNullable(via), Optional.ofNullable(dev), table, Drafts.optionalLong(metric),
                Drafts.optionalInt(scope), Drafts.optionalInt(protocol), Drafts.optionalInt(tos), onlink,
                Drafts.optionalLong(realms), metrics, locked, Optional.ofNullable(congctl), Drafts.optionalInt(pref),
                Drafts.optionalLong(expires), hops, mode, noTrack, trackGroup.value());
    }

    private int nextHops(Statement st, int i, List<Route.NextHop> hops) {
        while (i < st.size() && st.word(i).equals("nexthop")) {
            i++;
            InetAddress via = null;
            String dev = null;
            Integer weight = null;
            boolean onlink = false;
            Long realms = null;
            loop:
            while (i < st.size()) {
                String str = st.word(i);
                switch (str) {
                    case "via" -> {
                        String v = st.word(++i);
                        Integer f = null;
                        if (v.equals("inet")) {
                            f = 4;
                            v = st.word(++i);
                        } else if (v.equals("inet6")) {
                            f = 6;
                            v = st.word(++i);
                        }
                        if (f != null) {
                            family(st, f == 6, "IPv4/6 mismatch for nexthop");
                        }
                        Prefix p = addresses.address(st, v, false);
                        if (p == null) {
                            ctx.error(st, "invalid nexthop address " + v);
                            throw new Skip();
                        }
                        family(st, p.ipv6(), "Address family mismatch for next hop");
                        via = p.address();
                    }
                    case "dev" -> {
                        String name = st.word(++i);
                        if (ctx.interfaceDynamic(name).isEmpty()) {
                            ctx.error(st, "WARNING - interface " + name + " for VROUTE nexthop doesn't exist");
                            throw new Skip();
                        }
                        dev = name;
                    }
                    case "weight" -> {
                        long w = u32(st, st.word(++i), 256, "Invalid weight %s specified for route");
                        if (w == 0) {
                            ctx.error(st, "Invalid weight 0 specified for route");
                            throw new Skip();
                        }
                        weight = (int) w;
                    }
                    case "onlink" -> onlink = true;
                    case "realms" -> {
                        Long r = ctx.rtTables.realms(st.word(++i));
                        if (r == null) {
                            ctx.error(st, "Invalid realms " + st.word(i) + " for route");
                            throw new Skip();
                        }
                        family(st, false, "realms are only supported for IPv4");
                        realms = r;
                    }
                    case "encap", "as" -> {
                        ctx.error(st, "'" + str + "' is not supported in a nexthop by keepalived-j");
                        throw new Skip();
                    }
                    default -> {
                        break loop;
                    }
                }
                i++;
            }
            hops.add(new Route.NextHop(Optional.ofNullable(via), Optional.ofNullable(dev), Drafts.optionalInt(weight),
                    onlink, Drafts.optionalLong(realms)));
        }
        if (i < st.size()) {
            ctx.error(st, "Route has trailing nonsense after nexthops - " + st.word(i));
            throw new Skip();
        }
        return i;
    }

    private Long u32(Statement st, String text, long max, String message) {
        Long v = ctx.numbers(st).readUnsigned(text, 0, max, false);
        if (v == null) {
            ctx.error(st, message.replace("%s", text));
            throw new Skip();
        }
        return v;
    }

    private static String invalid(String keyword) {
        return switch (keyword) {
            case "mtu" -> "Invalid MTU %s specified for route";
            case "advmss" -> "Invalid advmss %s specified for route";
            case "reordering" -> "Invalid reordering value %s specified for route";
            default -> "Invalid " + keyword + " value %s specified for route";
        };
    }

    private static Route.Metric metricOf(String keyword) {
        for (Route.Metric m : Route.Metric.values()) {
            if (m.keyword().equals(keyword)) {
                return m;
            }
        }
        throw new IllegalArgumentException(keyword);
    }

    /**
     * {@code get_time_rtt}: the kernel's value of {@code rtt} (in 1/8 ms), {@code rttvar} (1/4 ms)
     * or {@code rto_min} (ms). A plain number is taken in those units, as {@code ip route}
     * takes it; "100ms" or "1.5s" is converted. The result is kept between the kernel's
     * TCP_RTO_MIN and TCP_RTO_MAX (200 ms and 120 s), with keepalived's log line when it is
     * not. Null when the text is not a time.
     */
    private Long rtt(Statement st, String text, Route.Metric metric) {
        long unitMult = switch (metric) {
            case RTT -> 8;
            case RTTVAR -> 4;
            default -> 1;
        };
        String s = text.strip();
        boolean raw = true;
        int digits = 0;
        int unit = -1;
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) == 's' || s.charAt(k) == 'S') {
                unit = k;
                break;
            }
        }
        if (unit >= 0) {
            String suffix = s.substring(unit).toLowerCase(java.util.Locale.ROOT);
            if (!suffix.equals("s") && !suffix.equals("sec") && !suffix.equals("secs")) {
                return null;
            }
            raw = false;
            if (unit > 0 && Character.toLowerCase(s.charAt(unit - 1)) == 'm') {
                unit--;
            } else {
                digits = 3;
            }
            if (unit == 0) {
                return null;
            }
            s = s.substring(0, unit);
        }
        if (s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
            ctx.report(Location.NONE, Severity.NOTE, "rtt value exponential form " + text.strip() + " no longer supported");
            return null;
        }
        Long read = ctx.numbers(st).readDecimal(s, 0, RTT_MAX_MS * unitMult, digits, false);
        if (read == null) {
            return null;
        }
        long value = raw ? read : read * unitMult;
        if (value > RTT_MAX_MS * unitMult) {
            ctx.report(Location.NONE, Severity.NOTE, "rtt value " + text.strip() + " exceeds maximum "
                    + RTT_MAX_MS / 1000 + "s, resetting");
            value = RTT_MAX_MS * unitMult;
        } else if (value < RTT_MIN_MS * unitMult) {
            ctx.report(Location.NONE, Severity.NOTE, "rtt value " + text.strip() + " below minimum " + RTT_MIN_MS
                    + "ms, resetting");
            value = RTT_MIN_MS * unitMult;
        }
        return value;
    }
}
