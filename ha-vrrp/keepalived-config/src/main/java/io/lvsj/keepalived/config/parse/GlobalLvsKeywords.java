package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.GlobalDefs;

import java.net.InetAddress;

/**
 * The {@code global_defs} keywords for IPVS: connection timeouts, flushing, and the
 * connection synchronisation daemon.
 */
final class GlobalLvsKeywords extends GlobalKeywords {
    private static final long LVS_MAX_TIMEOUT = 86400L * 31;

    GlobalLvsKeywords(ParseContext ctx) {
        super(ctx);
    }

    void install(Keyword defs) {
        kw(defs, "lvs_timeouts", this::lvsTimeouts);
        kw(defs, "lvs_flush", st -> g.lvsFlush = true);
        kw(defs, "lvs_flush_on_stop", this::lvsFlushOnStop);
        kw(defs, "lvs_flush_onstop", this::lvsFlushOnStop);
        kw(defs, "lvs_sync_daemon", this::lvsSyncDaemon);
        kw(defs, SLOPPY_TCP, st -> g.lvsSloppyTcp = sloppy(st, g.lvsSloppyTcp));
        kw(defs, SLOPPY_SCTP, st -> g.lvsSloppySctp = sloppy(st, g.lvsSloppySctp));
        kw(defs, ROUTING_DAEMON, this::routingDaemon);
    }

    static final String ROUTING_DAEMON = "routing_daemon";

    /**
     * {@code routing_daemon bird|frr [PATH]}: the daemon that announces the {@code vip_bind_dev}
     * VIPs; keepalived-j asks it now and then whether it runs and has a BGP session, and logs
     * when that changes. A keepalived-j extension.
     */
    private void routingDaemon(Statement st) {
        ctx.note(st, ROUTING_DAEMON + " is a keepalived-j extension; keepalived ignores it (\"Unknown keyword\")");
        if (st.size() < 2) {
            ctx.error(st, ROUTING_DAEMON + " needs bird or frr - ignoring");
            return;
        }
        GlobalDefs.RoutingDaemon.Kind kind = switch (st.word(1)) {
            case "bird" -> GlobalDefs.RoutingDaemon.Kind.BIRD;
            case "frr" -> GlobalDefs.RoutingDaemon.Kind.FRR;
            default -> null;
        };
        if (kind == null) {
            ctx.error(st, "Unknown " + ROUTING_DAEMON + " '" + st.word(1) + "' (bird or frr) - ignoring");
            return;
        }
        String path = st.size() >= 3 ? st.word(2) : kind == GlobalDefs.RoutingDaemon.Kind.BIRD ? "/run/bird/bird.ctl"
                : "/run/frr";
        if (!path.startsWith("/")) {
            ctx.error(st, ROUTING_DAEMON + " " + st.word(1) + " path '" + path + "' is not absolute - ignoring");
            return;
        }
        if (st.size() > 3) {
            ctx.error(st, ROUTING_DAEMON + " takes a daemon and a path - ignoring '" + st.word(3) + "' and what follows");
        }
        g.routingDaemon = new GlobalDefs.RoutingDaemon(kind, path);
    }

    static final String SLOPPY_TCP = "lvs_sloppy_tcp";
    static final String SLOPPY_SCTP = "lvs_sloppy_sctp";

    /**
     * {@code lvs_sloppy_tcp [BOOL]}, {@code lvs_sloppy_sctp [BOOL]}: keepalived-j sets
     * {@code net.ipv4.vs.sloppy_tcp}/{@code sloppy_sctp} in the IPVS namespace, so that a director
     * takes over a flow the routers' ECMP moved to it mid-stream (active-active with {@code mh}).
     * keepalived has no such keyword; without it the kernel's value stays as it is.
     */
    private Boolean sloppy(Statement st, Boolean old) {
        ctx.note(st, st.word(0) + " is a keepalived-j extension; keepalived ignores it (\"Unknown keyword\")");
        int v = st.size() >= 2 ? Numbers.trueFalse(st.word(1)) : 1;
        if (v < 0) {
            ctx.error(st, "Invalid " + st.word(0) + " value '" + st.word(1) + "' - ignoring");
            return old;
        }
        return v == 1;
    }

