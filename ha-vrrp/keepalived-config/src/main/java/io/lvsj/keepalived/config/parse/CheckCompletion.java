package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Checker;
import io.lvsj.keepalived.config.CheckerTiming;
import io.lvsj.keepalived.config.Connection;
import io.lvsj.keepalived.config.Forwarding;
import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.RealServer;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.keepalived.config.VirtualServer;
import io.lvsj.keepalived.config.VirtualServerGroup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The checks and defaults keepalived's checker process applies after reading
 * ({@code link_vsg_to_vs}, {@code validate_check_config} and the checker script security
 * check): groups linked, protocol/scheduler/forwarding defaults with their errors, duplicate
 * real servers, quorum and hysteresis, ports, and every checker's timing resolved.
 */
final class CheckCompletion {
    private final ParseContext ctx;
    private final CheckData data;
    private final VrrpCompletion scripts;

    CheckCompletion(ParseContext ctx, VrrpCompletion scripts) {
        this.ctx = ctx;
        this.data = ctx.check;
        this.scripts = scripts;
    }

    private void error(Location at, String message) {
        ctx.report(at, Severity.GENERAL, message);
    }

    List<VirtualServer> run() {
        linkGroups();
        List<CheckData.VsDraft> kept = new ArrayList<>();
        for (CheckData.VsDraft vs : data.servers) {
            if (validate(vs)) {
                kept.add(vs);
            }
        }
        data.servers.clear(); // kept is in order: retainAll would be quadratic (100,000 servers: 13 s)
        data.servers.addAll(kept);
        scriptSecurity();
        List<VirtualServer> out = new ArrayList<>();
        for (CheckData.VsDraft vs : kept) {
            out.add(build(vs));
        }
        return out;
    }

    private void linkGroups() {
        for (Iterator<CheckData.VsDraft> it = data.servers.iterator(); it.hasNext(); ) {
            CheckData.VsDraft vs = it.next();
            if (!(vs.key instanceof VirtualServer.Group g)) {
                continue;
            }
            CheckData.GroupDraft group = data.groups.stream().filter(x -> x.name.equals(g.name())).findFirst().orElse(null);
            if (group == null) {
                ctx.report(vs.location, Severity.NOTE, "Virtual server group " + g.name() + " specified but not configured - ignoring virtual server " + text(vs));
                it.remove();
                continue;
            }
            vs.group = group;
            Integer groupFamily = group.haveIpv4 == group.haveIpv6 ? null : group.haveIpv4 ? 4 : 6;
            if (group.haveIpv4 && group.haveIpv6 && vs.family != null) {
                ctx.report(vs.location, Severity.NOTE, g.name() + ": virtual server group with IPv4 & IPv6 doesn't match virtual server " + text(vs) + " - ignoring");
                it.remove();
            } else if ((group.haveIpv4 && Integer.valueOf(6).equals(vs.family)) || (group.haveIpv6 && Integer.valueOf(4).equals(vs.family))) {
                ctx.report(vs.location, Severity.NOTE, g.name() + ": address family doesn't match virtual server " + text(vs) + " - ignoring");
                it.remove();
            } else if (groupFamily != null) {
                if (vs.family == null) {
                    vs.family = groupFamily;
                }
            } else if (vs.family == null && group.fwmarkNoFamily) {
                ctx.report(vs.location, Severity.NOTE, g.name() + ": Virtual server " + text(vs) + " address family cannot be determined, defaulting to IPv4");
            }
        }
    }

