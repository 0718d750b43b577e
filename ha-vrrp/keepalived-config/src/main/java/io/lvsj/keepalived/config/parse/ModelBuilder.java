package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.GarpGroup;
import io.lvsj.keepalived.config.GlobalDefs;
import io.lvsj.keepalived.config.InterfaceSettings;
import io.lvsj.keepalived.config.NotifyScripts;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.TrackFile;
import io.lvsj.keepalived.config.TrackGroup;
import io.lvsj.keepalived.config.TrackProcess;
import io.lvsj.keepalived.config.VrrpInstance;
import io.lvsj.keepalived.config.VrrpScript;
import io.lvsj.keepalived.config.VrrpSyncGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the drafts gathered while reading into the immutable model. */
final class ModelBuilder {
    private final ParseContext ctx;

    ModelBuilder(ParseContext ctx) {
        this.ctx = ctx;
    }

    GlobalDefs global() {
        GlobalDraft g = ctx.global;
        String hostname = ctx.host.hostname();
        var namespaces = new GlobalDefs.Namespaces(Optional.ofNullable(g.netNamespace), Optional.ofNullable(g.netNamespaceIpvs),
                g.namespaceWithIpsets, g.usePidDir, Optional.ofNullable(g.instance), g.childWaitTime, g.linkbeatUsePolling);
        var notification = new GlobalDefs.Notification(g.routerId != null ? g.routerId : hostname, g.emails,
                Optional.ofNullable(g.emailFrom), Optional.ofNullable(g.smtpServer), g.smtpPort,
                Optional.ofNullable(g.smtpHelo), Drafts.micros(g.smtpConnectTimeout != 0 ? g.smtpConnectTimeout : 30 * Numbers.TIMER_HZ),
                Optional.ofNullable(g.smtpAlert), Optional.ofNullable(g.smtpAlertVrrp), Optional.ofNullable(g.smtpAlertChecker),
                g.checkerLogAllFailures, g.noEmailFaults, g.noCheckerEmails);
        var scripts = new GlobalDefs.Scripts(Optional.ofNullable(g.startupScript), g.startupScriptTimeout == 0 ? 10 : g.startupScriptTimeout,
                Optional.ofNullable(g.shutdownScript), g.shutdownScriptTimeout == 0 ? 10 : g.shutdownScriptTimeout,
                Optional.ofNullable(g.scriptUserFailed ? null : g.scriptUser), Optional.ofNullable(g.scriptUserFailed ? null : g.scriptGroup),
                g.scriptSecurity);
        var processes = new GlobalDefs.Processes(Optional.ofNullable(g.processName), Optional.ofNullable(g.vrrpProcessName),
                Optional.ofNullable(g.checkerProcessName), Optional.ofNullable(g.bfdProcessName), g.vrrpTuning.build(),
                g.checkerTuning.build(), g.bfdTuning.build(), Drafts.optionalInt(g.maxAutoPriority), g.minAutoPriorityDelay,
                Drafts.optionalInt(g.umask), Drafts.optionalLong(g.randomSeed));
        var vrrp = new GlobalDefs.VrrpDefaults(g.mcastGroup4, g.mcastGroup6, Drafts.micros(g.garpDelay), (int) g.garpRepeat,
                Drafts.micros(g.garpRefresh), (int) g.garpRefreshRepeat, Drafts.micros(g.garpLowerPrioDelay),
                Drafts.optionalInt(g.garpLowerPrioRepeat), (int) g.downTimerAdverts, Drafts.micros(g.garpInterval),
                Drafts.micros(g.gnaInterval), g.garpExtraIf == 0 ? Optional.empty() : Optional.of(Drafts.seconds(g.garpExtraIf)),
                g.garpExtraIf != 0 && g.garpExtraIfAll, g.lowerPrioNoAdvert, g.higherPrioSendAdvert, g.vrrpVersion, g.checkUnicastSrc,
                g.skipCheckAdvAddr, g.strict, g.notifyPriorityChanges, g.fifoWriteStatesOnReload, g.dynamicInterfaces,
                g.allowIfChanges, g.defaultInterface != null ? g.defaultInterface : "eth0", g.disableLocalIgmp,
                g.rxBufsPolicy == null && g.rxBufsSize == null ? Optional.empty()
                        : Optional.of(new GlobalDefs.RxBuffers(Optional.ofNullable(g.rxBufsPolicy), Drafts.optionalLong(g.rxBufsSize))),
                (int) g.rxBufsMultiplier, Drafts.micros(g.startupDelay), g.logUnknownVrids, Optional.ofNullable(g.vmacPrefix),
                Optional.ofNullable(g.vmacAddrPrefix));
        var sync = g.syncdInterface == null ? Optional.<GlobalDefs.SyncDaemon>empty()
                : Optional.of(new GlobalDefs.SyncDaemon(g.syncdInterface, Optional.ofNullable(g.syncdInstance),
                Drafts.optionalInt(g.syncdId), Drafts.optionalInt(g.syncdMaxLen), Drafts.optionalInt(g.syncdPort),
                Drafts.optionalInt(g.syncdTtl), Optional.ofNullable(g.syncdGroup)));
        var lvs = new GlobalDefs.Lvs(Drafts.optionalLong(g.lvsTcpTimeout), Drafts.optionalLong(g.lvsTcpFinTimeout),
                Drafts.optionalLong(g.lvsUdpTimeout), g.lvsFlush, g.lvsFlushOnStop, sync, g.rsInitNotifies,
                Optional.ofNullable(g.lvsSloppyTcp), Optional.ofNullable(g.lvsSloppySctp),
                Optional.ofNullable(g.routingDaemon));
        var firewall = new GlobalDefs.Firewall(Optional.ofNullable(g.vrrpNfTable), g.vrrpNfPriority, g.vrrpNfIfindex,
                Optional.ofNullable(g.ipvsNfTable), g.ipvsNfPriority, g.ipvsNfStartFwmark, g.nfCounters);
        var fifos = new GlobalDefs.Fifos(g.notifyFifo.build(), g.vrrpNotifyFifo.build(), g.lvsNotifyFifo.build());
        var snmp = new GlobalDefs.Snmp(Optional.ofNullable(g.snmpSocket), g.snmpTraps, g.snmpVrrp, g.snmpRfcV2, g.snmpRfcV3, g.snmpChecker);
        var dbus = new GlobalDefs.Dbus(g.dbus, Optional.ofNullable(g.dbusServiceName));
        var buffers = new GlobalDefs.NetlinkBuffers(g.vrrpNetlinkCmd, g.vrrpNetlinkCmdForce, g.vrrpNetlinkMonitor,
                g.vrrpNetlinkMonitorForce, g.processMonitor, g.processMonitorForce, g.lvsNetlinkCmd, g.lvsNetlinkCmdForce,
                g.lvsNetlinkMonitor, g.lvsNetlinkMonitorForce);
        var files = new GlobalDefs.Files(Optional.ofNullable(g.reloadCheckConfig), Optional.ofNullable(g.reloadTimeFile),
                g.reloadRepeat, Optional.ofNullable(g.reloadFile), Optional.ofNullable(g.configSaveDir),
                Optional.ofNullable(g.tmpConfigDirectory), g.dataUseInstance, Optional.ofNullable(g.includeCheck));
        return new GlobalDefs(namespaces, notification, scripts, processes, vrrp, lvs, firewall, fifos, snmp, dbus, buffers,
                files, Optional.ofNullable(g.statusEndpoint));
    }

