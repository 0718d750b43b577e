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