    private boolean validate(CheckData.VsDraft vs) {
        if (vs.realServers.isEmpty()) {
            error(vs.location, "Virtual server " + text(vs) + " has no real servers - ignoring");
            return false;
        }
        boolean fwmarkVs = vs.key instanceof VirtualServer.Fwmark;
        boolean groupFwmarks = vs.group != null && vs.group.hasFwmarks();
        boolean groupAddresses = vs.group != null && vs.group.hasAddresses();
        if (vs.haSuspend && (fwmarkVs || groupFwmarks)) {
            error(vs.location, "Virtual server " + text(vs) + ": cannot use ha_suspend with fwmarks - clearing ha_suspend");
            vs.haSuspend = false;
        }
        if (groupAddresses || (vs.group == null && !fwmarkVs)) {
            if (vs.protocol == null) {
                error(vs.location, "Virtual server " + text(vs) + ": no protocol set - defaulting to UDP");
                vs.protocol = VirtualServer.Protocol.UDP;
            }
            if (vs.flags.contains(VirtualServer.Flag.OPS) && vs.protocol != VirtualServer.Protocol.UDP) {
                error(vs.location, "Virtual server " + text(vs) + ": one packet scheduling requires UDP - resetting");
                vs.flags.remove(VirtualServer.Flag.OPS);
            }
            if (vs.persistenceTimeout == null && vs.group == null && !fwmarkVs && ((VirtualServer.Address) vs.key).port() == 0) {
                error(vs.location, "Virtual server " + text(vs) + ": zero port only valid for persistent services - setting");
                vs.persistenceTimeout = 360L;
            }
        }
        if (vs.persistenceTimeout == null && vs.group != null) {
            for (VirtualServerGroup.Entry e : vs.group.entries) {
                if (e instanceof VirtualServerGroup.AddressRange r && r.port() == 0) {
                    error(vs.location, "Virtual server " + text(vs) + ": zero port only valid for persistent services - setting");
                    vs.persistenceTimeout = 360L;
                    break;
                }
            }
        }
        if (vs.protocol != null && ((vs.group != null && !groupAddresses && groupFwmarks) || (vs.group == null && fwmarkVs))) {
            error(vs.location, "Warning: Virtual server " + text(vs) + ": protocol specified for fwmark - protocol will be ignored");
            vs.protocol = null;
        }
        VipBindDevice.check(ctx, vs);
        if (vs.scheduler == null) {
            error(vs.location, "Virtual server " + text(vs) + ": no scheduler set, setting default 'wlc'");
            vs.scheduler = "wlc";
        }
        if (vs.smtpAlert == null) {
            vs.smtpAlert = ctx.global.smtpAlertChecker != null ? ctx.global.smtpAlertChecker
                    : ctx.global.smtpAlert != null ? ctx.global.smtpAlert : false;
        }
        long weightSum = 0;
        List<CheckData.ServerDraft> servers = new ArrayList<>();
        for (CheckData.ServerDraft rs : vs.realServers) {
            if (duplicate(servers, rs)) {
                error(rs.location, "VS " + text(vs) + ": real server " + rsText(rs, vs) + " is duplicated - removing second rs");
                continue;
            }
            if (rs.forwarding == null) {
                if (vs.forwarding == null) {
                    error(vs.location, "Virtual server " + text(vs) + ": no forwarding method set, setting default NAT");
                    vs.forwarding = Forwarding.NAT;
                }
                rs.forwarding = vs.forwarding;
            }
            if (rs.alpha == null) {
                rs.alpha = vs.alpha;
            }
            if (rs.inhibit == null) {
                rs.inhibit = vs.inhibit;
            }
            if (rs.retry == null) {
                rs.retry = vs.retry;
            }
            if (rs.connectTimeout == null) {
                rs.connectTimeout = vs.connectTimeout;
            }
            if (rs.delayLoop == null) {
                rs.delayLoop = vs.delayLoop;
            }
            if (rs.warmup == null) {
                rs.warmup = vs.warmup;
            }
            if (rs.delayBeforeRetry == null) {
                rs.delayBeforeRetry = vs.delayBeforeRetry;
            }
            if (rs.weight == null) {
                rs.weight = vs.weight;
            }
            if (rs.smtpAlert == null) {
                rs.smtpAlert = ctx.global.smtpAlertChecker != null ? ctx.global.smtpAlertChecker
                        : ctx.global.smtpAlert != null ? ctx.global.smtpAlert : true;
            }
            weightSum += rs.weight;
            if (vs.sorry != null && vs.sorry.address.equals(rs.address) && vs.sorry.port == rs.port) {
                boolean sorryInhibit = vs.sorry.inhibit != null && vs.sorry.inhibit;
                if (sorryInhibit != rs.inhibit) {
                    error(vs.location, "Virtual server " + text(vs) + ": real server " + rsText(rs, vs)
                            + " matches sorry server, but inhibit setting differs, " + (rs.inhibit ? "sett" : "clear") + "ing on sorry server");
                    vs.sorry.inhibit = rs.inhibit;
                }
            }
            servers.add(rs);
        }
        if (vs.sorry != null && vs.sorry.forwarding == null) {
            if (vs.forwarding == null) {
                error(vs.location, "Virtual server " + text(vs) + ": no forwarding method set, setting default NAT");
                vs.forwarding = Forwarding.NAT;
            }
            vs.sorry.forwarding = vs.forwarding;
        }
        if (!fullNat(vs, servers)) {
            return false;
        }
        weightSum &= 0xFFFF_FFFFL;
        if (vs.quorum > weightSum) {
            error(vs.location, "Warning - quorum " + vs.quorum + " for " + text(vs) + " exceeds total weight of real servers "
                    + weightSum + ", reducing quorum to " + weightSum);
            vs.quorum = weightSum;
        }
        if (vs.hysteresis >= vs.quorum) {
            long h = (vs.quorum - 1) & 0xFFFF_FFFFL;
            error(vs.location, "Virtual server " + text(vs) + ": hysteresis " + vs.hysteresis + " >= quorum " + vs.quorum
                    + "; setting hysteresis to " + h);
            vs.hysteresis = h;
        }
        ports(vs, servers);
        vs.realServers.clear();
        vs.realServers.addAll(servers);
        return true;
    }