    private void lvsTimeouts(Statement st) {
        if (st.size() < 3) {
            ctx.error(st, "lvs_timeouts requires at least one option");
            return;
        }
        for (int i = 1; i < st.size(); i++) {
            String option = st.word(i);
            if (option.equals("tcp") || option.equals("tcpfin") || option.equals("udp")) {
                if (i == st.size() - 1) {
                    ctx.error(st, "No value specified for lvs_timeout " + option + " - ignoring");
                    continue;
                }
                Long v = ctx.numbers(st).readUnsigned(st.word(i + 1), 0, LVS_MAX_TIMEOUT, false);
                if (v == null) {
                    ctx.error(st, "Invalid lvs_timeout " + option + " (" + st.word(i + 1) + ") - ignoring");
                } else if (option.equals("tcp")) {
                    g.lvsTcpTimeout = v;
                } else if (option.equals("tcpfin")) {
                    g.lvsTcpFinTimeout = v;
                } else {
                    g.lvsUdpTimeout = v;
                }
                i++;
                continue;
            }
            ctx.error(st, "Unknown option " + option + " specified for lvs_timeouts");
        }
    }

    private void lvsFlushOnStop(Statement st) {
        if (st.size() == 1) {
            g.lvsFlushOnStop = GlobalDefs.FlushOnStop.FULL;
        } else if (st.word(1).equals("VS")) {
            g.lvsFlushOnStop = GlobalDefs.FlushOnStop.VS;
        } else {
            ctx.error(st, "Unknown lvs_flush_on_stop type " + st.word(1));
        }
    }

    private void lvsSyncDaemon(Statement st) {
        if (g.syncdInterface != null) {
            ctx.error(st, "lvs_sync_daemon has already been specified as " + g.syncdInterface + " "
                    + (g.syncdInstance == null ? "" : g.syncdInstance) + " - ignoring");
            return;
        }
        if (st.size() < 2) {
            ctx.error(st, "lvs_sync_daemon requires interface");
            return;
        }
        if (st.word(1).length() >= 16) {
            ctx.error(st, "lvs_sync_daemon interface name '" + st.word(1) + "' too long - ignoring");
            return;
        }
        g.syncdInterface = st.word(1);
        for (int i = 2; i < st.size(); i++) {
            String option = st.word(i);
            switch (option) {
                case "inst" -> {
                    if (g.syncdInstance != null) {
                        ctx.error(st, "lvs_sync_daemon vrrp instance has already been specified as " + g.syncdInstance + " - ignoring");
                    } else {
                        g.syncdInstance = st.word(i + 1);
                    }
                    i++;
                }
                case "id" -> {
                    if (i == st.size() - 1) {
                        ctx.error(st, "No value specified for lvs_sync_daemon id, defaulting to vrid");
                        continue;
                    }
                    Long v = ctx.numbers(st).readUnsigned(st.word(i + 1), 0, 255, false);
                    if (v == null) {
                        ctx.error(st, "Invalid syncid (" + st.word(i + 1) + ") - defaulting to vrid");
                    } else {
                        g.syncdId = v.intValue();
                    }
                    i++;
                }
                case "maxlen", "port", "ttl" -> {
                    if (i == st.size() - 1) {
                        ctx.error(st, "No value specified for lvs_sync_daemon " + option + " - ignoring");
                        continue;
                    }
                    long max = option.equals("maxlen") ? 65535 - 20 - 8 : option.equals("port") ? 65535 : 255;
                    Long v = ctx.numbers(st).readUnsigned(st.word(i + 1), 1, max, false);
                    if (v == null) {
                        ctx.error(st, "Invalid lvs_sync_daemon " + option + " (" + st.word(i + 1) + ") - ignoring");
                    } else if (option.equals("maxlen")) {
                        g.syncdMaxLen = v.intValue();
                    } else if (option.equals("port")) {
                        g.syncdPort = v.intValue();
                    } else {
                        g.syncdTtl = v.intValue();
                    }
                    i++;
                }
                case "group" -> {
                    if (i == st.size() - 1) {
                        ctx.error(st, "No value specified for lvs_sync_daemon group - ignoring");
                        continue;
                    }
                    InetAddress a = Addresses.parse(st.word(i + 1));
                    if (a == null) {
                        ctx.error(st, "Invalid lvs_sync_daemon group (" + st.word(i + 1) + ") - ignoring");
                    } else if (!a.isMulticastAddress()) {
                        ctx.error(st, "lvs_sync_daemon group address " + st.word(i + 1) + " is not multicast - ignoring");
                    } else {
                        g.syncdGroup = a;
                    }
                    i++;
                }
                default -> {
                    if (i == 2) {
                        g.syncdInstance = option;
                    } else if (i == 3) {
                        Long v = ctx.numbers(st).readUnsigned(option, 0, 255, false);
                        if (v == null) {
                            ctx.error(st, "Invalid syncid (" + option + ") - defaulting to vrid");
                        } else {
                            ctx.error(st, "Please use keyword \"id\" before lvs_sync_daemon SYNCID");
                            g.syncdId = v.intValue();
                        }
                    } else {
                        ctx.error(st, "Unknown option " + option + " specified for lvs_sync_daemon");
                    }
                }
            }
        }
    }
}