    List<VrrpScript> scripts() {
        List<VrrpScript> out = new ArrayList<>();
        for (VrrpData.ScriptDraft s : ctx.vrrp.scripts) {
            Script script = new Script(s.location, s.command, Optional.ofNullable(s.user), Optional.ofNullable(s.group));
            out.add(new VrrpScript(s.location, s.name, script, Drafts.micros(s.interval),
                    Drafts.micros(s.timeout != 0 ? s.timeout : s.interval), s.weight, s.reverse, (int) s.rise, (int) s.fall,
                    s.initFail));
        }
        return out;
    }

    List<TrackFile> trackFiles() {
        return ctx.trackFiles.stream().map(f -> new TrackFile(f.location, f.name, f.path, f.weight, f.reverse,
                f.init ? Optional.of(new TrackFile.Init(f.initValue, f.overwrite)) : Optional.empty())).toList();
    }

    List<TrackProcess> trackProcesses() {
        return ctx.vrrp.trackProcesses.stream().map(p -> new TrackProcess(p.location, p.name, p.process, p.parameters,
                p.paramMatch, p.weight, p.reverse, (int) p.quorum, p.quorumMax, Drafts.micros(p.forkDelay),
                Drafts.micros(p.terminateDelay), p.fullCommand)).toList();
    }