    /** Source ports a local address offers one real server (1024-65535), as the kernel's SNAT picks them. */
    static final long PORTS_PER_LOCAL_ADDRESS = 64512;

    /**
     * keepalived-j's FullNAT extension: a virtual server with {@code lb_kind FNAT} needs a
     * {@code laddr_group_name} naming a {@code local_address_group} that exists, has addresses
     * of its family, and serves no fwmark service (FullNAT matches a service by address and
     * port). Any of these missing is an error at the line concerned, and the virtual server
     * is left out, as keepalived leaves out one it cannot set up. A real server whose
     * {@code uthreshold} is more than the pool can carry gets a warning.
     */
    private boolean fullNat(CheckData.VsDraft vs, List<CheckData.ServerDraft> servers) {
        boolean fnat = (vs.forwarding != null && vs.forwarding.method() == Forwarding.Method.FNAT)
                || anyFullNat(servers)
                || (vs.sorry != null && vs.sorry.forwarding.method() == Forwarding.Method.FNAT);
        boolean fwmark = vs.key instanceof VirtualServer.Fwmark || (vs.group != null && vs.group.hasFwmarks());
        Location at = vs.laddrLocation != null ? vs.laddrLocation : vs.location;
        if (fwmark && (fnat || vs.laddrGroup != null)) {
            error(at, "Virtual server " + text(vs) + ": a fwmark service cannot be FullNAT (lb_kind FNAT,"
                    + " laddr_group_name match a service by address and port) - ignoring virtual server");
            return false;
        }
        if (!fnat) {
            if (vs.laddrGroup != null) {
                ctx.report(at, Severity.NOTE, "Virtual server " + text(vs) + ": laddr_group_name " + vs.laddrGroup
                        + " has no effect without lb_kind FNAT");
            }
            return true;
        }
        if (vs.laddrGroup == null) {
            error(vs.location, "Virtual server " + text(vs) + ": lb_kind FNAT needs laddr_group_name (a"
                    + " local_address_group) - ignoring virtual server");
            return false;
        }
        io.lvsj.keepalived.config.LocalAddressGroup group = data.localAddressGroups.stream()
                .filter(g -> g.name().equals(vs.laddrGroup)).findFirst().orElse(null);
        if (group == null) {
            error(at, "Virtual server " + text(vs) + ": local_address_group " + vs.laddrGroup
                    + " is not defined - ignoring virtual server");
            return false;
        }
        List<java.net.InetAddress> lips = group.addresses();
        if (lips.isEmpty()) {
            error(at, "Virtual server " + text(vs) + ": local_address_group " + vs.laddrGroup
                    + " has no address - ignoring virtual server");
            return false;
        }
        boolean ipv6 = Integer.valueOf(6).equals(vs.family);
        if (lips.stream().anyMatch(a -> Addresses.isIpv6(a) != ipv6)) {
            error(at, "Virtual server " + text(vs) + ": local_address_group " + vs.laddrGroup + " has addresses of"
                    + " another family than the service's - ignoring virtual server");
            return false;
        }
        long budget = lips.size() * PORTS_PER_LOCAL_ADDRESS;
        for (CheckData.ServerDraft rs : servers) {
            if (rs.forwarding.method() == Forwarding.Method.FNAT && rs.upperThreshold > budget) {
                ctx.report(rs.location, Severity.NOTE, "WARNING - FullNAT virtual server " + text(vs) + ", real server "
                        + rsText(rs, vs) + ": uthreshold " + rs.upperThreshold + " is more connections than "
                        + lips.size() + " local address(es) can carry to one real server (about " + budget
                        + " source ports); add local addresses to " + vs.laddrGroup);
            }
        }
        return true;
    }

