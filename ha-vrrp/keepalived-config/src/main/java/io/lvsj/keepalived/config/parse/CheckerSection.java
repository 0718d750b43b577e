package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Checker;
import io.lvsj.keepalived.config.Severity;

import java.net.InetAddress;
import java.util.Locale;

/**
 * The checker blocks of a real server ({@code TCP_CHECK}, {@code HTTP_GET}, {@code SSL_GET},
 * {@code MISC_CHECK}, {@code SMTP_CHECK}, {@code DNS_CHECK}, {@code UDP_CHECK},
 * {@code PING_CHECK}, {@code FILE_CHECK}, {@code BFD_CHECK}) and their common keywords; the
 * two kinds with most keywords of their own have a class each ({@link HttpCheckKeywords},
 * {@link UdpCheckKeywords}), the others are here
 * ({@code check_api.c} and {@code check_*.c}).
 */
final class CheckerSection {
    private static final long IPVS_WEIGHT_LIMIT = Integer.MAX_VALUE;

    private final ParseContext ctx;
    private final BfdSection bfd;
    private final HttpCheckKeywords http;
    private final UdpCheckKeywords udp;
    private CheckData.CheckerDraft current;

    CheckerSection(ParseContext ctx, BfdSection bfd) {
        this.ctx = ctx;
        this.bfd = bfd;
        this.http = new HttpCheckKeywords(ctx, this);
        this.udp = new UdpCheckKeywords(ctx, this);
    }

    /** The checker block being read. */
    CheckData.CheckerDraft current() {
        return current;
    }

    private CheckData.ServerDraft rs() {
        return ctx.check.servers.getLast().realServers.getLast();
    }

    void install(Keyword rs) {
        misc(rs.add("MISC_CHECK", st -> open(st, CheckData.CheckerDraft.Kind.MISC)));
        smtp(rs.add("SMTP_CHECK", st -> open(st, CheckData.CheckerDraft.Kind.SMTP)));
        simple(rs.add("TCP_CHECK", st -> open(st, CheckData.CheckerDraft.Kind.TCP)));
        simple(rs.add("PING_CHECK", st -> open(st, CheckData.CheckerDraft.Kind.PING)));
        udp.install(rs.add("UDP_CHECK", st -> open(st, CheckData.CheckerDraft.Kind.UDP)));
        http.install(rs.add("HTTP_GET", st -> open(st, CheckData.CheckerDraft.Kind.HTTP)));
        http.install(rs.add("SSL_GET", st -> open(st, CheckData.CheckerDraft.Kind.SSL)));
        dns(rs.add("DNS_CHECK", st -> open(st, CheckData.CheckerDraft.Kind.DNS)));
        file(rs.add("FILE_CHECK", st -> open(st, CheckData.CheckerDraft.Kind.FILE)));
        bfd(rs.add("BFD_CHECK", st -> open(st, CheckData.CheckerDraft.Kind.BFD)));
    }

    private void open(Statement st, CheckData.CheckerDraft.Kind kind) {
        CheckData.CheckerDraft c = new CheckData.CheckerDraft(st.location(), kind);
        CheckData.ServerDraft server = rs();
        c.address = server.address;
        c.port = null;
        switch (kind) {
            case HTTP, SSL -> c.defaultDelayBeforeRetry = 3 * Numbers.TIMER_HZ;
            case MISC -> c.defaultRetry = 0;
            case DNS -> {
                c.defaultRetry = 3;
                c.defaultDelayBeforeRetry = 0;
            }
            case UDP -> c.maxReply = 255;
            default -> {
            }
        }
        current = c;
        server.checkers.add(c);
    }

    /** Drops the checker being read, as keepalived does with one its checks refuse. */
    void dequeue() {
        rs().checkers.remove(current);
    }

    // ---- common keywords

