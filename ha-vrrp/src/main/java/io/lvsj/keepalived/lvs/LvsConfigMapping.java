package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.IpProtocol;
import io.lvsj.ipvs.ServiceFlags;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.Timeouts;
import io.lvsj.ipvs.TunnelType;
import io.lvsj.keepalived.check.Addresses;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.Octets;
import io.lvsj.keepalived.check.StatusCodes;
import io.lvsj.keepalived.check.net.Endpoint;
import io.lvsj.keepalived.config.Checker;
import io.lvsj.keepalived.config.CheckerTiming;
import io.lvsj.keepalived.config.Connection;
import io.lvsj.keepalived.config.GlobalDefs;
import io.lvsj.fullnat.FullNatService;
import io.lvsj.fullnat.FullNatTable;
import io.lvsj.keepalived.config.KeepalivedConfig;
import io.lvsj.keepalived.lib.NotifyFifoConfig;
import io.lvsj.keepalived.script.RunAs;
import io.lvsj.keepalived.script.ScriptUsers;
import io.lvsj.keepalived.config.LocalAddressGroup;
import io.lvsj.keepalived.config.RealServer;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.TrackFile;
import io.lvsj.keepalived.config.VirtualServer;
import io.lvsj.keepalived.config.VirtualServerGroup;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The keepalived.conf model turned into what the checker process runs: the one place that knows
 * both. The model has already applied keepalived's defaults and inheritance; this maps names
 * and values, and expands virtual server groups into their services.
 */
public final class LvsConfigMapping {
    private LvsConfigMapping() {
    }

    /** Every virtual server; what keepalived-j cannot do is reported through {@code warn} and left out. */
    public static List<VirtualServerSpec> virtualServers(KeepalivedConfig config, Consumer<String> warn) {
        List<VirtualServerSpec> out = new ArrayList<>();
        // the account of scripts without one of their own: looked up in the user database once
        // per reading, not once per MISC_CHECK and notify script
        RunAs scriptDefault = ScriptUsers.byDefault(config.global().scripts());
        for (VirtualServer vs : config.virtualServers()) {
            out.add(virtualServer(config, scriptDefault, vs, warn));
        }
        return out;
    }

    /**
     * Which virtual servers ({@code smtp_alert}, off unless set) and real servers (on unless
     * set off) the checkers' e-mail alerts are about, by the ids {@link #virtualServers} gives them.
     */
    public static MailPolicy mailPolicy(KeepalivedConfig config, List<VirtualServerSpec> specs) {
        java.util.Set<VirtualServerId> vss = new java.util.HashSet<>();
        java.util.Set<java.util.Map.Entry<VirtualServerId, RealServerKey>> rss = new java.util.HashSet<>();
        List<VirtualServer> configured = config.virtualServers();
        for (int i = 0; i < configured.size() && i < specs.size(); i++) {
            VirtualServer vs = configured.get(i);
            VirtualServerSpec spec = specs.get(i);
            if (vs.smtpAlert()) {
                vss.add(spec.id());
            }
            for (int j = 0; j < vs.realServers().size() && j < spec.realServers().size(); j++) {
                if (vs.realServers().get(j).smtpAlert()) {
                    rss.add(java.util.Map.entry(spec.id(), spec.realServers().get(j).key()));
                }
            }
        }
        return new MailPolicy(java.util.Set.copyOf(vss), java.util.Set.copyOf(rss),
                config.global().notification().noCheckerEmails());
    }

    /** The servers the checkers' alerts are about; see {@link #mailPolicy}. */
    public record MailPolicy(java.util.Set<VirtualServerId> virtualServers,
                             java.util.Set<java.util.Map.Entry<VirtualServerId, RealServerKey>> realServers,
                             boolean noCheckerEmails) {
        public boolean mailsAbout(VirtualServerId vs) {
            return virtualServers.contains(vs);
        }

        public boolean mailsAbout(VirtualServerId vs, RealServerKey rs) {
            return realServers.contains(java.util.Map.entry(vs, rs));
        }
    }