    private VirtualServer build(CheckData.VsDraft vs) {
        List<RealServer> realServers = new ArrayList<>();
        for (CheckData.ServerDraft rs : vs.realServers) {
            realServers.add(realServer(vs, rs));
        }
        VirtualServer.SorryServer sorry = vs.sorry == null ? null : new VirtualServer.SorryServer(vs.sorry.address,
                vs.sorry.port, vs.sorry.inhibit != null && vs.sorry.inhibit, vs.sorry.forwarding);
        Forwarding forwarding = vs.forwarding == null ? Forwarding.NAT : vs.forwarding;
        return new VirtualServer(vs.location, vs.key, vs.family == null ? Optional.empty() : Optional.of(vs.family == 6),
                Optional.ofNullable(vs.protocol), vs.scheduler, vs.flags, forwarding,
                Drafts.optionalLong(vs.persistenceTimeout), Optional.ofNullable(vs.granularity), Optional.ofNullable(vs.engine),
                Drafts.micros(vs.delayLoop), Drafts.micros(vs.connectTimeout), Drafts.optionalLong(vs.retry),
                Drafts.micros(vs.delayBeforeRetry), Drafts.micros(vs.warmup), vs.inhibit, vs.alpha, vs.omega, vs.quorum,
                vs.hysteresis, Optional.ofNullable(vs.quorumUp), Optional.ofNullable(vs.quorumDown), Optional.ofNullable(sorry),
                vs.haSuspend, Optional.ofNullable(vs.virtualhost), vs.smtpAlert, Optional.ofNullable(vs.snmpName),
                (int) vs.weight, realServers, Optional.ofNullable(vs.drainOnReload).map(Duration::ofSeconds),
                Optional.ofNullable(vs.vipBindDev), Optional.ofNullable(vs.laddrGroup));
    }

    /** Only a message needs the virtual server's name: {@link #text} is made when one is reported (100,000 servers: 60 ms). */
    private void ports(CheckData.VsDraft vs, List<CheckData.ServerDraft> servers) {
        if (vs.group != null) {
            if (vs.group.hasFwmarks()) {
                for (CheckData.ServerDraft rs : servers) {
                    if (!rs.forwarding.method().isNat() && rs.port != 0) {
                        error(rs.location, "WARNING - fwmark virtual server " + text(vs) + ", real server " + rsText(rs, vs)
                                + " has port specified - port will be ignored");
                    }
                }
                if (vs.sorry != null && !vs.sorry.forwarding.method().isNat() && vs.sorry.port != 0) {
                    error(vs.location, "WARNING - fwmark virtual server " + text(vs) + ", sorry server has port specified - port will be ignored");
                }
            }
            for (VirtualServerGroup.Entry e : vs.group.entries) {
                if (!(e instanceof VirtualServerGroup.AddressRange r)) {
                    continue;
                }
                for (CheckData.ServerDraft rs : servers) {
                    if (!rs.forwarding.method().isNat() && rs.port != 0 && r.port() != rs.port) {
                        error(rs.location, "virtual server " + text(vs) + ":[" + Addresses.format(r.first()) + "," + r.port()
                                + "] and real server " + rsText(rs, vs) + " ports don't match");
                    }
                }
                if (vs.sorry != null && !vs.sorry.forwarding.method().isNat() && vs.sorry.port != 0 && r.port() != vs.sorry.port) {
                    error(vs.location, "WARNING - virtual server " + text(vs) + ", sorry server has port specified - port will be ignored");
                }
            }
            return;
        }
        boolean fwmark = vs.key instanceof VirtualServer.Fwmark;
        int vsPort = vs.key instanceof VirtualServer.Address a ? a.port() : 0;
        for (CheckData.ServerDraft rs : servers) {
            if (rs.forwarding.method().isNat()) {
                if (!fwmark && rs.port == 0) {
                    rs.port = vsPort;
                }
                continue;
            }
            if (fwmark) {
                if (rs.port != 0) {
                    error(rs.location, "WARNING - fwmark virtual server " + text(vs) + ", real server " + rsText(rs, vs) + " has port specified - clearing");
                    rs.port = 0;
                }
            } else if (rs.port == 0) {
                rs.port = vsPort;
            } else if (vsPort != rs.port) {
                error(rs.location, "WARNING - virtual server " + text(vs) + " and real server " + rsText(rs, vs) + " ports don't match - resetting");
                rs.port = vsPort;
            }
        }
        if (vs.sorry != null && !vs.sorry.forwarding.method().isNat()) {
            if (fwmark) {
                if (vs.sorry.port != 0) {
                    error(vs.location, "WARNING - virtual server " + text(vs) + ", sorry server has port specified - clearing");
                    vs.sorry.port = 0;
                }
            } else if (vs.sorry.port == 0) {
                vs.sorry.port = vsPort;
            } else if (vsPort != vs.sorry.port) {
                error(vs.location, "WARNING - virtual server " + text(vs) + " and sorry server ports don't match - resetting");
                vs.sorry.port = vsPort;
            }
        }
    }