    List<TrackGroup> trackGroups() {
        return ctx.vrrp.trackGroups.stream().filter(t -> t.instances != null && !t.instances.isEmpty())
                .map(t -> new TrackGroup(t.location, t.name, t.instances.stream().filter(n -> ctx.vrrp.findInstance(n) != null).toList()))
                .filter(t -> !t.instances().isEmpty()).toList();
    }

    List<GarpGroup> garpGroups() {
        return ctx.vrrp.garpGroups.stream().map(g -> new GarpGroup(g.location, Drafts.micros(g.garpInterval),
                Drafts.micros(g.gnaInterval), g.interfaces, g.aggregate)).toList();
    }

    List<InterfaceSettings> interfaces() {
        return ctx.vrrp.interfaces.values().stream().map(i -> new InterfaceSettings(i.location, i.name, i.linkbeat,
                Optional.ofNullable(i.linkbeatType), Drafts.micros(i.downDelay), Drafts.micros(i.upDelay))).toList();
    }

    List<VrrpSyncGroup> syncGroups() {
        List<VrrpSyncGroup> out = new ArrayList<>();
        GlobalDraft g = ctx.global;
        for (VrrpData.SyncGroupDraft s : ctx.vrrp.syncGroups) {
            List<String> members = s.instances.isEmpty() && s.members != null ? s.members
                    : s.instances.stream().map(i -> i.name).toList();
            boolean smtp = s.smtpAlert != null ? s.smtpAlert : g.smtpAlertVrrp != null ? g.smtpAlertVrrp
                    : g.smtpAlert != null ? g.smtpAlert : false;
            out.add(new VrrpSyncGroup(s.location, s.name, members, s.trackInterfaces, s.trackScripts, s.trackFiles,
                    s.trackProcesses, s.trackBfds, notify(s.notify), smtp, s.trackingWeight,
                    s.notifyPriorityChanges != null ? s.notifyPriorityChanges : g.notifyPriorityChanges));
        }
        return out;
    }

    private static NotifyScripts notify(VrrpData.NotifyDraft n) {
        return new NotifyScripts(Optional.ofNullable(n.master), Optional.ofNullable(n.backup), Optional.ofNullable(n.fault),
                Optional.ofNullable(n.stop), Optional.ofNullable(n.deleted), Optional.ofNullable(n.any),
                Optional.ofNullable(n.masterRxLowerPri));
    }

