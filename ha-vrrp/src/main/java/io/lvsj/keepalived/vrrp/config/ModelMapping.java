package io.lvsj.keepalived.vrrp.config;

import io.lvsj.keepalived.config.GlobalDefs;
import io.lvsj.keepalived.config.IpAddress;
import io.lvsj.keepalived.config.KeepalivedConfig;
import io.lvsj.keepalived.config.NotifyScripts;
import io.lvsj.keepalived.config.Prefix;
import io.lvsj.keepalived.config.Route;
import io.lvsj.keepalived.config.Rule;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.TrackFile;
import io.lvsj.keepalived.config.TrackProcess;
import io.lvsj.keepalived.config.VrrpInstance;
import io.lvsj.keepalived.config.VrrpScript;
import io.lvsj.keepalived.config.VrrpSyncGroup;
import io.lvsj.keepalived.lib.NotifyFifoConfig;
import io.lvsj.keepalived.vrrp.wire.AuthType;
import io.lvsj.keepalived.vrrp.wire.Authentication;
import io.lvsj.keepalived.vrrp.wire.V3Checksum;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The keepalived.conf model (already defaulted and corrected as keepalived would) mapped onto
 * what the VRRP engine runs. Features the engine does not have yet are left out and named in
 * {@link Mapped#unsupported()}, one line each, so the daemon can say so instead of silently
 * behaving differently from keepalived.
 */
public final class ModelMapping {
    /** The VRRP configuration, and what of the file keepalived-j does not do yet. */
    public record Mapped(VrrpConfig config, List<String> unsupported) {
    }

    private ModelMapping() {
    }

    /** {@link #map(KeepalivedConfig, boolean)} when the checkers run if the configuration has virtual servers. */
    public static Mapped map(KeepalivedConfig model) {
        return map(model, model.hasCheckers());
    }

    /**
     * The VRRP side of {@code model}; {@code checkersRun} says whether keepalived-j's checker
     * side runs too (then it, not VRRP, runs the global {@code notify_fifo_script}).
     */
    public static Mapped map(KeepalivedConfig model, boolean checkersRun) {
        List<String> unsupported = new ArrayList<>();
        Map<String, VrrpSyncGroup> groupOf = model.syncGroups().stream()
                .flatMap(g -> g.members().stream().map(m -> Map.entry(m, g)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        List<VirtualRouterConfig> instances = new ArrayList<>();
        VirtualLinkNames linkNames = new VirtualLinkNames(model);
        for (VrrpInstance v : model.vrrpInstances()) {
            instance(v, groupOf.get(v.name()), linkNames, model.global().vrrp(), unsupported).ifPresent(instances::add);
        }
        List<SyncGroupConfig> groups = model.syncGroups().stream()
                .map(g -> new SyncGroupConfig(g.name(), g.members(), notify(g.notifyScripts()), g.smtpAlert()))
                .toList();
        List<VrrpScriptConfig> scripts = model.vrrpScripts().stream().map(ModelMapping::script).toList();
        List<TrackFileConfig> files = model.trackFiles().stream().map(ModelMapping::trackFile).toList();
        GlobalDefs g = model.global();
        String defaultInterface = g.vrrp().defaultInterface();
        List<VirtualAddress> staticAddresses = model.staticAddresses().stream()
                .map(a -> address(a, defaultInterface)).toList();
        List<VirtualRoute> staticRoutes = model.staticRoutes().stream().map(ModelMapping::route).toList();
        List<NotifyFifoConfig> fifos = NotifyFifoConfig.forVrrp(g, checkersRun);
        if (g.namespaces().linkbeatUsePolling()) {
            unsupported.add("linkbeat_use_polling is not supported; interface state comes from netlink");
        }
        GlobalDefs.Firewall fw = g.firewall();
        VrrpGlobals globals = new VrrpGlobals(fw.vrrpTable().orElse("keepalived"), fw.vrrpPriority(), fw.counters(),
                fw.vrrpIfindex(), g.vrrp().disableLocalIgmp(), g.vrrp().startupDelay(), pacing(model),
                g.vrrp().logUnknownVrids(), g.vrrp().fifoWriteStatesOnReload(), g.notification());
        VrrpConfig config = new VrrpConfig(instances, groups, scripts, files, fifos,
                g.scripts().scriptUser().orElse(null), g.scripts().scriptSecurity(), staticAddresses, staticRoutes,
                globals, model.trackProcesses().stream().map(ModelMapping::trackProcess).toList(),
                model.staticRules().stream().map(ModelMapping::rule).toList(), g.scripts().scriptGroup().orElse(null));
        return new Mapped(config, List.copyOf(unsupported));
    }

    /**
     * keepalived's {@code mcast_daddr}: {@code mcast_dst_ip}, else {@code vrrp_mcast_group4/6};
     * a unicast instance keeps {@code vrrp_mcast_group4} for its compatible v3 checksum.
     */
    private static java.net.InetAddress multicastGroup(VrrpInstance v, GlobalDefs.VrrpDefaults defaults) {
        if (!v.unicastPeers().isEmpty()) {
            return defaults.multicastGroup4();
        }
        return v.multicastGroup().orElse(v.ipv6() ? defaults.multicastGroup6() : defaults.multicastGroup4());
    }

    /** keepalived's share of one instance in its socket's receive buffer ({@code vrrp_create_sockpool}). */
    static RxBuffer rxBuffer(VrrpInstance v, GlobalDefs.VrrpDefaults defaults) {
        if (v.kernelRxBufferSize() > 0) {
            return new RxBuffer.Fixed(v.kernelRxBufferSize());
        }
        GlobalDefs.RxBuffers policy = defaults.rxBuffers().orElse(null);
        if (policy == null) {
            return RxBuffer.NONE;
        }
        if (policy.size().isPresent()) {
            return new RxBuffer.Fixed(policy.size().getAsLong());
        }
        String kind = policy.policy().orElse("");
        return kind.equals("MTU") ? new RxBuffer.Mtu(defaults.rxBuffersMultiplier())
                : kind.equals("ADVERT") ? new RxBuffer.Adverts(defaults.rxBuffersMultiplier()) : RxBuffer.NONE;
    }

    /** keepalived paces only with an interval above 0 ({@code if (global_data->vrrp_garp_interval)}). */
    private static GarpPacing pacing(KeepalivedConfig model) {
        GlobalDefs.VrrpDefaults d = model.global().vrrp();
        GarpPacing.Pace defaults = new GarpPacing.Pace(positive(d.garpInterval()), positive(d.gnaInterval()));
        List<GarpPacing.Group> groups = model.garpGroups().stream()
                .filter(g -> !g.interfaces().isEmpty())
                .map(g -> new GarpPacing.Group(new GarpPacing.Pace(g.garpInterval(), g.gnaInterval()), g.interfaces()))
                .toList();
        return new GarpPacing(defaults, groups);
    }

    private static Optional<java.time.Duration> positive(java.time.Duration d) {
        return d == null || d.isZero() || d.isNegative() ? Optional.empty() : Optional.of(d);
    }

    private static Optional<VirtualRouterConfig> instance(VrrpInstance v, VrrpSyncGroup group,
                                                          VirtualLinkNames linkNames, GlobalDefs.VrrpDefaults defaults,
                                                          List<String> unsupported) {
        String name = "(" + v.name() + ") ";
        if (v.interfaceName().isEmpty()) {
            unsupported.add(name + "an instance without an interface is not supported yet; it is not run");
            return Optional.empty();
        }
        if (v.linkbeatUsePolling()) {
            unsupported.add(name + "linkbeat_use_polling is not supported; interface state comes from netlink");
        }
        List<Tracked> tracked = new ArrayList<>();
        v.trackInterfaces().forEach(t -> tracked.add(new Tracked(Tracked.Kind.INTERFACE, t.name(), t.weight(),
                t.reverse())));
        v.trackScripts().forEach(t -> tracked.add(new Tracked(Tracked.Kind.SCRIPT, t.name(), t.weight(),
                t.reverse())));
        v.trackFiles().forEach(t -> tracked.add(new Tracked(Tracked.Kind.FILE, t.name(), t.weight(), t.reverse())));
        v.trackProcesses().forEach(t -> tracked.add(new Tracked(Tracked.Kind.PROCESS, t.name(), t.weight(),
                t.reverse())));
        v.trackBfds().forEach(t -> tracked.add(new Tracked(Tracked.Kind.BFD, t.name(), t.weight(), t.reverse())));
        if (group != null) {
            // A sync group's trackers apply to every member; their weights only with sync_group_tracking_weight.
            Function<io.lvsj.keepalived.config.Tracked, Integer> weight = t -> group.trackingWeight() ? t.weight() : 0;
            group.trackInterfaces().forEach(t -> tracked.add(new Tracked(Tracked.Kind.INTERFACE, t.name(),
                    weight.apply(t), t.reverse())));
            group.trackScripts().forEach(t -> tracked.add(new Tracked(Tracked.Kind.SCRIPT, t.name(),
                    weight.apply(t), t.reverse())));
            group.trackFiles().forEach(t -> tracked.add(new Tracked(Tracked.Kind.FILE, t.name(), weight.apply(t),
                    t.reverse())));
            group.trackProcesses().forEach(t -> tracked.add(new Tracked(Tracked.Kind.PROCESS, t.name(),
                    weight.apply(t), t.reverse())));
            group.trackBfds().forEach(t -> tracked.add(new Tracked(Tracked.Kind.BFD, t.name(), weight.apply(t),
                    t.reverse())));
        }
        List<VirtualRoute> routes = v.virtualRoutes().stream().map(ModelMapping::route).toList();
        String iface = v.interfaceName().get();
        VrrpInstance.Garp garp = v.garp();
        List<AddressVmac> addressVmacs = addressVmacs(v, linkNames);
        return Optional.of(VirtualRouterConfig.builder(v.name(), iface, v.virtualRouterId())
                .priority(v.priority())
                .initialMaster(v.initialState() == VrrpInstance.State.MASTER)
                .version(v.version())
                .advertIntervalCentis((int) (v.advertInterval().toMillis() / 10))
                .virtualAddresses(v.virtualAddresses().stream().map(a -> address(a, null)).toList())
                .excludedAddresses(v.excludedAddresses().stream().map(a -> address(a, null)).toList())
                .sourceAddress(v.sourceAddress().orElse(null))
                .unicastPeers(v.unicastPeers().stream().map(VrrpInstance.UnicastPeer::address).toList())
                .unicastTtl(v.unicastTtl())
                .authentication(v.authentication().map(a -> Authentication.of(
                        a.type() == VrrpInstance.Authentication.Type.AH ? AuthType.AH : AuthType.PASS, a.password()))
                        .orElse(Authentication.NONE))
                .nopreempt(v.nopreempt())
                .preemptDelay(v.preemptDelay())
                .downTimerAdverts(v.downTimerAdverts())
                .garp(new GarpSettings(garp.delay(), garp.repeat(), garp.refresh(), garp.refreshRepeat(),
                        garp.lowerPriorityDelay(), garp.lowerPriorityRepeat(), garpExtraInterval(v, addressVmacs),
                        garp.extraInterfacesAll()))
                .tracked(tracked)
                .notifyCommands(notify(v.notifyScripts()))
                .dontTrackPrimary(v.dontTrackPrimary())
                .lowerPrioNoAdvert(v.lowerPriorityNoAdvert())
                .higherPrioSendAdvert(v.higherPrioritySendAdvert())
                .skipCheckAdvAddr(v.skipCheckAdvertAddresses())
                .checkUnicastSource(v.checkUnicastSource())
                .v3Checksum(v.oldUnicastChecksum() == VrrpInstance.ChecksumCompatibility.ALWAYS
                        ? V3Checksum.PSEUDO_HEADER_MULTICAST_GROUP : V3Checksum.PSEUDO_HEADER)
                .notifyPriorityChanges(v.notifyPriorityChanges())
                .virtualRoutes(routes)
                .virtualRules(v.virtualRules().stream().map(ModelMapping::rule).toList())
                .peerTtls(v.unicastPeers().stream().filter(p -> p.minTtl() != 0 || p.maxTtl() != 255).collect(
                        Collectors.toMap(VrrpInstance.UnicastPeer::address,
                                p -> new VirtualRouterConfig.TtlRange(p.minTtl(), p.maxTtl()), (a, b) -> a)))
                .virtualLink(virtualLink(v, linkNames))
                .accept(v.accept())
                .notifyDeleted(v.notifyDeleted())
                .multicastGroup(multicastGroup(v, defaults))
                .promoteSecondaries(v.promoteSecondaries())
                .smtpAlert(v.smtpAlert())
                .addressVmacs(addressVmacs)
                .configFault(v.configFaults() > 0)
                .rxBuffer(rxBuffer(v, defaults))
                .build());
    }

    /** {@code use_vmac} / {@code use_ipvlan}, with the name keepalived gives the link. */
    private static VirtualLink virtualLink(VrrpInstance v, VirtualLinkNames names) {
        if (v.vmac().isPresent()) {
            VrrpInstance.Vmac m = v.vmac().get();
            byte[] mac = m.mac().map(ModelMapping::mac)
                    .orElseGet(() -> VirtualLink.Macvlan.virtualRouterMac(v.virtualRouterId(), !v.ipv6()));
            return new VirtualLink.Macvlan(names.of(v), mac, m.transmitOnBase());
        }
        if (v.ipvlan().isPresent()) {
            VrrpInstance.Ipvlan i = v.ipvlan().get();
            VirtualLink.Ipvlan.Mode mode = switch (i.mode().orElse("bridge")) {
                case "private" -> VirtualLink.Ipvlan.Mode.PRIVATE;
                case "vepa" -> VirtualLink.Ipvlan.Mode.VEPA;
                default -> VirtualLink.Ipvlan.Mode.BRIDGE;
            };
            return new VirtualLink.Ipvlan(names.of(v), i.address().map(a -> address(a, null)).orElse(null), mode);
        }
        return null;
    }

    private static byte[] mac(String text) {
        String[] parts = text.split(":");
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) {
            mac[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return mac;
    }

    /**
     * keepalived's vrrp_complete_instance: which addresses get a VMAC of their own, one per
     * interface and family. An address on another interface does with {@code use_vmac_addr} or
     * its own {@code use_vmac}; one on the instance's interface does with its own
     * {@code use_vmac} when the instance has none, or with {@code use_vmac_addr} when its family
     * is not the instance's. The MAC is the instance's {@code use_vmac} MAC if it names one.
     */
    private static List<AddressVmac> addressVmacs(VrrpInstance v, VirtualLinkNames names) {
        String iface = v.interfaceName().orElseThrow();
        Optional<byte[]> instanceMac = v.vmac().flatMap(VrrpInstance.Vmac::mac).map(ModelMapping::mac);
        List<AddressVmac> out = new ArrayList<>();
        for (IpAddress a : java.util.stream.Stream.concat(v.virtualAddresses().stream(), v.excludedAddresses().stream())
                .toList()) {
            boolean own = a.device().isEmpty() || a.device().get().equals(iface);
            boolean gets = own ? a.useVmac() && v.vmac().isEmpty() || v.useVmacAddress() && a.isIpv6() != v.ipv6()
                    : a.useVmac() || v.useVmacAddress();
            String parent = a.device().orElse(iface);
            if (gets && out.stream().noneMatch(x -> x.carries(parent, a.isIpv6()))) {
                byte[] mac = instanceMac.orElseGet(() -> VirtualLink.Macvlan.virtualRouterMac(v.virtualRouterId(),
                        !a.isIpv6()));
                out.add(new AddressVmac(names.forAddresses(v, a.isIpv6()), parent, mac, a.isIpv6()));
            }
        }
        return out;
    }

    /**
     * {@code garp_extra_if} as keepalived's vrrp_complete_instance leaves it: off (zero) unless
     * some VIP or excluded VIP is on an interface other than the instance's, and, when none of
     * those is an address VMAC, unless {@code all}.
     */
    private static Duration garpExtraInterval(VrrpInstance v, List<AddressVmac> addressVmacs) {
        Duration interval = v.garp().extraInterfacesInterval().orElse(Duration.ZERO);
        String own = v.interfaceName().orElse(null);
        boolean onVmac = false;
        boolean elsewhere = false;
        for (IpAddress a : java.util.stream.Stream.concat(v.virtualAddresses().stream(), v.excludedAddresses().stream())
                .toList()) {
            String device = a.device().orElse(own);
            if (addressVmacs.stream().anyMatch(x -> x.carries(device, a.isIpv6()))) {
                onVmac = true;
            } else if (!device.equals(own)) {
                elsewhere = true;
            }
        }
        return onVmac || elsewhere && v.garp().extraInterfacesAll() ? interval : Duration.ZERO;
    }

    private static VirtualAddress address(IpAddress a, String defaultDevice) {
        int flags = 0;
        for (IpAddress.Flag f : a.flags()) {
            flags |= switch (f) {
                case HOME -> 0x10;           // IFA_F_HOMEADDRESS
                case NODAD -> 0;             // "-nodad": keep duplicate address detection
                case MNGTMPADDR -> 0x100;    // IFA_F_MANAGETEMPADDR
                case NOPREFIXROUTE -> 0x200; // IFA_F_NOPREFIXROUTE
                case AUTOJOIN -> 0x400;      // IFA_F_MCAUTOJOIN
            };
        }
        if (a.isIpv6() && !a.flags().contains(IpAddress.Flag.NODAD)) {
            flags |= VirtualAddress.FLAG_NODAD;
        }
        return new VirtualAddress(a.address(), a.prefixLength(), a.device().orElse(defaultDevice),
                a.scope().orElse(VirtualAddress.SCOPE_GLOBAL), a.label().orElse(null), a.broadcast().orElse(null),
                a.noTrack(), a.peer().orElse(null), flags, a.preferredLifetime()
                .orElse(VirtualAddress.defaultPreferredLifetime(a.address(), a.prefixLength())));
    }

    private static VirtualRoute route(Route r) {
        // ttl-propagate (RTA_TTL_PROPAGATE) is MPLS's: the kernel takes it on an IPv4 or IPv6
        // route and ignores it, so the route keepalived adds with it is the route without it.
        Map<Integer, Long> metrics = new java.util.TreeMap<>();
        int locked = 0;
        for (Map.Entry<Route.Metric, Long> m : r.metrics().entrySet()) {
            int rtax = rtax(m.getKey());
            if (rtax > 0) {
                metrics.put(rtax, m.getValue());
                if (r.locked().contains(m.getKey())) {
                    locked |= 1 << rtax;
                }
            }
        }
        List<RouteOptions.NextHop> hops = r.nextHops().stream().map(h -> new RouteOptions.NextHop(h.via().orElse(null),
                h.device().orElse(null), h.weight().orElse(1), h.onlink(), h.realms().orElse(0))).toList();
        RouteOptions options = new RouteOptions(r.type(), r.protocol().orElse(RouteOptions.KEEPALIVED), r.tos().orElse(0),
                r.from().map(Prefix::address).orElse(null), r.from().map(Prefix::length).orElse(0), r.onlink(),
                r.realms().orElse(0), metrics, locked, r.congestionControl().orElse(null), r.preference().orElse(-1),
                r.expires().orElse(-1), hops, RouteOptions.Mode.valueOf(r.mode().name()));
        return new VirtualRoute(r.destination().address(), r.destination().length(), r.via().orElse(null),
                r.device().orElse(null), r.preferredSource().orElse(null), (int) r.metric().orElse(0),
                (int) r.table(), r.scope().orElse(0), r.ipv6(), options);
    }

    /** {@code RTAX_*} of a route metric keyword; 0 for ttl-propagate (an attribute of its own). */
    private static int rtax(Route.Metric m) {
        return switch (m) {
            case MTU -> 2;
            case WINDOW -> 3;
            case RTT -> 4;
            case RTTVAR -> 5;
            case SSTHRESH -> 6;
            case CWND -> 7;
            case ADVMSS -> 8;
            case REORDERING -> 9;
            case HOPLIMIT -> 10;
            case INITCWND -> 11;
            case FEATURES -> 12;
            case RTO_MIN -> 13;
            case INITRWND -> 14;
            case QUICKACK -> 15;
            case FASTOPEN_NO_COOKIE -> 17;
            case TTL_PROPAGATE -> 0;
        };
    }

    private static VirtualRule rule(Rule r) {
        return new VirtualRule(r.ipv6(), VirtualRule.Action.valueOf(r.action().name()), r.table().orElse(0),
                r.gotoTarget().orElse(0), r.from().map(Prefix::address).orElse(null), r.from().map(Prefix::length).orElse(0),
                r.to().map(Prefix::address).orElse(null), r.to().map(Prefix::length).orElse(0), r.invert(),
                r.preference(), r.tos().orElse(0), r.fwmark().orElse(0), r.fwmask().orElse(0), r.realms().orElse(0),
                r.suppressPrefixLength().orElse(-1), r.suppressGroup().orElse(-1), r.inputInterface().orElse(null),
                r.outputInterface().orElse(null), r.tunnelId().orElse(0),
                r.uidRange().map(Rule.PortRange::start).orElse(-1L), r.uidRange().map(Rule.PortRange::end).orElse(-1L),
                r.l3mdev(), r.protocol().orElse(-1), r.ipProtocol().orElse(-1),
                r.sourcePorts().map(Rule.PortRange::start).orElse(-1L), r.sourcePorts().map(Rule.PortRange::end).orElse(-1L),
                r.destinationPorts().map(Rule.PortRange::start).orElse(-1L),
                r.destinationPorts().map(Rule.PortRange::end).orElse(-1L));
    }

    private static NotifyCommands notify(NotifyScripts n) {
        return new NotifyCommands(command(n.master()), command(n.backup()), command(n.fault()), command(n.stop()),
                command(n.any()), command(n.masterRxLowerPriority()), command(n.deleted()));
    }

    /** A notify script runs as its own {@code USER [GROUP]}, else as {@code script_user} (keepalived's). */
    private static NotifyCommands.NotifyCommand command(Optional<Script> script) {
        return script.map(s -> new NotifyCommands.NotifyCommand(s.command(),
                new io.lvsj.keepalived.script.RunAs(s.user().orElse(null), s.group().orElse(null)))).orElse(null);
    }

    private static VrrpScriptConfig script(VrrpScript s) {
        return new VrrpScriptConfig(s.name(), s.script().command(), s.interval(), s.timeout(), s.weight(),
                s.reverse(), s.rise(), s.fall(), s.initFail(), s.script().user().orElse(null),
                s.script().group().orElse(null));
    }

    private static TrackProcessConfig trackProcess(TrackProcess p) {
        return new TrackProcessConfig(p.name(), p.process(), p.parameters(),
                TrackProcessConfig.ParamMatch.valueOf(p.paramMatch().name()), p.fullCommand(), p.quorum(), p.quorumMax(),
                p.forkDelay(), p.terminateDelay());
    }

    private static TrackFileConfig trackFile(TrackFile f) {
        return new TrackFileConfig(f.name(), Path.of(f.path()), f.weight(), f.reverse(), f.init().isPresent(),
                f.init().map(TrackFile.Init::value).orElse(0));
    }
}