    private RealServer realServer(CheckData.VsDraft vs, CheckData.ServerDraft rs) {
        List<Checker> checkers = new ArrayList<>();
        for (CheckData.CheckerDraft c : rs.checkers) {
            checkers.add(checker(vs, rs, c));
        }
        return new RealServer(rs.location, rs.address, rs.port, rs.weight.intValue(), rs.forwarding, rs.upperThreshold,
                rs.lowerThreshold, rs.inhibit, rs.alpha, Optional.ofNullable(rs.notifyUp), Optional.ofNullable(rs.notifyDown),
                rs.smtpAlert, Optional.ofNullable(rs.virtualhost), Optional.ofNullable(rs.snmpName), checkers);
    }

    private Checker checker(CheckData.VsDraft vs, CheckData.ServerDraft rs, CheckData.CheckerDraft c) {
        boolean alpha = c.alpha != null ? c.alpha : rs.alpha;
        long retry = c.retry != null ? c.retry : rs.retry != null ? rs.retry : c.defaultRetry;
        long delayLoop = c.delayLoop != null ? c.delayLoop : rs.delayLoop;
        long warmup = c.warmup != null ? c.warmup : rs.warmup != null ? rs.warmup : delayLoop;
        long dbr = c.delayBeforeRetry != null ? c.delayBeforeRetry
                : rs.delayBeforeRetry != null ? rs.delayBeforeRetry
                : c.defaultDelayBeforeRetry != 0 ? c.defaultDelayBeforeRetry : delayLoop;
        CheckerTiming timing = new CheckerTiming((int) retry, Drafts.micros(dbr), Drafts.micros(warmup),
                Drafts.micros(delayLoop), alpha, c.logAllFailures);
        Connection connection = new Connection(c.address, c.port != null ? c.port : rs.port, Optional.ofNullable(c.bindTo),
                Drafts.optionalInt(c.bindPort), Optional.ofNullable(c.bindInterface),
                Drafts.micros((long) (c.connectTimeout != null ? c.connectTimeout : rs.connectTimeout)), Drafts.optionalLong(c.fwmark));
        return switch (c.kind) {
            case TCP -> new Checker.TcpCheck(c.location, connection, timing);
            case PING -> new Checker.PingCheck(c.location, connection, timing);
            case HTTP, SSL -> new Checker.HttpGet(c.location, c.kind == CheckData.CheckerDraft.Kind.SSL, connection, timing,
                    c.httpProtocol, Optional.ofNullable(c.virtualhost), c.enableSni, c.fastRecovery, c.urls);
            case MISC -> new Checker.MiscCheck(c.location, new Script(c.location, c.command, Optional.ofNullable(c.user),
                    Optional.ofNullable(c.group)), Drafts.micros(c.miscTimeout != 0 ? c.miscTimeout : vs.delayLoop), c.dynamic, timing);
            case SMTP -> new Checker.SmtpCheck(c.location, connection, timing, c.helo);
            case DNS -> new Checker.DnsCheck(c.location, connection, timing, c.dnsType, c.dnsName);
            case UDP -> new Checker.UdpCheck(c.location, connection, timing, Optional.ofNullable(c.payload).map(Checker.Bytes::of),
                    c.requireReply, Optional.ofNullable(c.reply).map(Checker.Bytes::of), Optional.ofNullable(c.replyMask).map(Checker.Bytes::of),
                    (int) c.minReply, (int) c.maxReply);
            case FILE -> new Checker.FileCheck(c.location, c.trackFile, c.fileWeight, c.fileReverse);
            case BFD -> new Checker.BfdCheck(c.location, c.bfd, alpha);
        };
    }