    void common(Keyword k, boolean connection) {
        if (connection) {
            k.add("connect_ip", st -> {
                InetAddress a = Addresses.parse(Addresses.stripRangeAndMask(st.word(1)));
                if (a == null) {
                    ctx.error(st, "Invalid connect_ip address " + st.word(1) + " - ignoring");
                } else if (current.bindTo != null && Addresses.isIpv6(current.bindTo) != Addresses.isIpv6(a)) {
                    ctx.error(st, "connect_ip address " + st.word(1) + " does not match address family of bindto - skipping");
                } else {
                    current.address = a;
                    current.addressSet = true;
                }
            });
            k.add("connect_port", st -> {
                Long p = ctx.numbers(st).readUnsigned(st.word(1), 1, 65535, true);
                if (p == null) {
                    ctx.error(st, "Invalid checker connect_port '" + st.word(1) + "'");
                    return;
                }
                current.port = p.intValue();
            });
            k.add("bindto", st -> {
                InetAddress a = Addresses.parse(Addresses.stripRangeAndMask(st.word(1)));
                if (a == null) {
                    ctx.error(st, "Invalid bindto address " + st.word(1) + " - ignoring");
                } else if (current.address != null && current.addressSet && Addresses.isIpv6(current.address) != Addresses.isIpv6(a)) {
                    ctx.error(st, "bindto address " + st.word(1) + " does not match address family of connect_ip - skipping");
                } else if (current.address != null && !current.addressSet && Addresses.isIpv6(current.address) != Addresses.isIpv6(a)) {
                    ctx.error(st, "bindto address " + st.word(1) + " does not match address family of connect_ip - skipping");
                } else {
                    current.bindTo = a;
                }
            });
            k.add("bind_port", st -> {
                Long p = ctx.numbers(st).readUnsigned(st.word(1), 1, 65535, true);
                if (p == null) {
                    ctx.error(st, "Invalid checker bind_port '" + st.word(1) + "'");
                    return;
                }
                current.bindPort = p.intValue();
            });
            k.add("bind_if", st -> {
                if (st.word(1).length() > 15) {
                    ctx.error(st, "Interface name " + st.word(1) + " is too long - ignoring");
                    return;
                }
                current.bindInterface = st.word(1);
            });
            k.add("connect_timeout", st -> {
                Long v = ctx.numbers(st).readTimer(st.word(1), 1, Numbers.UINT_MAX, true);
                if (v == null) {
                    ctx.error(st, "connect_timeout " + st.word(1) + " invalid - ignoring");
                    return;
                }
                current.connectTimeout = v;
            });
            k.add("fwmark", st -> {
                Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, true);
                if (v == null) {
                    ctx.error(st, "Invalid fwmark connection value '" + st.word(1) + "'");
                    return;
                }
                current.fwmark = v;
            });
        }
        k.add("retry", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, true);
            if (v == null) {
                ctx.error(st, "Invalid retry connection value '" + st.word(1) + "'");
                return;
            }
            current.retry = v;
        });
        k.add("delay_before_retry", st -> ctx.timer(st, 0, 0, "Invalid delay_before_retry connection value '%s'", v -> current.delayBeforeRetry = v));
        k.add("warmup", st -> ctx.timer(st, 0, 0, "Invalid warmup connection value '%s'", v -> current.warmup = v));
        k.add("delay_loop", st -> ctx.timer(st, 1, 0, "delay_loop '%s' is invalid - ignoring", v -> current.delayLoop = v));
        k.add("alpha", st -> ctx.bool(st, "Invalid alpha parameter %s", v -> current.alpha = v));
        k.add("log_all_failures", st -> ctx.bool(st, "Invalid log_all_failures parameter %s", v -> current.logAllFailures = v));
    }

    /** {@code check_conn_opts}: a link-local destination needs {@code bind_if}. */
    boolean connectionUsable() {
        InetAddress dst = current.address;
        if (dst != null && dst.isLinkLocalAddress() && Addresses.isIpv6(dst) && current.bindInterface == null) {
            ctx.report(current.location, Severity.GENERAL, "Checker link local address " + Addresses.format(dst) + " requires a bind_if");
            return false;
        }
        return true;
    }

    private void simple(Keyword k) {
        common(k, true);
        k.onClose(() -> {
            if (!connectionUsable()) {
                dequeue();
            }
        });
    }

    // ---- MISC_CHECK

    private void misc(Keyword k) {
        common(k, false);
        k.add("misc_path", st -> {
            var command = ctx.scripts.command(st);
            if (command != null) {
                current.command = command;
            }
        });
        k.add("misc_timeout", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX / Numbers.TIMER_HZ, true);
            if (v == null) {
                ctx.error(st, "Invalid misc_timeout value '" + st.word(1) + "'");
                return;
            }
            current.miscTimeout = v * Numbers.TIMER_HZ;
        });
        k.add("misc_dynamic", st -> current.dynamic = true);
        k.add("user", st -> {
            if (current.kind != CheckData.CheckerDraft.Kind.MISC) {
                return;
            }
            if (st.size() < 2) {
                ctx.error(st, "No user specified for misc checker script " + command());
                return;
            }
            if (!ctx.scripts.userExists(st, st.word(1), st.optional(2))) {
                ctx.error(st, "Failed to set uid/gid for misc checker script " + command() + " - removing");
                dequeue();
                current = new CheckData.CheckerDraft(current.location, CheckData.CheckerDraft.Kind.TCP); // detached
                return;
            }
            current.user = st.word(1);
            current.group = st.optional(2);
            current.userSet = true;
        });
        k.onClose(() -> {
            if (current.kind != CheckData.CheckerDraft.Kind.MISC) {
                return;
            }
            if (current.command == null) {
                ctx.report(current.location, Severity.GENERAL, "No script path has been specified for MISC_CHECKER - skipping");
                dequeue();
                return;
            }
            if (!current.userSet && !ctx.scripts.defaultUserUsable(null)) {
                ctx.report(current.location, Severity.GENERAL, "Unable to set default user for misc script " + command() + " - removing");
                dequeue();
            }
        });
    }

    private String command() {
        return ScriptFactory.text(current.command);
    }

    // ---- SMTP_CHECK

    private void smtp(Keyword k) {
        k.add("helo_name", st -> {
            if (st.size() < 2) {
                ctx.error(st, "SMTP_CHECK helo name missing");
                return;
            }
            current.helo = st.word(1);
        });
        common(k, true);
        Keyword host = k.add("host", st -> ctx.note(st, "The SMTP_CHECK host block is deprecated. Please define additional checkers."));
        common(host, true);
        k.onClose(() -> {
            if (current.helo == null) {
                current.helo = "smtpchecker.keepalived.org";
            }
            if (!connectionUsable()) {
                dequeue();
            }
        });
    }

    // ---- DNS_CHECK

    private void dns(Keyword k) {
        common(k, true);
        k.add("type", st -> {
            String t = st.word(1).toUpperCase(Locale.ROOT);
            if (!java.util.List.of("A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA", "RRSIG", "DNSKEY").contains(t)) {
                ctx.error(st, "Unknown DNS check type " + st.word(1) + " - ignoring");
                return;
            }
            current.dnsType = t;
        });
        k.add("name", st -> {
            if (current.dnsName != null) {
                ctx.error(st, "DNS_CHECK name already specified - ignoring");
                return;
            }
            String name = st.word(1);
            boolean invalid = (name.startsWith(".") && name.length() > 1) || name.contains("..");
            if (invalid) {
                ctx.error(st, "DNS_CHECK name '" + name + "' has empty label - ignoring");
                return;
            }
            current.dnsName = name;
        });
        k.onClose(() -> {
            if (!connectionUsable()) {
                dequeue();
                return;
            }
            if (current.dnsName == null) {
                current.dnsName = "";
            }
        });
    }

    // ---- FILE_CHECK

    private void file(Keyword k) {
        k.add("track_file", st -> {
            TrackFileDraft f = ctx.findTrackFile(st.word(1));
            if (f == null) {
                ctx.error(st, "track_file " + st.word(1) + " not found");
                return;
            }
            current.trackFile = f.name;
        });
        k.add("weight", st -> {
            if (st.size() < 2) {
                ctx.error(st, "track file weight missing");
                return;
            }
            Long w = ctx.numbers(st).readInt(st.word(1), -IPVS_WEIGHT_LIMIT, IPVS_WEIGHT_LIMIT, true);
            if (w == null) {
                ctx.error(st, "weight for track file must be in [" + -IPVS_WEIGHT_LIMIT + ".." + IPVS_WEIGHT_LIMIT + "] inclusive. Ignoring...");
                return;
            }
            boolean reverse = false;
            if (st.size() >= 3) {
                switch (st.word(2)) {
                    case "reverse" -> reverse = true;
                    case "noreverse" -> reverse = false;
                    default -> {
                        ctx.error(st, "unknown track file weight option " + st.word(2) + " - ignoring");
                        return;
                    }
                }
            }
            current.fileWeight = w.intValue();
            current.fileReverse = reverse;
        });
        k.onClose(() -> {
            if (current.trackFile == null) {
                ctx.report(current.location, Severity.GENERAL, "FILE_CHECK has no track_file specified - ignoring");
                dequeue();
                return;
            }
            if (current.fileWeight == null) {
                TrackFileDraft f = ctx.findTrackFile(current.trackFile);
                current.fileWeight = f.weight;
                current.fileReverse = f.reverse;
            }
        });
    }

    // ---- BFD_CHECK

    private void bfd(Keyword k) {
        k.add("name", st -> {
            if (current.kind != CheckData.CheckerDraft.Kind.BFD) {
                return;
            }
            String where = rsText();
            String name = st.size() >= 2 ? st.word(1) : null;
            boolean error = true;
            if (st.size() != 2) {
                ctx.error(st, "(" + where + ") BFD_CHECK - No or too many names specified - skipping checker");
            } else if (!bfd.checkerNames.contains(name)) {
                ctx.error(st, "(" + where + ") BFD_CHECK - BFD " + name + " not configured");
            } else if (current.bfd != null) {
                ctx.error(st, "(" + where + ") BFD_CHECK - BFD " + name + " already specified as " + current.bfd);
            } else if (name.length() >= 32) {
                ctx.error(st, "(" + where + ") BFD_CHECK - BFD name " + name + " too long");
            } else {
                error = false;
            }
            if (!error && rs().checkers.stream().anyMatch(c -> c != current && name.equals(c.bfd))) {
                ctx.error(st, "(" + where + ") BFD_CHECK - RS already monitoring " + name);
                error = true;
            }
            if (error) {
                dequeue();
                current = new CheckData.CheckerDraft(current.location, CheckData.CheckerDraft.Kind.TCP); // detached
                return;
            }
            current.bfd = name;
        });
        k.add("alpha", st -> {
            if (current.kind != CheckData.CheckerDraft.Kind.BFD) {
                return;
            }
            ctx.bool(st, "Invalid alpha parameter %s", v -> current.alpha = v);
        });
        k.onClose(() -> {
            if (current.kind != CheckData.CheckerDraft.Kind.BFD) {
                return;
            }
            if (current.bfd == null) {
                ctx.report(current.location, Severity.GENERAL, "(" + rsText() + ") No name has been specified for BFD_CHECKER - skipping");
                dequeue();
            }
        });
    }

    private String rsText() {
        return CheckCompletion.rsText(rs(), ctx.check.servers.getLast());
    }
}
