package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.GlobalDefs;

import java.net.InetAddress;

/**
 * keepalived-j's own {@code global_defs} keywords. keepalived does not know them: it logs
 * "Unknown keyword" and carries on ({@code keepalived -t} then exits 5), so each use is noted
 * as an extension.
 */
final class GlobalExtensionKeywords extends GlobalKeywords {
    static final String METRICS_LISTEN = "metrics_listen";
    private static final String LOOPBACK = "127.0.0.1";

    GlobalExtensionKeywords(ParseContext ctx) {
        super(ctx);
    }

    void install(Keyword defs) {
        kw(defs, METRICS_LISTEN, this::metricsListen);
    }

    /**
     * {@code metrics_listen [ADDRESS [PORT]]}: the status endpoint ({@code /metrics},
     * {@code /state}, {@code /healthz}) on ADDRESS (127.0.0.1 unless given; a literal, never a
     * name) and PORT (9650 unless given).
     */
    private void metricsListen(Statement st) {
        ctx.note(st, METRICS_LISTEN + " is a keepalived-j extension; keepalived ignores it (\"Unknown keyword\")");
        if (st.size() > 3) {
            ctx.error(st, METRICS_LISTEN + " takes an address and a port at most: " + METRICS_LISTEN
                    + " [ADDRESS [PORT]] - ignoring");
            return;
        }
        if (g.statusEndpoint != null) {
            ctx.error(st, METRICS_LISTEN + " already set to " + describe(g.statusEndpoint) + " - ignoring");
            return;
        }
        String text = st.size() >= 2 ? st.word(1) : LOOPBACK;
        InetAddress address = Addresses.parse(text);
        if (address == null) {
            ctx.error(st, METRICS_LISTEN + " address '" + text + "' is not an IPv4 or IPv6 address"
                    + " (a port goes after the address: " + METRICS_LISTEN + " 127.0.0.1 PORT) - ignoring");
            return;
        }
        int port = GlobalDefs.StatusEndpoint.DEFAULT_PORT;
        if (st.size() == 3) {
            port = port(st.word(2));
            if (port < 0) {
                ctx.error(st, METRICS_LISTEN + " port '" + st.word(2) + "' must be a number in [1, 65535] - ignoring");
                return;
            }
        }
        g.statusEndpoint = new GlobalDefs.StatusEndpoint(address, port);
    }

    /** A decimal port number in [1, 65535], or -1. */
    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int p = Integer.parseInt(text);
        return p >= 1 && p <= 65535 ? p : -1;
    }

    static String describe(GlobalDefs.StatusEndpoint e) {
        String host = Addresses.format(e.address());
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + e.port();
    }
}