    /** The checker scripts and their security ({@code check_check_script_security}). */
    private void scriptSecurity() {
        if (data.servers.isEmpty()) {
            return;
        }
        int flags = 0;
        for (CheckData.VsDraft vs : data.servers) {
            for (CheckData.ServerDraft rs : vs.realServers) {
                if (!hasMisc(rs)) {
                    continue; // most: nothing to check, no copy of the list to make
                }
                for (CheckData.CheckerDraft c : new ArrayList<>(rs.checkers)) {
                    if (c.kind != CheckData.CheckerDraft.Kind.MISC) {
                        continue;
                    }
                    Script s = new Script(c.location, c.command, Optional.ofNullable(c.user), Optional.ofNullable(c.group));
                    ScriptSecurity.Checked checked = new ScriptSecurity(ctx).check(c.command, ctx.scripts.accountOf(s), c.location);
                    int f = checked.flags();
                    flags |= f;
                    c.command = checked.command();
                    if ((f & ScriptSecurity.INHIBIT) != 0) {
                        ctx.report(c.location, Severity.NOTE, "Disabling misc script " + ScriptFactory.text(c.command) + " due to insecure");
                        rs.checkers.remove(c);
                    } else if ((f & ScriptSecurity.NOT_FOUND) != 0) {
                        ctx.report(c.location, Severity.NOTE, "Disabling misc script " + ScriptFactory.text(c.command) + " since not found/accessible");
                        rs.checkers.remove(c);
                    } else if ((f & (ScriptSecurity.EXECUTABLE | ScriptSecurity.SYSTEM)) == 0) {
                        rs.checkers.remove(c);
                    }
                }
            }
            flags |= scripts.notifyScript(() -> vs.quorumUp, s -> vs.quorumUp = s);
            flags |= scripts.notifyScript(() -> vs.quorumDown, s -> vs.quorumDown = s);
            for (CheckData.ServerDraft rs : vs.realServers) {
                flags |= scripts.notifyScript(() -> rs.notifyUp, s -> rs.notifyUp = s);
                flags |= scripts.notifyScript(() -> rs.notifyDown, s -> rs.notifyDown = s);
            }
        }
        flags |= scripts.notifyScript(() -> ctx.global.notifyFifo.script, s -> ctx.global.notifyFifo.script = s);
        flags |= scripts.notifyScript(() -> ctx.global.lvsNotifyFifo.script, s -> ctx.global.lvsNotifyFifo.script = s);
        if (!ctx.global.scriptSecurity && (flags & ScriptSecurity.IS_SCRIPT) != 0) {
            ctx.report(Location.NONE, Severity.SECURITY, "SECURITY VIOLATION - check scripts are being executed but script_security not enabled."
                    + ((flags & ScriptSecurity.INSECURE) != 0 ? " There are insecure scripts." : ""));
        }
    }

    // Loops, not streams, for what runs once per virtual or real server: a stream's pipeline
    // costs more than the test, before the JIT has inlined it (100,000 virtual servers: ~30 ms).

    private static boolean duplicate(List<CheckData.ServerDraft> servers, CheckData.ServerDraft rs) {
        for (CheckData.ServerDraft o : servers) {
            if (o.address.equals(rs.address) && o.port == rs.port) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyFullNat(List<CheckData.ServerDraft> servers) {
        for (CheckData.ServerDraft rs : servers) {
            if (rs.forwarding.method() == Forwarding.Method.FNAT) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasMisc(CheckData.ServerDraft rs) {
        for (CheckData.CheckerDraft c : rs.checkers) {
            if (c.kind == CheckData.CheckerDraft.Kind.MISC) {
                return true;
            }
        }
        return false;
    }

    /** keepalived's {@code FMT_VS}. */
    static String text(CheckData.VsDraft vs) {
        return switch (vs.key) {
            case VirtualServer.Group g -> "[" + g.name() + "]:0";
            case VirtualServer.Fwmark f -> "FWM " + f.mark();
            case VirtualServer.Address a -> "[" + Addresses.format(a.address()) + "]:" + proto(vs) + ":" + a.port();
        };
    }

    private static String proto(CheckData.VsDraft vs) {
        return vs.protocol == null ? "none" : vs.protocol.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** keepalived's {@code FMT_RS}. */
    static String rsText(CheckData.ServerDraft rs, CheckData.VsDraft vs) {
        return "[" + Addresses.format(rs.address) + "]:" + proto(vs) + ":" + rs.port;
    }
}
