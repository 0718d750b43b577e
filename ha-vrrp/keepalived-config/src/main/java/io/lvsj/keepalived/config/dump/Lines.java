package io.lvsj.keepalived.config.dump;

import io.lvsj.keepalived.config.Checker;
import io.lvsj.keepalived.config.Forwarding;
import io.lvsj.keepalived.config.IpAddress;
import io.lvsj.keepalived.config.Prefix;
import io.lvsj.keepalived.config.Route;
import io.lvsj.keepalived.config.Rule;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.Tracked;
import io.lvsj.keepalived.config.VirtualServerGroup;
import io.lvsj.text.InetText;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One-line forms of the model's compound values, in keepalived's syntax. */
public final class Lines {
    private Lines() {
    }

    /** Seconds with up to six decimals, no trailing zeros: keepalived's timer syntax. */
    public static String seconds(Duration d) {
        BigDecimal s = BigDecimal.valueOf(d.toNanos() / 1000).movePointLeft(6).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
    }

    /** Milliseconds with up to three decimals (BFD's intervals). */
    public static String millis(Duration d) {
        BigDecimal s = BigDecimal.valueOf(d.toNanos() / 1000).movePointLeft(3).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
    }

    public static String address(InetAddress a) {
        return InetText.ntop(a);
    }

    /** {@code script ARGS [user [group]]} as the notify keywords read it. */
    public static String script(Script s) {
        StringBuilder b = new StringBuilder(Words.command(s.command()));
        s.user().ifPresent(u -> b.append(' ').append(Words.word(u)));
        s.group().ifPresent(g -> b.append(' ').append(Words.word(g)));
        return b.toString();
    }

    /** A VIP or static address line. */
    public static String ipAddress(IpAddress a) {
        List<String> w = new ArrayList<>();
        boolean full = a.prefixLength() == (a.isIpv6() ? 128 : 32);
        w.add(address(a.address()) + (full || a.peer().isPresent() ? "" : "/" + a.prefixLength()));
        a.device().ifPresent(d -> w.add("dev " + Words.word(d)));
        a.broadcast().ifPresent(b -> w.add("brd " + address(b)));
        if (a.scope().isPresent()) {
            w.add("scope " + a.scope().getAsInt());
        }
        a.label().ifPresent(l -> w.add("label " + Words.word(l)));
        a.peer().ifPresent(p -> w.add("peer " + address(p)));
        for (IpAddress.Flag f : IpAddress.Flag.values()) {
            if (a.flags().contains(f)) {
                w.add(f.keyword());
            }
        }
        if (a.noTrack()) {
            w.add("no_track");
        }
        if (a.preferredLifetime().isPresent()) {
            long v = a.preferredLifetime().getAsLong();
            w.add("preferred_lft " + (v == IpAddress.FOREVER ? "forever" : Long.toString(v)));
        }
        if (a.useVmac()) {
            w.add("use_vmac");
        }
        a.trackGroup().ifPresent(g -> w.add("track_group " + Words.word(g)));
        return String.join(" ", w);
    }

    private static String prefix(Prefix p) {
        if (p.isDefault()) {
            return "default";
        }
        boolean full = p.length() == (p.ipv6() ? 128 : 32);
        return address(p.address()) + (full ? "" : "/" + p.length());
    }

