package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Forwarding;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.SslContext;
import io.lvsj.keepalived.config.VirtualServer;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code SSL}, {@code virtual_server} and {@code real_server} ({@code check_parser.c} and
 * {@code alloc_vs}/{@code alloc_rs} in {@code check_data.c}). Groups are
 * {@link VirtualServerGroupSection}'s, forwarding methods {@link ForwardingParser}'s, and the
 * checker blocks inside a real server {@link CheckerSection}'s.
 */
final class VirtualServerSection {
    static final List<String> SCHEDULERS = List.of("rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf",
            "lblcr", "sed", "nq", "twos");
    private static final long IPVS_WEIGHT_LIMIT = Integer.MAX_VALUE;
    private static final long LVS_MAX_TIMEOUT = 86400L * 31;
    /** keepalived-j's extension keyword: keepalived itself says "Unknown keyword" and ignores the line. */
    static final String DRAIN_ON_RELOAD = "drain_on_reload";
    private static final long DRAIN_LIMIT_SECONDS = 86400;

    private final ParseContext ctx;
    private final CheckData data;
    private final CheckerSection checkers;
    private final ForwardingParser forwarding;

    VirtualServerSection(ParseContext ctx, CheckerSection checkers) {
        this.ctx = ctx;
        this.data = ctx.check;
        this.checkers = checkers;
        this.forwarding = new ForwardingParser(ctx);
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

        grammar.root("virtual_server_group", new VirtualServerGroupSection(ctx)::group, active);
        grammar.root(LocalAddressGroupSection.KEYWORD, new LocalAddressGroupSection(ctx)::group, active);

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
        k.add("delay_before_retry", st -> ctx.timer(st, 0, 0, "virtual server delay before retry '%s' invalid - ignoring", v -> vs().delayBeforeRetry = v));
        k.add("warmup", st -> ctx.timer(st, 0, 0, "virtual server warmup '%s' invalid - ignoring", v -> vs().warmup = v));
        k.add("connect_timeout", st -> ctx.timer(st, 1, Numbers.UINT_MAX, "virtual server connect_timeout %s invalid - ignoring", v -> vs().connectTimeout = v));
        k.add("delay_loop", st -> ctx.timer(st, 1, 0, "virtual server delay loop '%s' invalid - ignoring", v -> vs().delayLoop = v));
        k.add("inhibit_on_failure", st -> vs().inhibit = true);
        k.add("lb_algo", this::scheduler);
        k.add("lvs_sched", this::scheduler);
        for (VirtualServer.Flag flag : VirtualServer.Flag.values()) {
            k.add(flag.keyword(), this::flag);
        }
        k.add("lb_kind", st -> vs().forwarding = forwarding.parse(st, vs().forwarding, "virtual"));
        k.add("lvs_method", st -> vs().forwarding = forwarding.parse(st, vs().forwarding, "virtual"));
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
        k.add(DRAIN_ON_RELOAD, this::drainOnReload);
        k.add(VipBindDevice.KEYWORD, st -> VipBindDevice.parse(ctx, st, vs()));
        k.add("laddr_group_name", st -> {
            ctx.note(st, "laddr_group_name is a keepalived-j extension (FullNAT, as in Alibaba LVS and DPVS);"
                    + " keepalived does not know it");
            if (st.size() < 2) {
                ctx.error(st, "laddr_group_name needs the name of a local_address_group - ignoring");
                return;
            }
            vs().laddrGroup = st.word(1);
            vs().laddrLocation = st.location();
        });
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
                vs().sorry.forwarding = forwarding.parse(st, vs().sorry.forwarding, "sorry");
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
        rs.add("lvs_method", st -> rs().forwarding = forwarding.parse(st, rs().forwarding, "real"));
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
        rs.add("inhibit_on_failure", st -> ctx.bool(st, "Invalid inhibit_on_failure parameter %s", v -> rs().inhibit = v));
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
        rs.add("alpha", st -> ctx.bool(st, "Invalid alpha parameter %s", v -> rs().alpha = v));
        rs.add("retry", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 1, Numbers.UINT_MAX, false);
            if (v == null) {
                ctx.error(st, "retry value invalid - " + st.word(1));
                return;
            }
            rs().retry = v;
        });
        rs.add("delay_before_retry", st -> ctx.timer(st, 0, 0, "real server delay_before_retry '%s' invalid - ignoring", v -> rs().delayBeforeRetry = v));
        rs.add("warmup", st -> ctx.timer(st, 0, 0, "real server warmup '%s' invalid - ignoring", v -> rs().warmup = v));
        rs.add("connect_timeout", st -> ctx.timer(st, 1, Numbers.UINT_MAX, "real server connect_timeout %s invalid - ignoring", v -> rs().connectTimeout = v));
        rs.add("delay_loop", st -> ctx.timer(st, 1, 0, "real server delay_loop '%s' invalid - ignoring", v -> rs().delayLoop = v));
        rs.add("smtp_alert", st -> ctx.bool(st, "Invalid real_server smtp_alert parameter %s", v -> rs().smtpAlert = v));
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

    private void quorumScript(Statement st, String keyword, Supplier<Script> current, Consumer<Script> set) {
        if (current.get() != null) {
            ctx.error(st, "(" + groupName() + ") " + keyword + " script already specified - ignoring " + st.word(1));
            return;
        }
        set.accept(ctx.scripts.notifyScript(st, "quorum"));
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
            String port = second != null && !allZeros(second) ? second : null;
            InetAddress a = Addresses.parse(Addresses.stripRangeAndMask(first));
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
        vs().scheduler = s.intern(); // one "rr" for 100,000 virtual servers
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

    /**
     * {@code drain_on_reload SECONDS}: real servers (and services) a reload removes go to
     * weight 0 and are deleted once they carry no connection, or after SECONDS. keepalived
     * would warn about the unknown keyword and carry on, so it is noted as an extension.
     */
    private void drainOnReload(Statement st) {
        ctx.note(st, DRAIN_ON_RELOAD + " is a keepalived-j extension; keepalived ignores it (\"Unknown keyword\")");
        if (st.size() < 2) {
            ctx.error(st, DRAIN_ON_RELOAD + " needs a number of seconds - ignoring");
            return;
        }
        Long v = ctx.numbers(st).readUnsigned(st.word(1), 1, DRAIN_LIMIT_SECONDS, false);
        if (v == null) {
            ctx.error(st, DRAIN_ON_RELOAD + " " + st.word(1) + " must be a number of seconds in [1, "
                    + DRAIN_LIMIT_SECONDS + "] - ignoring");
            return;
        }
        vs().drainOnReload = v;
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

    private CheckData.ServerDraft server(Statement st, String ip, String port) {
        String portText = port != null && !allZeros(port) ? port : null;
        InetAddress a = Addresses.parse(Addresses.stripRangeAndMask(ip));
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

    /** Only '0's (or nothing): a port keepalived takes for none. */
    private static boolean allZeros(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