    List<VrrpInstance> instances() {
        List<VrrpInstance> out = new ArrayList<>();
        GlobalDraft g = ctx.global;
        for (VrrpData.InstanceDraft v : ctx.vrrp.instances) {
            boolean ipv6 = Integer.valueOf(6).equals(v.family);
            int version = v.version != 0 ? v.version : ipv6 ? 3 : g.vrrpVersion;
            int priority = v.basePriority != 0 ? v.basePriority : Integer.valueOf(2).equals(v.wantState) ? 255 : 100;
            VrrpInstance.State state = v.wantState == null ? (priority == 255 ? VrrpInstance.State.MASTER : VrrpInstance.State.BACKUP)
                    : v.wantState == 2 ? VrrpInstance.State.MASTER : VrrpInstance.State.BACKUP;
            boolean strict = v.strict != null ? v.strict : g.strict;
            long lowerDelay = v.garpLowerPrioDelay != null ? v.garpLowerPrioDelay
                    : g.garpLowerPrioDelay != null ? g.garpLowerPrioDelay : g.garpDelay;
            long lowerRepeat = v.garpLowerPrioRepeat != null ? v.garpLowerPrioRepeat
                    : g.garpLowerPrioRepeat != null ? g.garpLowerPrioRepeat : g.garpRepeat;
            Long extraIf = v.garpExtraIf != null ? v.garpExtraIf : (g.garpExtraIf != 0 ? g.garpExtraIf : null);
            // keepalived sets an instance's "all" as it reads the line, even one it then refuses; the
            // global "all" comes only with the global interval
            boolean extraAll = extraIf != null && (v.garpExtraIfAll || v.garpExtraIf == null && g.garpExtraIfAll);
            var garp = new VrrpInstance.Garp(Drafts.micros(v.garpDelay), (int) v.garpRepeat, Drafts.micros(v.garpRefresh),
                    (int) v.garpRefreshRepeat, Drafts.micros(lowerDelay), (int) lowerRepeat,
                    extraIf == null || extraIf == 0 ? Optional.empty() : Optional.of(Drafts.seconds(extraIf)), extraAll);
            var auth = v.authType == null ? Optional.<VrrpInstance.Authentication>empty()
                    : Optional.of(new VrrpInstance.Authentication(v.authType, v.authPass == null ? "" : v.authPass));
            var vmac = v.vmac ? Optional.of(new VrrpInstance.Vmac(Optional.ofNullable(v.vmacName), Optional.ofNullable(v.vmacMac),
                    v.vmacAddr, v.vmacXmitBase)) : Optional.<VrrpInstance.Vmac>empty();
            var ipvlan = v.ipvlan ? Optional.of(new VrrpInstance.Ipvlan(Optional.ofNullable(v.ipvlanName),
                    Optional.ofNullable(v.ipvlanAddress), Optional.ofNullable(v.ipvlanMode))) : Optional.<VrrpInstance.Ipvlan>empty();
            boolean unicast = v.unicastConfigured && !v.peers.isEmpty();
            boolean accept = v.accept != null ? v.accept : priority == 255 || !strict;
            long advert = v.advertInterval != 0 ? v.advertInterval : Numbers.TIMER_HZ;
            out.add(new VrrpInstance(v.location, v.name, state, Optional.ofNullable(v.interfaceName), Optional.ofNullable(v.vrf),
                    ipv6, v.vrid, priority, version, Drafts.micros(advert), v.vips, v.evips, v.routes, v.rules,
                    Optional.ofNullable(v.sourceFromConfig ? v.sourceAddress : null), v.trackSourceAddress,
                    Optional.ofNullable(unicast ? null : (v.mcastDst != null ? v.mcastDst : ipv6 ? g.mcastGroup6 : g.mcastGroup4)),
                    unicast ? v.peers : List.of(), unicast && v.ttl >= 0 ? v.ttl : 255, v.checkUnicastSrc, v.unicastFaultNoPeer,
                    v.checksumCompat, auth, strict, accept, v.nopreempt, Drafts.micros(v.preemptDelay), v.skipCheckAdvAddr,
                    v.dontTrackPrimary, v.trackInterfaces, v.trackScripts, v.trackFiles, v.trackProcesses, v.trackBfds,
                    notify(v.notify), v.notifyDeleted, v.smtpAlert != null && v.smtpAlert,
                    v.notifyPriorityChanges != null && v.notifyPriorityChanges, garp, (int) v.downTimerAdverts,
                    v.lowerPrioNoAdvert != null && v.lowerPrioNoAdvert, v.higherPrioSendAdvert != null && v.higherPrioSendAdvert,
                    vmac, ipvlan, v.promoteSecondaries, v.linkbeatPolling, v.debug, v.kernelRxBufSize,
                    Optional.ofNullable(v.sync == null ? null : v.sync.name), v.configFaults, v.vmacAddr));
        }
        return out;
    }
}