    static VirtualServerSpec virtualServer(KeepalivedConfig config, RunAs scriptDefault, VirtualServer vs,
                                           Consumer<String> warn) {
        Optional<IpProtocol> protocol = vs.protocol().map(LvsConfigMapping::protocol);
        List<ServiceKey> services = services(config, vs, protocol);
        VirtualServerId id = switch (vs.key()) {
            case VirtualServer.Group g -> VirtualServerId.ofGroup(g.name(), protocol.orElse(null));
            default -> VirtualServerId.of(services.getFirst());
        };
        List<RealServerSpec> realServers = new ArrayList<>();
        for (RealServer rs : vs.realServers()) {
            realServers.add(realServer(config, scriptDefault, vs, rs, warn));
        }
        Optional<SorryServerSpec> sorry = vs.sorryServer().map(s -> new SorryServerSpec(s.address(), s.port(),
                forwarding(s.forwarding()), s.inhibit()));
        return new VirtualServerSpec(id, name(vs), services, template(vs), realServers, sorry, vs.quorum(),
                vs.hysteresis(), vs.quorumUp().map(s -> command(scriptDefault, s)), vs.quorumDown().map(s -> command(scriptDefault, s)),
                vs.omega(), vs.haSuspend(), vs.drainOnReload(), vs.vipBindDevice());
    }

    /** keepalived's {@code FMT_VS}: {@code [192.0.2.1]:tcp:80}, {@code FWM 5}, {@code [GROUP]:0}. */
    static String name(VirtualServer vs) {
        String proto = vs.protocol().map(p -> p.name().toLowerCase(Locale.ROOT)).orElse("none");
        return switch (vs.key()) {
            case VirtualServer.Group g -> "[" + g.name() + "]:0";
            case VirtualServer.Fwmark f -> "FWM " + f.mark();
            case VirtualServer.Address a -> "[" + io.lvsj.keepalived.check.Addresses.text(a.address()) + "]:" + proto
                    + ":" + a.port();
        };
    }

    static IpProtocol protocol(VirtualServer.Protocol p) {
        return switch (p) {
            case TCP -> IpProtocol.TCP;
            case UDP -> IpProtocol.UDP;
            case SCTP -> IpProtocol.SCTP;
        };
    }

    /** The IPVS services of a virtual server: one, or one per address of its group's ranges and per mark. */
    static List<ServiceKey> services(KeepalivedConfig config, VirtualServer vs, Optional<IpProtocol> protocol) {
        AddressFamily markFamily = vs.ipv6().orElse(false) ? AddressFamily.INET6 : AddressFamily.INET;
        return switch (vs.key()) {
            case VirtualServer.Address a -> List.of(new ServiceKey.Inet(protocol.orElse(IpProtocol.UDP), a.address(),
                    a.port()));
            case VirtualServer.Fwmark f -> List.of(ServiceKey.fwmark((int) f.mark(), markFamily));
            case VirtualServer.Group g -> {
                VirtualServerGroup group = config.virtualServerGroups().stream()
                        .filter(x -> x.name().equals(g.name())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("virtual_server_group " + g.name() + " is not defined"));
                List<ServiceKey> keys = new ArrayList<>();
                for (VirtualServerGroup.Entry e : group.entries()) {
                    switch (e) {
                        case VirtualServerGroup.AddressRange r -> {
                            if (protocol.isPresent()) {
                                for (InetAddress a : range(r.first(), r.last())) {
                                    keys.add(new ServiceKey.Inet(protocol.get(), a, r.port()));
                                }
                            }
                        }
                        case VirtualServerGroup.Fwmark f -> keys.add(ServiceKey.fwmark((int) f.mark(),
                                f.ipv6().map(v6 -> v6 ? AddressFamily.INET6 : AddressFamily.INET).orElse(markFamily)));
                    }
                }
                yield keys;
            }
        };
    }

