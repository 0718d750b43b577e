package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Forwarding;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.SslContext;
import io.lvsj.keepalived.config.VirtualServer;
import io.lvsj.keepalived.config.VirtualServerGroup;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code SSL}, {@code virtual_server_group}, {@code virtual_server} and {@code real_server}
 * ({@code check_parser.c} and {@code alloc_vs}/{@code alloc_rs}/{@code alloc_vsg_entry} in
 * {@code check_data.c}). The checker blocks inside a real server are {@link CheckerSection}'s.
 */
final class CheckSection {
    static final List<String> SCHEDULERS = List.of("rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf",
            "lblcr", "sed", "nq", "twos");
    private static final long IPVS_WEIGHT_LIMIT = Integer.MAX_VALUE;
    private static final long LVS_MAX_TIMEOUT = 86400L * 31;

    private final ParseContext ctx;
    private final CheckData data;
    private final CheckerSection checkers;

    CheckSection(ParseContext ctx, CheckerSection checkers) {
        this.ctx = ctx;
        this.data = ctx.check;
        this.checkers = checkers;
    }

    private CheckData.VsDraft vs() {
        return data.servers.getLast();
    }

    private CheckData.ServerDraft rs() {
        return vs().realServers.getLast();
    }

    void install(Grammar grammar, boolean active) {
        Keyword ssl = grammar.root("SSL", st -> {
            if (data.ssl != null) {
                ctx.error(st, "SSL context already specified - replacing");
            }
            data.ssl = new SslContext(st.location(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }, active);
        ssl.add("password", st -> sslFile(st, "password"));
        ssl.add("ca", st -> sslFile(st, "cafile"));
        ssl.add("certificate", st -> sslFile(st, "certfile"));
        ssl.add("key", st -> sslFile(st, "keyfile"));

        grammar.root("virtual_server_group", this::group, active);

        Keyword k = grammar.root("virtual_server", this::open, active);
        k.onClose(this::close);
        k.add("ip_family", this::ipFamily);
        k.add("retry", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 1, Numbers.UINT_MAX, false);
            if (v == null) {
                ctx.error(st, "retry value invalid - " + st.word(1));
                return;
            }
            vs().retry = v;
        });
        k.add("delay_before_retry", st -> timer(st, 0, 0, "virtual server delay before retry '%s' invalid - ignoring", v -> vs().delayBeforeRetry = v));
        k.add("warmup", st -> timer(st, 0, 0, "virtual server warmup '%s' invalid - ignoring", v -> vs().warmup = v));
        k.add("connect_timeout", st -> timer(st, 1, Numbers.UINT_MAX, "virtual server connect_timeout %s invalid - ignoring", v -> vs().connectTimeout = v));
        k.add("delay_loop", st -> timer(st, 1, 0, "virtual server delay loop '%s' invalid - ignoring", v -> vs().delayLoop = v));
        k.add("inhibit_on_failure", st -> vs().inhibit = true);
        k.add("lb_algo", this::scheduler);
        k.add("lvs_sched", this::scheduler);
        for (VirtualServer.Flag flag : VirtualServer.Flag.values()) {
            k.add(flag.keyword(), this::flag);
        }
        k.add("lb_kind", st -> vs().forwarding = forwarding(st, vs().forwarding, "virtual"));
        k.add("lvs_method", st -> vs().forwarding = forwarding(st, vs().forwarding, "virtual"));
        k.add("persistence_engine", st -> {
            String engine = st.word(1);
            if (engine.length() > 15) {
                ctx.error(st, "persistence_name too long, truncating - " + engine);
                engine = engine.substring(0, 15);
            }
            vs().engine = engine;
        });
        k.add("persistence_timeout", st -> {
            if (st.size() < 2) {
                vs().persistenceTimeout = 360L;
                return;
            }
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 1, LVS_MAX_TIMEOUT, false);
            if (v == null) {
                ctx.error(st, "persistence_timeout invalid");
                return;
            }
            vs().persistenceTimeout = v;
        });
        k.add("persistence_granularity", this::granularity);
        k.add("protocol", st -> {
            switch (st.word(1).toUpperCase(java.util.Locale.ROOT)) {
                case "TCP" -> vs().protocol = VirtualServer.Protocol.TCP;
                case "UDP" -> vs().protocol = VirtualServer.Protocol.UDP;
                case "SCTP" -> vs().protocol = VirtualServer.Protocol.SCTP;
                default -> ctx.error(st, "Unknown protocol " + st.word(1) + " - ignoring");
            }
        });
        k.add("ha_suspend", st -> vs().haSuspend = true);
        k.add("smtp_alert", st -> {
            int res = st.size() >= 2 ? Numbers.trueFalse(st.word(1)) : 1;
            if (res < 0) {
                ctx.error(st, "Invalid virtual_server smtp_alert parameter " + st.word(1));
                return;
            }
            vs().smtpAlert = res == 1;
        });
        k.add("virtualhost", st -> {
            if (st.size() < 2) {
                ctx.error(st, "virtual server virtualhost missing");
                return;
            }
            vs().virtualhost = st.word(1);
        });
        k.add("snmp_name", st -> {
            if (st.size() != 2) {
                ctx.error(st, "virtual server snmp_name missing or extra parameters");
                return;
            }
            vs().snmpName = st.word(1);
        });
        k.add("alpha", st -> vs().alpha = true);
        k.add("omega", st -> vs().omega = true);
        k.add("quorum_up", st -> quorumScript(st, "quorum_up", () -> vs().quorumUp, s -> vs().quorumUp = s));
        k.add("quorum_down", st -> quorumScript(st, "quorum_down", () -> vs().quorumDown, s -> vs().quorumDown = s));
        k.add("quorum", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 1, Numbers.UINT_MAX, true);
            if (v == null) {
                ctx.error(st, "Quorum " + st.word(1) + " must be in [1, " + Numbers.UINT_MAX + "]. Setting to 1.");
                v = 1L;
            }
            vs().quorum = v;
        });
        k.add("hysteresis", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, true);
            if (v == null) {
                ctx.error(st, "Hysteresis " + st.word(1) + " must be in [0, " + Numbers.UINT_MAX + "] - ignoring");
                return;
            }
            vs().hysteresis = v;
        });
        k.add("weight", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 1, IPVS_WEIGHT_LIMIT, true);
            if (v == null) {
                ctx.error(st, "Virtual server weight " + st.word(1) + " is outside range 1-" + IPVS_WEIGHT_LIMIT);
                return;
            }
            vs().weight = v;
        });
        k.add("sorry_server", st -> {
            CheckData.ServerDraft s = server(st, st.word(1), st.optional(2));
            if (s == null) {
                ctx.error(st, "Invalid sorry server IP address " + st.word(1) + " - skipping");
                return;
            }
            s.weight = 1L;
            s.forwarding = vs().forwarding;
            vs().sorry = s;
        });
        k.add("sorry_server_inhibit", st -> {
            if (vs().sorry != null) {
                vs().sorry.inhibit = true;
            } else {
                ctx.error(st, "Ignoring sorry_server inhibit used before or without sorry_server");
            }
        });
        k.add("sorry_server_lvs_method", st -> {
            if (vs().sorry != null) {
                vs().sorry.forwarding = forwarding(st, vs().sorry.forwarding, "sorry");
            } else {
                ctx.error(st, "sorry_server forwarding used without sorry_server");
            }
        });
        Keyword rs = k.add("real_server", this::realServer);
        rs.onClose(this::realServerEnd);
        rs.add("weight", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, IPVS_WEIGHT_LIMIT, true);
            if (v == null) {
                ctx.error(st, "Real server weight " + st.word(1) + " is outside range 0-" + IPVS_WEIGHT_LIMIT);
                return;
            }
            rs().weight = v;
        });
        rs.add("lvs_method", st -> rs().forwarding = forwarding(st, rs().forwarding, "real"));
        rs.add("uthreshold", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, true);
            if (v == null) {
                ctx.error(st, "Invalid real_server uthreshold '" + st.word(1) + "' - ignoring");
                return;
            }
            rs().upperThreshold = v;
        });
        rs.add("lthreshold", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, true);
            if (v == null) {
                ctx.error(st, "Invalid real_server lthreshold '" + st.word(1) + "' - ignoring");
                return;
            }
            rs().lowerThreshold = v;
        });
        rs.add("inhibit_on_failure", st -> bool(st, "Invalid inhibit_on_failure parameter %s", v -> rs().inhibit = v));
        rs.add("notify_up", st -> {
            if (rs().notifyUp != null) {
                ctx.error(st, "(" + groupName() + ") notify_up script already specified - ignoring " + st.word(1));
                return;
            }
            rs().notifyUp = ctx.scripts.notifyScript(st, "notify");
        });
        rs.add("notify_down", st -> {
            if (rs().notifyDown != null) {
                ctx.error(st, "(" + groupName() + ") notify_down script already specified - ignoring " + st.word(1));
                return;
            }
            rs().notifyDown = ctx.scripts.notifyScript(st, "notify");
        });
        rs.add("alpha", st -> bool(st, "Invalid alpha parameter %s", v -> rs().alpha = v));
        rs.add("retry", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 1, Numbers.UINT_MAX, false);
            if (v == null) {
                ctx.error(st, "retry value invalid - " + st.word(1));
                return;
            }
            rs().retry = v;
        });
        rs.add("delay_before_retry", st -> timer(st, 0, 0, "real server delay_before_retry '%s' invalid - ignoring", v -> rs().delayBeforeRetry = v));
        rs.add("warmup", st -> timer(st, 0, 0, "real server warmup '%s' invalid - ignoring", v -> rs().warmup = v));
        rs.add("connect_timeout", st -> timer(st, 1, Numbers.UINT_MAX, "real server connect_timeout %s invalid - ignoring", v -> rs().connectTimeout = v));
        rs.add("delay_loop", st -> timer(st, 1, 0, "real server delay_loop '%s' invalid - ignoring", v -> rs().delayLoop = v));
        rs.add("smtp_alert", st -> bool(st, "Invalid real_server smtp_alert parameter %s", v -> rs().smtpAlert = v));
        rs.add("virtualhost", st -> {
            if (st.size() < 2) {
                ctx.error(st, "real server virtualhost missing");
                return;
            }
            rs().virtualhost = st.word(1);
        });
        rs.add("snmp_name", st -> {
            if (st.size() != 2) {
                ctx.error(st, "real server snmp_name missing or extra parameters");
                return;
            }
            rs().snmpName = st.word(1);
        });
        checkers.install(rs);
    }

    private String groupName() {
        return vs().key instanceof VirtualServer.Group g ? g.name() : "(null)";
    }

    private void sslFile(Statement st, String type) {
        if (st.size() < 2) {
            ctx.error(st, "SSL " + type + " missing");
            return;
        }
        SslContext s = data.ssl;
        Optional<String> value = Optional.of(st.word(1));
        Optional<String> old = switch (type) {
            case "password" -> s.password();
            case "cafile" -> s.ca();
            case "certfile" -> s.certificate();
            default -> s.key();
        };
        if (old.isPresent()) {
            ctx.error(st, "SSL " + type + " already specified - replacing");
        }
        data.ssl = switch (type) {
            case "password" -> new SslContext(s.location(), value, s.ca(), s.certificate(), s.key());
            case "cafile" -> new SslContext(s.location(), s.password(), value, s.certificate(), s.key());
            case "certfile" -> new SslContext(s.location(), s.password(), s.ca(), value, s.key());
            default -> new SslContext(s.location(), s.password(), s.ca(), s.certificate(), value);
        };
    }

    private void timer(Statement st, long min, long max, String message, Consumer<Long> set) {
        Long v = ctx.numbers(st).readTimer(st.word(1), min, max, true);
        if (v == null) {
            ctx.error(st, message.replace("%s", st.word(1)));
            return;
        }
        set.accept(v);
    }

    private void bool(Statement st, String message, Consumer<Boolean> set) {
        int res = st.size() >= 2 ? Numbers.trueFalse(st.word(1)) : 1;
        if (res < 0) {
            ctx.error(st, message.replace("%s", st.word(1)));
            return;
        }
        set.accept(res == 1);
    }

    private void quorumScript(Statement st, String keyword, Supplier<Script> current, Consumer<Script> set) {
        if (current.get() != null) {
            ctx.error(st, "(" + groupName() + ") " + keyword + " script already specified - ignoring " + st.word(1));
            return;
        }
        set.accept(ctx.scripts.notifyScript(st, "quorum"));
    }

    // ---- virtual_server_group

    private void group(Statement st) {
        CheckData.GroupDraft g = new CheckData.GroupDraft(st.location(), st.word(1));
        data.groups.add(g);
        List<String> words = st.words();
        Statement opener = new Statement(st.location(), words.size() > 2
                ? java.util.stream.Stream.concat(java.util.stream.Stream.of(""), words.subList(2, words.size()).stream()).toList()
                : List.of(""), st.line());
        for (Statement line : ctx.parser.valueBlock(opener)) {
            groupEntry(g, line);
        }
        if (g.entries.isEmpty()) {
            ctx.error(st, "virtual server group " + g.name + " has no entries - removing");
            data.groups.remove(g);
        } else if (g.haveIpv4 && g.haveIpv6 && g.fwmarkNoFamily) {
            ctx.error(st, "virtual server group " + g.name + " cannot have IPv4, IPv6 and fwmark without family - removing");
            data.groups.remove(g);
        }
    }

    private void groupEntry(CheckData.GroupDraft g, Statement st) {
        String addr = st.word(0);
        if (addr.equals("fwmark")) {
            Long mark = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, true);
            if (mark == null) {
                ctx.error(st, "(" + g.name + "): fwmark '" + st.word(1) + "' must be in [0, " + Numbers.UINT_MAX + "] - ignoring");
                return;
            }
            Optional<Boolean> ipv6 = Optional.empty();
            if (st.size() > 2) {
                String family = st.word(2);
                if (family.equals("inet")) {
                    ipv6 = Optional.of(false);
                    g.haveIpv4 = true;
                } else if (family.equals("inet6")) {
                    ipv6 = Optional.of(true);
                    g.haveIpv6 = true;
                } else {
                    ctx.error(st, "(" + g.name + "): fwmark '" + mark + "' family " + family + " unknown - ignoring");
                    return;
                }
            } else {
                g.fwmarkNoFamily = true;
            }
            g.entries.add(new VirtualServerGroup.Fwmark(st.location(), mark, ipv6));
            return;
        }
        String port = st.size() >= 2 ? st.word(1) : null;
        if (port != null && port.chars().allMatch(c -> c == '0')) {
            port = null;
        }
        Integer portNumber = 0;
        InetAddress first = Addresses.parse(GlobalSection.stripRangeAndMask(addr));
        if (port != null) {
            Long p = ctx.numbers(st).readUnsigned(port, 1, 65535, true);
            portNumber = p == null ? null : p.intValue();
        }
        if (first == null || portNumber == null) {
            ctx.error(st, "Invalid virtual server group IP address " + addr + " " + (port != null ? "/port/" + port : ""));
            return;
        }
        boolean ipv6 = Addresses.isIpv6(first);
        InetAddress last = first;
        int slash = addr.indexOf('/');
        if (slash >= 0) {
            String maskText = addr.substring(slash + 1);
            io.lvsj.keepalived.config.read.CNumber n = new io.lvsj.keepalived.config.read.CNumber(maskText);
            long mask = n.read(10);
            if (!n.atEnd() || n.noDigits() || mask == 0 || mask > (ipv6 ? 128 : 32)) {
                ctx.error(st, "Invalid netmask - " + addr + " - skipping");
                return;
            }
            java.math.BigInteger value = new java.math.BigInteger(1, first.getAddress());
            int bits = ipv6 ? 128 : 32;
            java.math.BigInteger host = java.math.BigInteger.ONE.shiftLeft(bits - (int) mask).subtract(java.math.BigInteger.ONE);
            if (!value.and(host).equals(java.math.BigInteger.ZERO)) {
                ctx.error(st, "Address mask bits not empty - " + addr + " - skipping");
                return;
            }
            last = addressOf(value.or(host), ipv6);
        } else {
            int dash = addr.indexOf('-');
            String end = dash >= 0 ? addr.substring(dash + 1) : null;
            if (end != null && ((!ipv6 && end.indexOf('.') >= 0) || (ipv6 && end.indexOf(':') >= 0))) {
                InetAddress e = Addresses.parse(GlobalSection.stripRangeAndMask(end));
                if (e == null) {
                    ctx.error(st, "Invalid range end " + addr + " - skipping");
                    return;
                }
                if (Addresses.isIpv6(e) != ipv6) {
                    ctx.error(st, "Range address families do not match " + addr + " - skipping");
                    return;
                }
                if (new java.math.BigInteger(1, first.getAddress()).compareTo(new java.math.BigInteger(1, e.getAddress())) > 0) {
                    ctx.error(st, "Address range end is less than address range start - " + addr + " - skipping");
                    return;
                }
                last = e;
            } else if (end != null) {
                io.lvsj.keepalived.config.read.CNumber n = new io.lvsj.keepalived.config.read.CNumber(end);
                long range = n.read(ipv6 ? 16 : 10);
                boolean usable = true;
                if (!n.atEnd()) {
                    ctx.report(st, io.lvsj.keepalived.config.Severity.INVALID_NUMBER, "Virtual server group range '" + addr
                            + "' has extra characters at end '" + n.rest() + "'");
                    usable = true; // the running daemon uses the number in front
                } else if (n.overflow() || (ipv6 && range > 0xffff) || (!ipv6 && range > 255)) {
                    ctx.report(st, io.lvsj.keepalived.config.Severity.INVALID_NUMBER, "Virtual server group range '" + addr
                            + "' end '" + end + "' too large");
                    usable = false;
                }
                if (!usable) {
                    return;
                }
                byte[] b = first.getAddress();
                long start;
                if (ipv6) {
                    start = ((b[14] & 0xff) << 8) | (b[15] & 0xff);
                    b[14] = (byte) (range >> 8);
                    b[15] = (byte) range;
                } else {
                    start = b[3] & 0xff;
                    b[3] = (byte) range;
                }
                if (start >= range) {
                    ctx.error(st, "Address range end is not greater than address range start - " + addr + " - skipping");
                    return;
                }
                last = addressOf(new java.math.BigInteger(1, b), ipv6);
            }
        }
        if (ipv6) {
            g.haveIpv6 = true;
        } else {
            g.haveIpv4 = true;
        }
        g.entries.add(new VirtualServerGroup.AddressRange(st.location(), first, last, portNumber));
    }

    private static InetAddress addressOf(java.math.BigInteger value, boolean ipv6) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[ipv6 ? 16 : 4];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- virtual_server

    private void open(Statement st) {
        String first = st.word(1);
        String second = st.size() >= 3 ? st.word(2) : null;
        VirtualServer.Key key;
        Integer family = null;
        if (first.equals("group")) {
            key = new VirtualServer.Group(second == null ? "" : second);
        } else if (first.equals("fwmark")) {
            Long mark = second == null ? null : ctx.numbers(st).readUnsigned(second, 0, Numbers.UINT_MAX, true);
            if (mark == null) {
                ctx.error(st, "virtual server fwmark '" + second + "' must be in [0, " + Numbers.UINT_MAX + "] - ignoring");
                ctx.parser.skipBlock(true);
                return;
            }
            key = new VirtualServer.Fwmark(mark);
        } else {
            String port = second != null && !second.chars().allMatch(c -> c == '0') ? second : null;
            InetAddress a = Addresses.parse(GlobalSection.stripRangeAndMask(first));
            Long p = port == null ? Long.valueOf(0) : ctx.numbers(st).readUnsigned(port, 1, 65535, true);
            if (a == null || p == null) {
                ctx.error(st, "Invalid virtual server IP address" + (port != null ? "/port" : "") + " " + first
                        + (port != null ? "/" + port : "") + " - skipping");
                ctx.parser.skipBlock(true);
                return;
            }
            key = new VirtualServer.Address(a, p.intValue());
            family = Addresses.isIpv6(a) ? 6 : 4;
        }
        CheckData.VsDraft vs = new CheckData.VsDraft(st.location(), key);
        vs.family = family;
        data.servers.add(vs);
    }

    private void close() {
        CheckData.VsDraft vs = vs();
        if (vs.sorry != null && (vs.sorry.forwarding == null || vs.sorry.forwarding.method() != Forwarding.Method.TUN)) {
            int family = Addresses.isIpv6(vs.sorry.address) ? 6 : 4;
            if (vs.family == null) {
                vs.family = family;
            } else if (vs.family != family) {
                ctx.report(vs.location, io.lvsj.keepalived.config.Severity.GENERAL, "Address family of virtual server and sorry server "
                        + Addresses.format(vs.sorry.address) + " don't match - skipping sorry server.");
                vs.sorry = null;
            }
        }
        if (vs.family == null && !(vs.key instanceof VirtualServer.Group)) {
            boolean mixed = false;
            if (vs.sorry != null) {
                vs.family = Addresses.isIpv6(vs.sorry.address) ? 6 : 4;
            }
            for (CheckData.ServerDraft rs : vs.realServers) {
                int f = Addresses.isIpv6(rs.address) ? 6 : 4;
                if (vs.family == null) {
                    vs.family = f;
                } else if (vs.family != f) {
                    mixed = true;
                    break;
                }
            }
            if (mixed || vs.family == null) {
                vs.family = 4;
            }
        }
    }

    private void ipFamily(Statement st) {
        int family;
        switch (st.word(1)) {
            case "inet" -> family = 4;
            case "inet6" -> family = 6;
            default -> {
                ctx.error(st, "unknown address family " + st.word(1));
                return;
            }
        }
        if (vs().family != null && vs().family != family) {
            ctx.error(st, "Virtual server specified family " + st.word(1) + " conflicts with server family");
            return;
        }
        vs().family = family;
    }

    private void scheduler(Statement st) {
        String s = st.word(1);
        if (!SCHEDULERS.contains(s) || s.length() >= 16) {
            ctx.error(st, "Invalid lvs_scheduler '" + s + "' - ignoring");
            return;
        }
        vs().scheduler = s;
    }

    private void flag(Statement st) {
        String word = st.word(0);
        String sched = vs().scheduler == null ? "" : vs().scheduler;
        switch (word) {
            case "ops" -> vs().flags.add(VirtualServer.Flag.OPS);
            case "flag-1" -> vs().flags.add(VirtualServer.Flag.FLAG_1);
            case "flag-2" -> vs().flags.add(VirtualServer.Flag.FLAG_2);
            case "flag-3" -> vs().flags.add(VirtualServer.Flag.FLAG_3);
            default -> {
                if (sched.equals("sh")) {
                    if (word.equals("sh-port")) {
                        vs().flags.add(VirtualServer.Flag.SH_PORT);
                    } else if (word.equals("sh-fallback")) {
                        vs().flags.add(VirtualServer.Flag.SH_FALLBACK);
                    }
                } else if (sched.equals("mh")) {
                    if (word.equals("mh-port")) {
                        vs().flags.add(VirtualServer.Flag.MH_PORT);
                    } else if (word.equals("mh-fallback")) {
                        vs().flags.add(VirtualServer.Flag.MH_FALLBACK);
                    }
                } else {
                    ctx.error(st, word + " only applies to sh scheduler - ignoring");
                }
            }
        }
    }

    private void granularity(Statement st) {
        String text = st.word(1);
        Integer family = vs().family;
        if (family == null) {
            family = text.indexOf('.') >= 0 ? 4 : 6;
        }
        if (family == 6) {
            Long v = ctx.numbers(st).readUnsigned(text, 1, 128, false);
            if (v == null) {
                ctx.error(st, "Invalid IPv6 persistence_granularity specified - " + text);
                return;
            }
            vs().granularity = Long.toString(v);
        } else {
            InetAddress a = Addresses.parse4(text);
            if (a == null) {
                ctx.error(st, "Invalid IPv4 persistence_granularity specified - " + text);
                return;
            }
            vs().granularity = Addresses.format(a);
        }
        if (vs().family == null) {
            vs().family = family;
        }
        if (vs().persistenceTimeout == null) {
            vs().persistenceTimeout = 360L;
        }
    }

    /** {@code lvs_method NAT|DR|TUN [type ipip|gue|gre] [port N] [nocsum|csum|remcsum]}; keeps {@code current} on error. */
    private Forwarding forwarding(Statement st, Forwarding current, String serverType) {
        Forwarding.Method method;
        switch (st.word(1)) {
            case "NAT" -> method = Forwarding.Method.NAT;
            case "DR" -> method = Forwarding.Method.DR;
            case "TUN" -> method = Forwarding.Method.TUN;
            default -> {
                ctx.error(st, "PARSER : unknown [" + st.word(1) + "] routing method for " + serverType + " server.");
                return current;
            }
        }
        Forwarding.TunnelType type = Forwarding.TunnelType.IPIP;
        long port = 0;
        Forwarding.TunnelChecksum csum = Forwarding.TunnelChecksum.NOCSUM;
        Forwarding keepTunnel = current;
        for (int i = 2; i < st.size(); i++) {
            String w = st.word(i);
            if (w.equals("type")) {
                if (st.size() == i + 1) {
                    ctx.error(st, "Missing tunnel type for " + serverType + " server.");
                    return partial(method, keepTunnel);
                }
                switch (st.word(i + 1)) {
                    case "ipip" -> type = Forwarding.TunnelType.IPIP;
                    case "gue" -> type = Forwarding.TunnelType.GUE;
                    case "gre" -> type = Forwarding.TunnelType.GRE;
                    default -> {
                        ctx.error(st, "Unknown tunnel type " + st.word(i + 1) + " for " + serverType + " server.");
                        return partial(method, keepTunnel);
                    }
                }
                i++;
            } else if (w.equals("port")) {
                if (st.size() == i + 1) {
                    ctx.error(st, "Missing port for " + serverType + " server gue tunnel.");
                    return partial(method, keepTunnel);
                }
                Long p = ctx.numbers(st).readUnsigned(st.word(i + 1), 1, 65535, false);
                if (p == null) {
                    ctx.error(st, "Invalid gue tunnel port " + st.word(i + 1) + " for " + serverType + " server.");
                    return partial(method, keepTunnel);
                }
                port = p;
                i++;
            } else if (w.equals("nocsum")) {
                csum = Forwarding.TunnelChecksum.NOCSUM;
            } else if (w.equals("csum")) {
                csum = Forwarding.TunnelChecksum.CSUM;
            } else if (w.equals("remcsum")) {
                csum = Forwarding.TunnelChecksum.REMCSUM;
            } else {
                ctx.error(st, "Invalid tunnel option " + w + " for " + serverType + " server.");
                return partial(method, keepTunnel);
            }
        }
        if ((type == Forwarding.TunnelType.GUE) != (port != 0)) {
            ctx.error(st, "gue tunnels require port, otherwise cannot have port.");
            return partial(method, keepTunnel);
        }
        if (type == Forwarding.TunnelType.IPIP && csum != Forwarding.TunnelChecksum.NOCSUM) {
            ctx.error(st, "ipip tunnels do not support checksum option.");
            return partial(method, keepTunnel);
        }
        if (type == Forwarding.TunnelType.GRE && csum == Forwarding.TunnelChecksum.REMCSUM) {
            ctx.error(st, "gre tunnels do not support remote checksum option.");
            return partial(method, keepTunnel);
        }
        return new Forwarding(method, type, port == 0 ? OptionalInt.empty() : OptionalInt.of((int) port), csum);
    }

    /** keepalived sets the method before it checks the tunnel options, and keeps the old tunnel settings on an error. */
    private static Forwarding partial(Forwarding.Method method, Forwarding old) {
        Forwarding base = old == null ? Forwarding.of(method) : old;
        return new Forwarding(method, base.tunnelType(), base.tunnelPort(), base.checksum());
    }

    private CheckData.ServerDraft server(Statement st, String ip, String port) {
        String portText = port != null && !port.chars().allMatch(c -> c == '0') ? port : null;
        InetAddress a = Addresses.parse(GlobalSection.stripRangeAndMask(ip));
        Long p = portText == null ? Long.valueOf(0) : ctx.numbers(st).readUnsigned(portText, 1, 65535, true);
        if (a == null || p == null) {
            return null;
        }
        return new CheckData.ServerDraft(st.location(), a, p.intValue());
    }

    private void realServer(Statement st) {
        CheckData.ServerDraft rs = server(st, st.word(1), st.optional(2));
        if (rs == null) {
            ctx.error(st, "Invalid real server ip address/port " + st.word(1) + "/" + st.optional(2) + " - skipping");
            ctx.parser.skipBlock(true);
            return;
        }
        rs.forwarding = vs().forwarding;
        vs().realServers.add(rs);
    }

    private void realServerEnd() {
        CheckData.VsDraft vs = vs();
        if (vs.realServers.isEmpty()) {
            return;
        }
        CheckData.ServerDraft rs = vs.realServers.getLast();
        if (rs.forwarding == null || rs.forwarding.method() != Forwarding.Method.TUN) {
            int family = Addresses.isIpv6(rs.address) ? 6 : 4;
            if (vs.family == null) {
                vs.family = family;
            } else if (vs.family != family) {
                ctx.report(rs.location, io.lvsj.keepalived.config.Severity.GENERAL, "Address family of virtual server and real server "
                        + Addresses.format(rs.address) + " don't match - skipping real server.");
                vs.realServers.removeLast();
            }
        }
    }
}