    /** A route line, in an order keepalived's route parser accepts. */
    public static String route(Route r) {
        List<String> w = new ArrayList<>();
        if (r.ipv6()) {
            w.add("inet6");
        }
        r.preferredSource().ifPresent(s -> w.add("src " + address(s)));
        String type = typeName(r.type());
        if (type != null) {
            w.add(type);
        }
        w.add(prefix(r.destination()));
        r.from().ifPresent(f -> w.add("from " + prefix(f)));
        r.via().ifPresent(v -> w.add("via " + address(v)));
        r.device().ifPresent(d -> w.add("dev " + Words.word(d)));
        if (r.table() != Route.MAIN_TABLE) {
            w.add("table " + r.table());
        }
        if (r.metric().isPresent()) {
            w.add("metric " + r.metric().getAsLong());
        }
        if (r.scope().isPresent()) {
            w.add("scope " + r.scope().getAsInt());
        }
        if (r.protocol().isPresent() && (r.noTrack() || r.protocol().getAsInt() != Route.PROTOCOL_KEEPALIVED)) {
            w.add("protocol " + r.protocol().getAsInt());
        }
        if (r.tos().isPresent()) {
            w.add("tos " + r.tos().getAsInt());
        }
        if (r.onlink()) {
            w.add("onlink");
        }
        if (r.realms().isPresent()) {
            long v = r.realms().getAsLong();
            w.add("realms " + (v > 0xffff ? (v >> 16) + "/" + (v & 0xffff) : Long.toString(v)));
        }
        for (Map.Entry<Route.Metric, Long> m : r.metrics().entrySet()) {
            w.add(metric(m.getKey(), m.getValue(), r.locked().contains(m.getKey())));
        }
        r.congestionControl().ifPresent(c -> w.add("congctl " + Words.word(c)));
        if (r.preference().isPresent()) {
            w.add("pref " + r.preference().getAsInt());
        }
        if (r.expires().isPresent()) {
            w.add("expires " + r.expires().getAsLong());
        }
        switch (r.mode()) {
            case ADD -> w.add("add");
            case APPEND -> w.add("append");
            case PREPEND -> { }
        }
        if (r.noTrack()) {
            w.add("no_track");
        }
        r.trackGroup().ifPresent(g -> w.add("track_group " + Words.word(g)));
        for (Route.NextHop h : r.nextHops()) {
            w.add("nexthop");
            h.via().ifPresent(v -> w.add("via " + address(v)));
            h.device().ifPresent(d -> w.add("dev " + Words.word(d)));
            if (h.weight().isPresent()) {
                w.add("weight " + h.weight().getAsInt());
            }
            if (h.onlink()) {
                w.add("onlink");
            }
            if (h.realms().isPresent()) {
                long v = h.realms().getAsLong();
                w.add("realms " + (v > 0xffff ? (v >> 16) + "/" + (v & 0xffff) : Long.toString(v)));
            }
        }
        return String.join(" ", w);
    }

    private static String metric(Route.Metric m, long value, boolean locked) {
        String lock = locked ? "lock " : "";
        return switch (m) {
            case FEATURES -> "features ecn";
            case TTL_PROPAGATE -> "ttl-propagate " + (value == 1 ? "enabled" : "disabled");
            case RTT -> m.keyword() + " " + lock + time(value, 8);
            case RTTVAR -> m.keyword() + " " + lock + time(value, 4);
            case RTO_MIN -> m.keyword() + " " + lock + time(value, 1);
            default -> m.keyword() + " " + lock + value;
        };
    }

    /**
     * A route's rtt, rttvar or rto_min (the kernel's value, {@code perMs} to the millisecond):
     * in seconds or milliseconds when it is a whole number of them, else the kernel's number,
     * which is how a plain number is read back.
     */
    private static String time(long value, long perMs) {
        if (value % (1000 * perMs) == 0) {
            return value / (1000 * perMs) + "s";
        }
        return value % perMs == 0 ? value / perMs + "ms" : Long.toString(value);
    }

    private static String typeName(int type) {
        return switch (type) {
            case 1 -> null;
            case 2 -> "local";
            case 3 -> "broadcast";
            case 4 -> "anycast";
            case 5 -> "multicast";
            case 6 -> "blackhole";
            case 7 -> "unreachable";
            case 8 -> "prohibit";
            case 9 -> "throw";
            case 10 -> "nat";
            case 11 -> "xresolve";
            default -> Integer.toString(type);
        };
    }