    /** The addresses from {@code first} to {@code last}, as keepalived walks a range (the last byte or 16-bit word). */
    static List<InetAddress> range(InetAddress first, InetAddress last) {
        List<InetAddress> out = new ArrayList<>();
        BigInteger from = new BigInteger(1, first.getAddress());
        BigInteger to = new BigInteger(1, last.getAddress());
        int length = first.getAddress().length;
        for (BigInteger v = from; v.compareTo(to) <= 0; v = v.add(BigInteger.ONE)) {
            byte[] raw = v.toByteArray();
            byte[] bytes = new byte[length];
            System.arraycopy(raw, Math.max(0, raw.length - length), bytes, Math.max(0, length - raw.length),
                    Math.min(length, raw.length));
            try {
                out.add(InetAddress.getByAddress(bytes));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    static ServiceTemplate template(VirtualServer vs) {
        int flags = 0;
        for (VirtualServer.Flag f : vs.flags()) {
            flags |= switch (f) {
                case OPS -> ServiceFlags.ONEPACKET;
                case HASHED -> 0; // kernel-internal; the kernel sets it itself
                case FLAG_1, SH_FALLBACK, MH_FALLBACK -> ServiceFlags.SCHED1;
                case FLAG_2, SH_PORT, MH_PORT -> ServiceFlags.SCHED2;
                case FLAG_3 -> ServiceFlags.SCHED3;
            };
        }
        ServiceTemplate t = new ServiceTemplate(vs.scheduler(), new ServiceFlags(flags), 0, Optional.empty(),
                vs.persistenceEngine().orElse(""));
        if (vs.persistenceTimeout().isPresent()) {
            t = t.withPersistence((int) vs.persistenceTimeout().getAsLong(), vs.persistenceGranularity()
                    .map(LvsConfigMapping::granularity));
        }
        return t;
    }

    /** {@code persistence_granularity} as the kernel takes it: an IPv4 mask as a number, or an IPv6 prefix length. */
    static int granularity(String text) {
        if (!text.contains(".")) {
            return Integer.parseInt(text);
        }
        try {
            byte[] b = InetAddress.getByName(text).getAddress();
            return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("persistence_granularity " + text, e);
        }
    }

    static Forwarding forwarding(io.lvsj.keepalived.config.Forwarding f) {
        return switch (f.method()) {
            case NAT, FNAT -> Forwarding.NAT; // FullNAT: NAT in IPVS, the source NAT is the fullnat module's

            case DR -> Forwarding.DR;
            case TUN -> new Forwarding(ForwardingMethod.TUNNEL, switch (f.tunnelType()) {
                case IPIP -> TunnelType.IPIP;
                case GUE -> TunnelType.GUE;
                case GRE -> TunnelType.GRE;
            }, f.tunnelPort().orElse(0), switch (f.checksum()) {
                case NOCSUM -> TunnelType.FLAG_NOCSUM;
                case CSUM -> TunnelType.FLAG_CSUM;
                case REMCSUM -> TunnelType.FLAG_REMCSUM;
            });
        };
    }

    /**
     * The FullNAT table of the configuration (keepalived-j's extension): for each service of a
     * virtual server that uses {@code lb_kind FNAT}, its {@code laddr_group_name} addresses and
     * its FullNAT real servers (and sorry server). The parser has checked the groups.
     */
    public static FullNatTable fullNat(KeepalivedConfig config) {
        FullNatTable table = FullNatTable.empty();
        for (VirtualServer vs : config.virtualServers()) {
            if (!vs.usesFullNat() || vs.localAddressGroup().isEmpty()) {
                continue;
            }
            List<InetAddress> lips = config.localAddressGroup(vs.localAddressGroup().get())
                    .map(LocalAddressGroup::addresses).orElse(List.of());
            List<io.lvsj.fullnat.RealServer> servers = new ArrayList<>();
            for (RealServer rs : vs.realServers()) {
                if (rs.forwarding().method() == io.lvsj.keepalived.config.Forwarding.Method.FNAT) {
                    servers.add(new io.lvsj.fullnat.RealServer(rs.address(), rs.port()));
                }
            }
            vs.sorryServer().filter(s -> s.forwarding().method() == io.lvsj.keepalived.config.Forwarding.Method.FNAT)
                    .ifPresent(s -> servers.add(new io.lvsj.fullnat.RealServer(s.address(), s.port())));
            for (ServiceKey key : services(config, vs, vs.protocol().map(LvsConfigMapping::protocol))) {
                if (!(key instanceof ServiceKey.Inet inet)) {
                    continue;
                }
                FullNatService s = table.service(inet).orElse(FullNatService.empty(inet));
                for (InetAddress lip : lips) {
                    if (!s.localAddresses().contains(lip)) {
                        s = s.withLocalAddress(lip);
                    }
                }
                for (io.lvsj.fullnat.RealServer r : servers) {
                    s = s.withRealServer(r);
                }
                table = table.with(s);
            }
        }
        return table;
    }

    /**
     * The addresses VRRP keeps (every instance's virtual and excluded addresses): a FullNAT local
     * address among them follows the master with VRRP, so FullNAT must not add it itself (on
     * a backup it would then be on two directors at once).
     */
    public static java.util.Set<InetAddress> vrrpAddresses(KeepalivedConfig config) {
        java.util.Set<InetAddress> out = new java.util.HashSet<>();
        for (io.lvsj.keepalived.config.VrrpInstance i : config.vrrpInstances()) {
            i.virtualAddresses().forEach(a -> out.add(a.address()));
            i.excludedAddresses().forEach(a -> out.add(a.address()));
        }
        return out;
    }

    static RealServerSpec realServer(KeepalivedConfig config, RunAs scriptDefault, VirtualServer vs, RealServer rs,
                                     Consumer<String> warn) {
        List<CheckSpec> checks = new ArrayList<>();
        for (Checker c : rs.checkers()) {
            check(config, scriptDefault, vs, rs, c, warn).ifPresent(checks::add);
        }
        return new RealServerSpec(rs.address(), rs.port(), forwarding(rs.forwarding()), rs.weight(),
                (int) Math.min(Integer.MAX_VALUE, rs.upperThreshold()), (int) Math.min(Integer.MAX_VALUE, rs.lowerThreshold()),
                rs.inhibitOnFailure(), rs.notifyUp().map(s -> command(scriptDefault, s)),
                rs.notifyDown().map(s -> command(scriptDefault, s)), checks);
    }

    static Optional<CheckSpec> check(KeepalivedConfig config, RunAs scriptDefault, VirtualServer vs, RealServer rs,
                                     Checker c, Consumer<String> warn) {
        return Optional.ofNullable(switch (c) {
            case Checker.TcpCheck t -> new CheckSpec.Tcp(endpoint(t.connection()), timing(t.timing()));
            case Checker.HttpGet h -> new CheckSpec.Http(httpEndpoint(h, warn), timing(h.timing()), h.ssl(),
                    switch (h.protocol()) {
                        case HTTP_1_0 -> CheckSpec.HttpVersion.HTTP_1_0;
                        case HTTP_1_0C -> CheckSpec.HttpVersion.HTTP_1_0C;
                        case HTTP_1_1 -> CheckSpec.HttpVersion.HTTP_1_1;
                    }, h.virtualhost().or(rs::virtualhost).or(vs::virtualhost), h.enableSni(),
                    h.virtualhost().or(vs::virtualhost), h.fastRecovery(),
                    h.urls().stream().map(u -> url(u, c, warn)).toList());
            case Checker.MiscCheck m -> {
                RunAs who = ScriptUsers.of(m.script(), scriptDefault);
                yield new CheckSpec.Misc(m.script().command(), who.userName(), who.groupName(), m.timeout(), m.dynamic(),
                        timing(m.timing()));
            }
            case Checker.SmtpCheck s -> new CheckSpec.Smtp(endpoint(s.connection()), timing(s.timing()), s.heloName());
            case Checker.DnsCheck d -> new CheckSpec.Dns(endpoint(d.connection()), timing(d.timing()),
                    CheckSpec.DnsType.valueOf(d.type().toUpperCase(Locale.ROOT)), d.name());
            case Checker.UdpCheck u -> new CheckSpec.Udp(endpoint(u.connection()), timing(u.timing()),
                    u.payload().map(b -> Octets.ofHex(b.hex())).orElse(Octets.EMPTY), u.requireReply(),
                    u.reply().map(b -> Octets.ofHex(b.hex())).orElse(Octets.EMPTY),
                    u.replyMask().map(b -> Octets.ofHex(b.hex())).orElse(Octets.EMPTY), u.minReplyLength(),
                    u.maxReplyLength());
            case Checker.PingCheck p -> new CheckSpec.Ping(endpoint(p.connection()), timing(p.timing()));
            case Checker.FileCheck f -> {
                TrackFile file = config.trackFiles().stream().filter(t -> t.name().equals(f.trackFile())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("track_file " + f.trackFile() + " is not defined"));
                yield new CheckSpec.File(f.trackFile(), Path.of(file.path()), f.weight(), f.reverse());
            }
            case Checker.BfdCheck b -> new CheckSpec.Bfd(b.bfdInstance(), b.alpha());
        });
    }

    /**
     * SSL_GET runs TLS on JDK sockets, which cannot carry {@code fwmark} or {@code bind_if}: such
     * a check runs without them, and says so, rather than failing every try.
     */
    static Endpoint httpEndpoint(Checker.HttpGet h, Consumer<String> warn) {
        Endpoint e = endpoint(h.connection());
        if (h.ssl() && e.needsNativeSocket()) {
            warn.accept(h.location() + ": SSL_GET with fwmark or bind_if is not supported by keepalived-j;"
                    + " the check runs without them");
            return new Endpoint(e.address(), e.port(), e.bindTo(), e.bindPort(), Optional.empty(), e.connectTimeout(), 0);
        }
        return e;
    }

    static CheckSpec.HttpUrl url(Checker.Url u, Checker c, Consumer<String> warn) {
        StatusCodes codes = u.statusCodes().isEmpty() ? StatusCodes.DEFAULT
                : StatusCodes.of(u.statusCodes().stream().map(r -> new int[]{r.from(), r.to()}).toList());
        Optional<String> regex = u.regex().map(r -> regexFlags(u.regexOptions(), c, warn) + r);
        return new CheckSpec.HttpUrl(u.path(), u.digest(), codes, u.virtualhost(), regex, u.regexNoMatch(),
                (int) Math.min(Integer.MAX_VALUE, u.regexMinOffset()), (int) Math.min(Integer.MAX_VALUE, u.regexMaxOffset()));
    }

    /** PCRE2 options keepalived accepts, as Java inline flags; the others are reported and dropped. */
    static String regexFlags(List<String> options, Checker c, Consumer<String> warn) {
        StringBuilder flags = new StringBuilder();
        for (String o : options) {
            switch (o) {
                case "caseless" -> flags.append('i');
                case "multiline" -> flags.append('m');
                case "dotall" -> flags.append('s');
                case "extended" -> flags.append('x');
                case "ucp", "utf" -> flags.append('U');
                default -> warn.accept(c.location() + ": regex_options " + o
                        + " has no equivalent in keepalived-j's (Java) regular expressions; ignored");
            }
        }
        return flags.isEmpty() ? "" : "(?" + flags + ")";
    }

    static Endpoint endpoint(Connection c) {
        return new Endpoint(c.address(), c.port(), c.bindTo(), c.bindPort().orElse(0), c.bindInterface(),
                c.connectTimeout(), (int) c.fwmark().orElse(0));
    }

    static CheckTiming timing(CheckerTiming t) {
        return new CheckTiming(t.delayLoop(), t.retry(), t.delayBeforeRetry(), t.warmup(), t.alpha(), t.logAllFailures());
    }

    /**
     * A notify or quorum script: it runs as its own {@code USER [GROUP]} (with the group named
     * after its own user), else as {@code scriptDefault}, the configuration's default account
     * ({@link ScriptUsers#byDefault}).
     */
    static NotifyCommand command(RunAs scriptDefault, Script s) {
        RunAs who = ScriptUsers.of(s, scriptDefault);
        return new NotifyCommand(s.command(), who.userName(), who.groupName());
    }

    /** {@code lvs_flush}, {@code lvs_flush_on_stop}, {@code lvs_timeouts}, {@code lvs_sloppy_tcp}/{@code _sctp}. */
    public static LvsSettings settings(KeepalivedConfig config, boolean dontReleaseIpvs) {
        GlobalDefs.Lvs lvs = config.global().lvs();
        Optional<Timeouts> timeouts = lvs.tcpTimeout().isPresent() || lvs.tcpFinTimeout().isPresent()
                || lvs.udpTimeout().isPresent()
                ? Optional.of(new Timeouts((int) lvs.tcpTimeout().orElse(0), (int) lvs.tcpFinTimeout().orElse(0),
                (int) lvs.udpTimeout().orElse(0)))
                : Optional.empty();
        LvsSettings.FlushOnStop flushOnStop = switch (lvs.flushOnStop()) {
            case NONE -> LvsSettings.FlushOnStop.NONE;
            case VS -> LvsSettings.FlushOnStop.VS;
            case FULL -> LvsSettings.FlushOnStop.FULL;
        };
        return new LvsSettings(lvs.flush(), flushOnStop, timeouts, dontReleaseIpvs, lvs.sloppyTcp(), lvs.sloppySctp());
    }

    /**
     * {@code lvs_sync_daemon}: run only when it names a VRRP instance (as keepalived 2.2.7 does),
     * with that instance's virtual router id when no {@code id} is given.
     */
    public static Optional<SyncDaemonSpec> syncDaemon(KeepalivedConfig config) {
        Optional<GlobalDefs.SyncDaemon> sd = config.global().lvs().syncDaemon();
        if (sd.isEmpty() || sd.get().instance().isEmpty()) {
            return Optional.empty();
        }
        GlobalDefs.SyncDaemon d = sd.get();
        String instance = d.instance().get();
        int vrid = config.vrrpInstance(instance).map(i -> i.virtualRouterId()).orElse(0);
        return Optional.of(new SyncDaemonSpec(d.interfaceName(), instance, d.syncId().orElse(vrid),
                d.maxLength().orElse(0), d.port().orElse(0), d.ttl().orElse(0), d.group()));
    }

    /** The FIFOs the checker writes to: {@code notify_fifo} (with its reader) and {@code lvs_notify_fifo}. */
    public static List<NotifyFifoConfig> fifos(KeepalivedConfig config) {
        return NotifyFifoConfig.forCheckers(config.global());
    }

}
