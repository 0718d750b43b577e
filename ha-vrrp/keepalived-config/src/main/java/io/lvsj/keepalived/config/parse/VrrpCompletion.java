package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.IpAddress;
import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.keepalived.config.Tracked;
import io.lvsj.keepalived.config.VrrpInstance;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The checks and defaults keepalived applies once the VRRP configuration is read
 * ({@code vrrp_complete_init} and {@code vrrp_complete_instance} in {@code vrrp.c}): script
 * security, minimal instance configuration, sync groups, versions, priorities, authentication,
 * strict mode, advert intervals, tracking weights, and VRID conflicts. When keepalived's VRRP
 * process would stop, {@link #completed()} is false.
 */
final class VrrpCompletion {
    private static final int DEFAULT_MTU = 1500;

    private final ParseContext ctx;
    private final VrrpData data;
    private final ScriptSecurity security;
    private boolean completed = true;

    VrrpCompletion(ParseContext ctx) {
        this.ctx = ctx;
        this.data = ctx.vrrp;
        this.security = new ScriptSecurity(ctx);
    }

    boolean completed() {
        return completed;
    }

    private void error(Location at, String message) {
        ctx.report(at, Severity.GENERAL, message);
    }

    void run() {
        GlobalDraft g = ctx.global;
        if (g.garpLowerPrioRepeat == null) {
            g.garpLowerPrioRepeat = g.garpRepeat;
        }
        if (g.garpLowerPrioDelay == null) {
            g.garpLowerPrioDelay = g.garpDelay;
        }
        scriptSecurity();
        for (VrrpData.InstanceDraft v : data.instances) {
            if (v.vrid == 0) {
                error(v.location, "(" + v.name + ") the virtual router id must be set");
                completed = false;
                return;
            }
            if (v.iface == null) {
                error(v.location, "(" + v.name + ") Unknown interface!");
                completed = false;
                return;
            }
        }
        for (Iterator<VrrpData.SyncGroupDraft> it = data.syncGroups.iterator(); it.hasNext(); ) {
            VrrpData.SyncGroupDraft sg = it.next();
            if (sg.members == null) {
                error(sg.location, "Sync group " + sg.name + " has no virtual router(s). removing");
                it.remove();
            } else if (!setGroup(sg)) {
                it.remove();
            }
        }
        for (VrrpData.InstanceDraft v : data.instances) {
            if (!completeInstance(v)) {
                completed = false;
                return;
            }
        }
        if (vridConflicts()) {
            completed = false;
            return;
        }
        for (VrrpData.TrackGroupDraft tg : data.trackGroups) {
            if (tg.instances == null || tg.instances.isEmpty()) {
                ctx.report(tg.location, Severity.NOTE, "Static track group " + tg.name + " has no virtual router(s)");
                continue;
            }
            for (String name : tg.instances) {
                if (data.findInstance(name) == null) {
                    ctx.report(tg.location, Severity.NOTE, "vrrp instance " + name + " specified in track group " + tg.name + " doesn't exist - ignoring");
                }
            }
        }
        syncGroupTracking();
    }

    // ---- scripts

    private void scriptSecurity() {
        if (data.instances.isEmpty()) {
            return;
        }
        int flags = 0;
        for (VrrpData.ScriptDraft s : data.scripts) {
            if (s.insecure) {
                continue;
            }
            Script script = new Script(s.location, s.command, java.util.Optional.ofNullable(s.user), java.util.Optional.ofNullable(s.group));
            ScriptSecurity.Checked checked = security.check(s.command, ctx.scripts.accountOf(script), s.location);
            int f = checked.flags();
            flags |= f;
            s.command = checked.command();
            if ((f & ScriptSecurity.INHIBIT) != 0) {
                error(s.location, "Disabling track script " + s.name + " due to insecure");
                s.insecure = true;
            } else if ((f & ScriptSecurity.NOT_FOUND) != 0) {
                error(s.location, "Disabling track script " + s.name + " since not found/accessible");
                s.insecure = true;
            } else if ((f & (ScriptSecurity.EXECUTABLE | ScriptSecurity.SYSTEM)) == 0) {
                s.insecure = true;
            }
        }
        for (VrrpData.InstanceDraft v : data.instances) {
            flags |= notifyScripts(v.notify);
            v.trackScripts.removeIf(t -> isInsecure(t.name()));
        }
        for (VrrpData.SyncGroupDraft sg : data.syncGroups) {
            flags |= notifyScripts(sg.notify);
            sg.trackScripts.removeIf(t -> isInsecure(t.name()));
        }
        flags |= fifoScript(ctx.global.notifyFifo);
        flags |= fifoScript(ctx.global.vrrpNotifyFifo);
        if (!ctx.global.scriptSecurity && (flags & ScriptSecurity.IS_SCRIPT) != 0) {
            ctx.report(Location.NONE, Severity.SECURITY, "SECURITY VIOLATION - scripts are being executed but script_security not enabled."
                    + ((flags & ScriptSecurity.INSECURE) != 0 ? " There are insecure scripts." : ""));
        }
        data.scripts.removeIf(s -> s.insecure);
    }

    private boolean isInsecure(String script) {
        VrrpData.ScriptDraft s = data.findScript(script);
        return s == null || s.insecure;
    }

    private int notifyScripts(VrrpData.NotifyDraft n) {
        int flags = 0;
        flags |= notifyScript(() -> n.master, s -> n.master = s);
        flags |= notifyScript(() -> n.backup, s -> n.backup = s);
        flags |= notifyScript(() -> n.fault, s -> n.fault = s);
        flags |= notifyScript(() -> n.stop, s -> n.stop = s);
        flags |= notifyScript(() -> n.deleted, s -> n.deleted = s);
        flags |= notifyScript(() -> n.any, s -> n.any = s);
        flags |= notifyScript(() -> n.masterRxLowerPri, s -> n.masterRxLowerPri = s);
        return flags;
    }

    private int fifoScript(GlobalDraft.Fifo fifo) {
        return notifyScript(() -> fifo.script, s -> fifo.script = s);
    }

    /** {@code check_notify_script_secure}: a script that cannot or may not run is dropped. */
    int notifyScript(Supplier<Script> get, Consumer<Script> set) {
        Script s = get.get();
        if (s == null) {
            return 0;
        }
        ScriptSecurity.Checked checked = security.check(s.command(), ctx.scripts.accountOf(s), s.location());
        int f = checked.flags();
        if ((f & (ScriptSecurity.INHIBIT | ScriptSecurity.NOT_FOUND)) != 0 || (f & ScriptSecurity.EXECUTABLE) == 0) {
            set.accept(null);
        } else {
            set.accept(new Script(s.location(), checked.command(), s.user(), s.group()));
        }
        return f;
    }

    // ---- sync groups

    private boolean setGroup(VrrpData.SyncGroupDraft sg) {
        Integer state = null; // 1 backup, 2 master
        for (String name : sg.members) {
            VrrpData.InstanceDraft v = data.findInstance(name);
            if (v == null) {
                error(sg.location, "Virtual router " + name + " specified in sync group " + sg.name + " doesn't exist - ignoring");
                continue;
            }
            if (v.sync != null) {
                error(sg.location, "Virtual router " + name + " cannot exist in more than one sync group; ignoring " + sg.name);
                continue;
            }
            sg.instances.add(v);
            v.sync = sg;
            if (Integer.valueOf(2).equals(state) && Integer.valueOf(1).equals(v.wantState)) {
                error(sg.location, "Sync group " + sg.name + " has some member(s) as address owner and some not as address owner. This won't work.");
            }
            if (!Integer.valueOf(1).equals(state)) {
                state = Integer.valueOf(2).equals(v.wantState) && v.basePriority == 255 ? 2 : 1;
            }
        }
        if (sg.instances.isEmpty()) {
            error(sg.location, "Sync group " + sg.name + ", no matching virtual router found in group declaration - removing");
            return false;
        }
        if (sg.instances.size() == 1) {
            error(sg.location, "Sync group " + sg.name + " has only 1 virtual router(s) - this probably isn't what you want");
        }
        return true;
    }

    // ---- instances

    private boolean completeInstance(VrrpData.InstanceDraft v) {
        GlobalDraft g = ctx.global;
        String n = "(" + v.name + ")";
        boolean strict = v.strict != null ? v.strict : g.strict;
        v.strict = strict;
        if (Integer.valueOf(6).equals(v.family)) {
            if (v.version == 2 && strict) {
                error(v.location, n + " cannot use IPv6 with VRRP version 2; setting version 3");
                v.version = 3;
            } else if (v.version == 0) {
                v.version = 3;
            }
        }
        if (v.family == null) {
            v.family = 4;
        }
        if (v.version == 0) {
            v.version = v.family == 6 ? 3 : g.vrrpVersion;
        }
        if (v.family == 4 && v.ttl == -1) {
            v.ttl = 255;
        }
        if (v.vips.isEmpty()) {
            if (v.version == 3 || strict) {
                error(v.location, n + " No VIP specified; at least one is required");
                return false;
            }
            error(v.location, n + " No VIP specified; at least one is sensible");
        }
        if (v.basePriority == 0) {
            v.basePriority = Integer.valueOf(2).equals(v.wantState) ? 255 : 100;
        }
        if (v.wantState == null) {
            v.wantState = v.basePriority == 255 ? 2 : 1;
        } else if (strict && ((v.wantState == 2) != (v.basePriority == 255))) {
            error(v.location, n + " State MASTER must match being address owner");
            v.wantState = v.basePriority == 255 ? 2 : 1;
        }
        if (v.authType != null) {
            if (strict) {
                error(v.location, n + " Strict mode does not support authentication. Ignoring.");
                v.authType = null;
            } else if (v.version == 3) {
                error(v.location, n + " VRRP version 3 does not support authentication. Ignoring.");
                v.authType = null;
            } else if (v.authPass == null || v.authPass.isEmpty()) {
                error(v.location, n + " Authentication specified but no password given. Ignoring");
                v.authType = null;
            } else if (v.family == 6 && v.authType == VrrpInstance.Authentication.Type.AH) {
                error(v.location, n + " Cannot use AH authentication with IPv6. ignoring");
                v.authType = null;
            } else if (v.authType == VrrpInstance.Authentication.Type.AH && v.wantState == 2 && v.basePriority != 255) {
                error(v.location, n + " Initial state master is incompatible with AH authentication - clearing");
                v.wantState = 1;
            }
        }
        // keepalived 2.2.7 refuses unicast in strict mode only when its unicast flag is
        // already set, which happens just below: so on a first read it never refuses.
        boolean unicast = v.unicastConfigured && !v.peers.isEmpty();
        if (v.unicastConfigured && v.peers.isEmpty()) {
            if (v.unicastFaultNoPeer) {
                ctx.report(v.location, Severity.NOTE, n + " Cannot use unicast without any peers - going to fault state");
                v.configFaults++;
            } else {
                ctx.report(v.location, Severity.DEPRECATED, n + " A unicast keyword has been specified without any unicast peers. "
                        + "Defaulting to multicast. This usage is deprecated - please update your configuration.");
            }
        }
        if (strict && v.vmacMac != null) {
            error(v.location, n + ": cannot specify MAC address with strict mode - clearing");
            v.vmacMac = null;
        }
        if ((v.vmac || v.ipvlan) && v.iface != null && v.iface.index() != 0 && !v.iface.ethernet()) {
            error(v.location, n + ": vmacs are only supported on Ethernet type interfaces");
            v.vmac = false;
            v.ipvlan = false;
            v.configFaults++;
        }
        if (v.iface != null && v.iface.index() != 0 && !v.iface.multicast() && !unicast) {
            error(v.location, n + " interface " + v.iface.name() + " does not support multicast, specify unicast peers - disabling");
            v.configFaults++;
        }
        if (v.family == 6 && !unicast && !v.vips.isEmpty() && !v.vips.getFirst().address().isLinkLocalAddress()) {
            if (strict) {
                error(v.location, n + " the first IPv6 VIP address must be link local");
            } else {
                ctx.report(v.location, Severity.NOTE, n + " the first IPv6 VIP address should be link local");
            }
        }
        if (v.vrf != null && (v.iface != null || !unicast)) {
            error(v.location, n + " vrf can only be specified with" + (v.iface != null ? "out interface" : " unicast") + " - clearing");
            v.vrf = null;
        }
        int mtu = v.iface != null ? v.iface.mtu() : DEFAULT_MTU;
        long maxAddresses;
        if (v.family == 4) {
            int header = 14 + 20 + 8 + (v.version == 2 ? 8 : 0) + (v.authType == VrrpInstance.Authentication.Type.AH ? 24 : 0);
            maxAddresses = (mtu - header) / 4;
        } else {
            maxAddresses = (mtu - (14 + 40 + 8)) / 16;
        }
        maxAddresses = Math.min(maxAddresses, 255);
        if (v.vips.size() > maxAddresses) {
            error(v.location, n + " Number of VIPs (" + v.vips.size() + ") exceeds maximum/space available in packet (max "
                    + maxAddresses + " addresses) - excess moved to eVIPs");
            List<IpAddress> excess = new ArrayList<>(v.vips.subList((int) maxAddresses, v.vips.size()));
            v.vips.subList((int) maxAddresses, v.vips.size()).clear();
            v.evips.addAll(excess);
        }
        if (v.basePriority == 255 && v.nopreempt) {
            error(v.location, n + " nopreempt is incompatible with priority 255. resetting nopreempt");
            v.nopreempt = false;
        }
        if (v.wantState == 2) {
            if (v.nopreempt) {
                error(v.location, n + " Warning - nopreempt will not work with initial state MASTER - clearing");
                v.nopreempt = false;
            }
            if (v.preemptDelay != 0) {
                error(v.location, n + " Warning - preempt delay will not work with initial state MASTER - clearing");
                v.preemptDelay = 0;
            }
        }
        if (v.preemptDelay != 0) {
            if (strict) {
                error(v.location, n + " preempt_delay is incompatible with strict mode - resetting");
                v.preemptDelay = 0;
            }
            if (v.nopreempt) {
                error(v.location, n + " preempt_delay is incompatible with nopreempt mode - resetting");
                v.preemptDelay = 0;
            }
        }
        if (v.downTimerAdverts != 3 && strict) {
            error(v.location, n + " down_timer_adverts is incompatible with strict mode - resetting");
            v.downTimerAdverts = 3;
        }
        if (v.accept == null) {
            v.accept = v.basePriority == 255 || !strict;
        }
        if (v.accept && v.basePriority != 255 && strict && v.version == 2) {
            error(v.location, n + " warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting");
            v.accept = false;
        }
        if (!v.accept || v.vmac) {
            if (g.vrrpNfTable == null) {
                ctx.report(v.location, Severity.NOTE, "use_vmac or no_accept/strict specified, but no firewall configured - using nftables");
                g.vrrpNfTable = "keepalived";
            }
        }
        if (unicast && v.mcastDst != null) {
            error(v.location, n + " multicast destination specified with unicast - ignoring");
            v.mcastDst = null;
        } else if (!unicast && v.mcastDst == null) {
            v.mcastDst = v.family == 4 ? g.mcastGroup4 : g.mcastGroup6;
        }
        if (v.garpLowerPrioRepeat == null) {
            v.garpLowerPrioRepeat = strict ? 0 : g.garpLowerPrioRepeat;
        } else if (strict && v.garpLowerPrioRepeat != 0) {
            error(v.location, n + " Strict mode requires no repeat garps. resetting");
            v.garpLowerPrioRepeat = 0L;
        }
        if (v.garpLowerPrioDelay == null) {
            v.garpLowerPrioDelay = strict ? 0 : g.garpLowerPrioDelay;
        } else if (strict && v.garpLowerPrioDelay != 0) {
            error(v.location, n + " Strict mode requires no repeat garp delay. resetting");
            v.garpLowerPrioDelay = 0L;
        }
        if (v.lowerPrioNoAdvert == null) {
            v.lowerPrioNoAdvert = strict || g.lowerPrioNoAdvert;
        } else if (strict && !v.lowerPrioNoAdvert) {
            error(v.location, n + " Strict mode requires no lower priority advert. resetting");
            v.lowerPrioNoAdvert = true;
        }
        if (v.higherPrioSendAdvert == null) {
            v.higherPrioSendAdvert = !strict && g.higherPrioSendAdvert;
        } else if (strict && v.higherPrioSendAdvert) {
            error(v.location, n + " strict mode requires higher_prio_send_advert to be clear. resetting");
            v.higherPrioSendAdvert = false;
        }
        if (v.smtpAlert == null) {
            v.smtpAlert = g.smtpAlertVrrp != null ? g.smtpAlertVrrp : g.smtpAlert != null ? g.smtpAlert : false;
        }
        if (v.notifyPriorityChanges == null) {
            v.notifyPriorityChanges = v.sync != null && v.sync.notifyPriorityChanges != null
                    ? v.sync.notifyPriorityChanges : g.notifyPriorityChanges;
        }
        advertInterval(v, n);
        if (!v.sourceFromConfig) {
            v.trackSourceAddress = false;
        }
        if (v.vmac && v.promoteSecondaries) {
            error(v.location, n + " promote_secondaries is automatically set for vmacs - ignoring");
            v.promoteSecondaries = false;
        }
        if (v.vmac && strict && v.vmacXmitBase) {
            error(v.location, n + " xmit_base is incompatible with strict mode - resetting");
            v.vmacXmitBase = false;
        }
        if (v.ipvlan) {
            if (v.family == 4 && v.ipvlanAddress == null) {
                error(v.location, n + " IPv4 ipvlan requires a source ip address to be configured. setting instance to fault state");
                v.configFaults++;
            } else if (v.ipvlanAddress != null && (v.ipvlanAddress.isIpv6() ? 6 : 4) != v.family) {
                error(v.location, n + " IPv4 ipvlan address family does not match instance. setting instance to fault state");
                v.configFaults++;
            }
        }
        if (v.iface != null) {
            v.trackInterfaces.removeIf(t -> {
                if (t.name().equals(v.interfaceName)) {
                    error(t.location(), n + " Ignoring track_interface " + t.name() + " since own interface");
                    return true;
                }
                return false;
            });
        }
        if (v.vmacXmitBase && !v.vmac) {
            error(v.location, n + " vmac_xmit_base is only valid with a vmac");
            v.vmacXmitBase = false;
        }
        vipUseVmac(v, n);
        if (v.vips.isEmpty()) {
            if (v.version == 3 || v.family == 6 || strict) {
                error(v.location, n + " No VIP specified; at least one is required");
                return false;
            }
            ctx.report(v.location, Severity.WARNING, n + " No VIP specified; at least one is sensible");
        }
        trackingWeights(v, n);
        return true;
    }

    private void advertInterval(VrrpData.InstanceDraft v, String n) {
        long hz = Numbers.TIMER_HZ;
        long centi = hz / 100;
        if (v.advertInterval == 0) {
            v.advertInterval = hz;
        }
        if (v.version == 2) {
            if (v.advertInterval >= 256 * hz) {
                error(v.location, n + " VRRPv2 advertisement interval " + String.format("%.2f", v.advertInterval / (double) hz)
                        + "s is out of range. Must be less than 256s. Setting to 255s");
                v.advertInterval = 255 * hz;
            } else if (v.advertInterval % hz != 0) {
                error(v.location, n + " VRRPv2 advertisement interval " + String.format("%f", v.advertInterval / (double) hz)
                        + "s must be an integer. rounding");
                v.advertInterval = v.advertInterval + hz / 2;
                v.advertInterval -= v.advertInterval % hz;
                if (v.advertInterval == 0) {
                    v.advertInterval = hz;
                }
            }
        } else {
            if (v.advertInterval >= 4096 * centi) {
                error(v.location, n + " VRRPv3 advertisement interval " + String.format("%.2f", v.advertInterval / (double) hz)
                        + "s is out of range. Must be less than 40.96s. Setting to 40.95s");
                v.advertInterval = 4095 * centi;
            } else if (v.advertInterval % centi != 0) {
                error(v.location, n + " VRRPv3 advertisement interval " + String.format("%f", v.advertInterval / (double) hz)
                        + "s must be in units of 10ms - rounding");
                v.advertInterval = v.advertInterval + centi / 2;
                v.advertInterval -= v.advertInterval % centi;
                if (v.advertInterval == 0) {
                    v.advertInterval = centi;
                }
            }
        }
    }

    private void vipUseVmac(VrrpData.InstanceDraft v, String n) {
        for (List<IpAddress> list : List.of(v.vips, v.evips)) {
            for (int i = 0; i < list.size(); i++) {
                IpAddress a = list.get(i);
                if (!a.useVmac()) {
                    continue;
                }
                boolean own = a.device().isEmpty() || a.device().get().equals(v.interfaceName);
                boolean sameFamily = a.isIpv6() == (v.family == 6);
                boolean keep;
                if (own && v.vmac && sameFamily) {
                    error(a.location(), n + " use_vmac specified for VIP/eVIP " + Addresses.format(a.address()) + " and vrrp instance");
                    keep = false;
                } else if ((!own || !sameFamily) && v.vmacAddr) {
                    error(a.location(), n + " use_vmac_addr specified and use_vmac specified for VIP/eVIP " + Addresses.format(a.address()));
                    keep = false;
                } else {
                    keep = true;
                }
                if (!keep) {
                    list.set(i, new IpAddress(a.location(), a.address(), a.prefixLength(), a.device(), a.broadcast(), a.scope(),
                            a.label(), a.peer(), a.flags(), a.noTrack(), a.preferredLifetime(), false, a.trackGroup()));
                }
            }
        }
    }

    /**
     * Weights are ignored for members of a sync group without {@code sync_group_tracking_weight},
     * and for the address owner (priority 255).
     */
    private void trackingWeights(VrrpData.InstanceDraft v, String n) {
        boolean syncNoWeight = v.sync != null && !v.sync.trackingWeight;
        if (!syncNoWeight && v.basePriority != 255) {
            return;
        }
        String why = syncNoWeight ? "SYNC group" : "address owner";
        String whyScript = syncNoWeight ? "SYNC group" : "address_owner";
        List<Tracked> interfaces = new ArrayList<>();
        for (Tracked t : v.trackInterfaces) {
            if (t.weight() != 0) {
                error(t.location(), n + " ignoring " + t.name() + " tracked interface " + (syncNoWeight ? "weight " : "") + "due to " + why);
                if (syncNoWeight) {
                    interfaces.add(new Tracked(t.location(), t.name(), 0, t.reverse()));
                }
            } else {
                interfaces.add(t);
            }
        }
        replace(v.trackInterfaces, interfaces);
        v.trackScripts.removeIf(t -> {
            if (t.weight() != 0) {
                error(t.location(), n + " ignoring tracked script " + t.name() + " with weights due to " + whyScript);
                return true;
            }
            return false;
        });
        List<Tracked> files = new ArrayList<>();
        for (Tracked t : v.trackFiles) {
            if (t.weight() == 1) {
                error(t.location(), n + " ignoring weight from tracked file " + t.name() + " due to " + whyScript + ". specify weight 0");
                files.add(new Tracked(t.location(), t.name(), 0, t.reverse()));
            } else if (t.weight() != 0) {
                error(t.location(), n + " ignoring tracked file " + t.name() + " with weight " + t.weight() + " due to " + whyScript);
            } else {
                files.add(t);
            }
        }
        replace(v.trackFiles, files);
        v.trackBfds.removeIf(t -> {
            if (t.weight() != 0) {
                error(t.location(), n + " ignoring tracked bfd " + t.name() + " with weight " + t.weight() + " due to " + whyScript);
                return true;
            }
            return false;
        });
    }

    private static void replace(List<Tracked> list, List<Tracked> with) {
        list.clear();
        list.addAll(with);
    }

    private void syncGroupTracking() {
        for (VrrpData.SyncGroupDraft sg : data.syncGroups) {
            if (sg.instances.isEmpty()) {
                continue;
            }
            boolean owner = sg.instances.stream().anyMatch(v -> v.basePriority == 255);
            if (!owner) {
                continue;
            }
            clearWeights(sg, sg.trackScripts, "script", "clearing weight");
            clearWeights(sg, sg.trackFiles, "file", "setting weight 0");
            clearWeights(sg, sg.trackProcesses, "process", "setting weight 0");
            clearWeights(sg, sg.trackBfds, "bfd", "setting weight 0");
            clearWeights(sg, sg.trackInterfaces, "interface", "clearing weight");
        }
    }

    private void clearWeights(VrrpData.SyncGroupDraft sg, List<Tracked> list, String what, String action) {
        for (int i = 0; i < list.size(); i++) {
            Tracked t = list.get(i);
            if (t.weight() != 0) {
                error(t.location(), "(" + sg.name + ") Cannot have weighted track " + what + " '" + t.name()
                        + "' with member having priority 255 - " + action);
                list.set(i, new Tracked(t.location(), t.name(), 0, t.reverse()));
            }
        }
    }

    /** Two instances must not share a VRID on one interface and family (keepalived's {@code check_vrid_conflicts}). */
    private boolean vridConflicts() {
        boolean error = false;
        List<VrrpData.InstanceDraft> all = data.instances;
        for (int i = 0; i < all.size(); i++) {
            VrrpData.InstanceDraft a = all.get(i);
            for (int j = i + 1; j < all.size(); j++) {
                VrrpData.InstanceDraft b = all.get(j);
                if (!Objects.equals(a.family, b.family) || a.vrid != b.vrid) {
                    continue;
                }
                boolean ua = !a.peers.isEmpty() && a.unicastConfigured;
                boolean ub = !b.peers.isEmpty() && b.unicastConfigured;
                if (ua != ub) {
                    continue;
                }
                if (ua) {
                    if (a.interfaceName != null && b.interfaceName != null && !a.interfaceName.equals(b.interfaceName)) {
                        continue;
                    }
                    if (!a.sourceFromConfig || !b.sourceFromConfig) {
                        continue;
                    }
                    if (!a.sourceAddress.equals(b.sourceAddress)) {
                        continue;
                    }
                    boolean peerMatch = a.peers.stream().anyMatch(p -> b.peers.stream().anyMatch(q -> q.address().equals(p.address())));
                    if (!peerMatch) {
                        continue;
                    }
                    error(a.location, "(" + a.name + ") duplicate VRID conflict with " + b.name + " VRID " + a.vrid);
                    error = true;
                    continue;
                }
                if (!Objects.equals(a.interfaceName, b.interfaceName)) {
                    continue;
                }
                InetAddress ma = a.mcastDst;
                InetAddress mb = b.mcastDst;
                if (!Objects.equals(ma, mb)) {
                    continue;
                }
                if (ctx.global.allowIfChanges) {
                    continue;
                }
                if (a.iface != null && a.iface.index() != 0) {
                    error(a.location, a.name + " and " + b.name + " both use VRID " + a.vrid + " with IPv" + a.family
                            + " on interface " + a.interfaceName);
                    error = true;
                }
            }
        }
        return error;
    }
}