    /** A rule line. */
    public static String rule(Rule r) {
        List<String> w = new ArrayList<>();
        if (r.ipv6()) {
            w.add("inet6");
        }
        r.from().ifPresent(f -> w.add("from " + prefix(f)));
        r.to().ifPresent(t -> w.add("to " + prefix(t)));
        if (r.invert()) {
            w.add("not");
        }
        w.add("preference " + r.preference());
        if (r.tos().isPresent()) {
            w.add("tos " + r.tos().getAsInt());
        }
        if (r.fwmark().isPresent()) {
            w.add("fwmark " + r.fwmark().getAsLong() + (r.fwmask().isPresent() ? "/" + r.fwmask().getAsLong() : ""));
        }
        if (r.realms().isPresent()) {
            long v = r.realms().getAsLong();
            w.add("realms " + (v > 0xffff ? (v >> 16) + "/" + (v & 0xffff) : Long.toString(v)));
        }
        if (r.suppressPrefixLength().isPresent()) {
            w.add("suppress_prefixlength " + r.suppressPrefixLength().getAsInt());
        }
        if (r.suppressGroup().isPresent()) {
            w.add("suppress_ifgroup " + r.suppressGroup().getAsLong());
        }
        r.inputInterface().ifPresent(i -> w.add("iif " + Words.word(i)));
        r.outputInterface().ifPresent(o -> w.add("oif " + Words.word(o)));
        if (r.tunnelId().isPresent()) {
            w.add("tunnel-id " + r.tunnelId().getAsLong());
        }
        r.uidRange().ifPresent(u -> w.add("uidrange " + u.start() + "-" + u.end()));
        if (r.protocol().isPresent() && r.noTrack()) {
            w.add("protocol " + r.protocol().getAsInt());
        }
        if (r.ipProtocol().isPresent()) {
            w.add("ipproto " + r.ipProtocol().getAsInt());
        }
        r.sourcePorts().ifPresent(p -> w.add("sport " + p.start() + "-" + p.end()));
        r.destinationPorts().ifPresent(p -> w.add("dport " + p.start() + "-" + p.end()));
        switch (r.action()) {
            case TABLE -> {
                if (r.l3mdev()) {
                    w.add("l3mdev");
                } else {
                    w.add("table " + r.table().orElse(254));
                }
            }
            case GOTO -> w.add("goto " + r.gotoTarget().orElse(0));
            case NOP -> w.add("nop");
            case BLACKHOLE -> w.add("blackhole");
            case UNREACHABLE -> w.add("unreachable");
            case PROHIBIT -> w.add("prohibit");
        }
        if (r.noTrack()) {
            w.add("no_track");
        }
        r.trackGroup().ifPresent(g -> w.add("track_group " + Words.word(g)));
        return String.join(" ", w);
    }

    /** {@code NAT}, {@code DR}, or {@code TUN [type gue port N|gre] [csum|remcsum]}. */
    public static String forwarding(Forwarding f) {
        if (f.method() != Forwarding.Method.TUN) {
            return f.method().name();
        }
        StringBuilder b = new StringBuilder("TUN");
        switch (f.tunnelType()) {
            case IPIP -> { }
            case GUE -> b.append(" type gue port ").append(f.tunnelPort().orElse(0));
            case GRE -> b.append(" type gre");
        }
        if (f.tunnelType() != Forwarding.TunnelType.IPIP && f.checksum() != Forwarding.TunnelChecksum.NOCSUM) {
            b.append(' ').append(f.checksum().name().toLowerCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }

    /** A tracker line: {@code NAME weight W [reverse|noreverse]}. */
    public static String tracked(Tracked t, boolean noreverse) {
        return Words.word(t.name()) + " weight " + t.weight() + (t.reverse() ? " reverse" : noreverse ? " noreverse" : "");
    }

    /** A {@code local_address_group} line: {@code IP}, {@code A.B.C.D-E}, or either with a device. */
    public static String localAddress(io.lvsj.keepalived.config.LocalAddressGroup.Entry e) {
        String text = address(e.first());
        if (!e.first().equals(e.last())) {
            byte[] last = e.last().getAddress();
            text += "-" + (last[last.length - 1] & 0xff);
        }
        return text + e.device().map(d -> " " + Words.word(d)).orElse("");
    }

    /** A {@code virtual_server_group} line. */
    public static String groupEntry(VirtualServerGroup.Entry e) {
        return switch (e) {
            case VirtualServerGroup.Fwmark f -> "fwmark " + f.mark() + f.ipv6().map(v -> v ? " inet6" : " inet").orElse("");
            case VirtualServerGroup.AddressRange r -> address(r.first())
                    + (r.first().equals(r.last()) ? "" : "-" + address(r.last())) + (r.port() == 0 ? "" : " " + r.port());
        };
    }

    /** HTTP status ranges: {@code 200-299 404}. */
    public static String statusCodes(List<Checker.StatusRange> ranges) {
        List<String> w = new ArrayList<>();
        for (Checker.StatusRange r : ranges) {
            w.add(r.from() == r.to() ? Integer.toString(r.from()) : r.from() + "-" + r.to());
        }
        return String.join(" ", w);
    }

    /** Reply bytes with X for the wildcard nibbles of the mask. */
    public static String reply(Checker.Bytes data, Checker.Bytes mask) {
        String hex = data.hex();
        if (mask == null) {
            return hex;
        }
        String m = mask.hex();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i++) {
            b.append(m.charAt(i) == 'f' ? 'X' : hex.charAt(i));
        }
        return b.toString();
    }
}
