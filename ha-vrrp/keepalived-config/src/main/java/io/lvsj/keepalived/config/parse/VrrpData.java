package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.IpAddress;
import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Route;
import io.lvsj.keepalived.config.Rule;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.Tracked;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the VRRP side of the configuration gathers while it is read: keepalived's {@code vrrp_data}. */
final class VrrpData {
    final List<TrackGroupDraft> trackGroups = new ArrayList<>();
    final List<IpAddress> staticAddresses = new ArrayList<>();
    final List<Route> staticRoutes = new ArrayList<>();
    final List<Rule> staticRules = new ArrayList<>();
    final List<SyncGroupDraft> syncGroups = new ArrayList<>();
    final List<GarpGroupDraft> garpGroups = new ArrayList<>();
    final Map<String, InterfaceDraft> interfaces = new LinkedHashMap<>();
    final List<InstanceDraft> instances = new ArrayList<>();
    final List<ScriptDraft> scripts = new ArrayList<>();
    final List<TrackProcessDraft> trackProcesses = new ArrayList<>();
    /** {@code bfd_instance} names as the VRRP process sees them, with their weight for {@code track_bfd}. */
    final List<TrackedBfdDraft> bfds = new ArrayList<>();

    TrackGroupDraft findTrackGroup(String name) {
        return trackGroups.stream().filter(t -> t.name.equals(name)).findFirst().orElse(null);
    }

    ScriptDraft findScript(String name) {
        return scripts.stream().filter(s -> s.name.equals(name)).findFirst().orElse(null);
    }

    TrackProcessDraft findTrackProcess(String name) {
        return trackProcesses.stream().filter(p -> p.name.equals(name)).findFirst().orElse(null);
    }

    TrackedBfdDraft findBfd(String name) {
        return bfds.stream().filter(b -> b.name.equals(name)).findFirst().orElse(null);
    }

    InstanceDraft findInstance(String name) {
        return instances.stream().filter(i -> i.name.equals(name)).findFirst().orElse(null);
    }

    InterfaceDraft iface(Location at, String name) {
        return interfaces.computeIfAbsent(name, n -> new InterfaceDraft(at, n));
    }

    static final class TrackGroupDraft {
        final Location location;
        final String name;
        List<String> instances;

        TrackGroupDraft(Location location, String name) {
            this.location = location;
            this.name = name;
        }
    }

    static final class GarpGroupDraft {
        final Location location;
        Long garpInterval;
        Long gnaInterval;
        final List<String> interfaces = new ArrayList<>();
        boolean aggregate;

        GarpGroupDraft(Location location) {
            this.location = location;
        }
    }

    static final class InterfaceDraft {
        final Location location;
        final String name;
        boolean linkbeat;
        String linkbeatType;
        long downDelay;
        long upDelay;
        boolean haveDelays;

        InterfaceDraft(Location location, String name) {
            this.location = location;
            this.name = name;
        }
    }

    static final class ScriptDraft {
        final Location location;
        final String name;
        List<String> command;
        String user;
        String group;
        boolean userSet;
        long interval = Numbers.TIMER_HZ;
        long timeout;
        int weight;
        boolean reverse;
        long rise = 1;
        long fall = 1;
        boolean initFail;
        boolean insecure;

        ScriptDraft(Location location, String name) {
            this.location = location;
            this.name = name;
        }
    }

    static final class TrackProcessDraft {
        final Location location;
        final String name;
        String process;
        final List<String> parameters = new ArrayList<>();
        io.lvsj.keepalived.config.TrackProcess.ParamMatch paramMatch = io.lvsj.keepalived.config.TrackProcess.ParamMatch.NONE;
        int weight;
        boolean reverse;
        long quorum = 1;
        long quorumMax = Numbers.UINT_MAX;
        long forkDelay;
        long terminateDelay;
        boolean fullCommand;

        TrackProcessDraft(Location location, String name) {
            this.location = location;
            this.name = name;
        }
    }

    static final class TrackedBfdDraft {
        final String name;
        int weight;
        boolean reverse;

        TrackedBfdDraft(String name) {
            this.name = name;
        }
    }

    static final class SyncGroupDraft {
        final Location location;
        final String name;
        List<String> members;
        final List<Tracked> trackInterfaces = new ArrayList<>();
        final List<Tracked> trackScripts = new ArrayList<>();
        final List<Tracked> trackFiles = new ArrayList<>();
        final List<Tracked> trackProcesses = new ArrayList<>();
        final List<Tracked> trackBfds = new ArrayList<>();
        final NotifyDraft notify = new NotifyDraft();
        Boolean smtpAlert;
        boolean trackingWeight;
        Boolean notifyPriorityChanges;
        final List<InstanceDraft> instances = new ArrayList<>();

        SyncGroupDraft(Location location, String name) {
            this.location = location;
            this.name = name;
        }
    }

    /** Notify scripts of an instance or group. */
    static final class NotifyDraft {
        Script master;
        Script backup;
        Script fault;
        Script stop;
        Script deleted;
        Script any;
        Script masterRxLowerPri;
    }

    /** A {@code vrrp_instance} being read: keepalived's {@code vrrp_t}, configuration part. */
    static final class InstanceDraft {
        final Location location;
        final String name;
        Integer family; // 4 or 6
        InetAddress sourceAddress;
        boolean sourceFromConfig;
        Integer wantState; // null = INIT, 1 = BACKUP, 2 = MASTER
        int version;
        String interfaceName;
        io.lvsj.keepalived.config.host.NetInterface iface;
        String vrf;
        boolean dontTrackPrimary;
        final List<Tracked> trackInterfaces = new ArrayList<>();
        final List<Tracked> trackScripts = new ArrayList<>();
        final List<Tracked> trackFiles = new ArrayList<>();
        final List<Tracked> trackProcesses = new ArrayList<>();
        final List<Tracked> trackBfds = new ArrayList<>();
        InetAddress mcastDst;
        boolean trackSourceAddress;
        int vrid;
        int ttl = -1;
        int basePriority;
        long advertInterval;
        final List<IpAddress> vips = new ArrayList<>();
        final List<IpAddress> evips = new ArrayList<>();
        final List<Route> routes = new ArrayList<>();
        final List<Rule> rules = new ArrayList<>();
        boolean promoteSecondaries;
        boolean linkbeatPolling;
        Boolean accept;
        boolean skipCheckAdvAddr;
        Boolean strict;
        boolean nopreempt;
        long preemptDelay;
        int debug;
        final NotifyDraft notify = new NotifyDraft();
        boolean notifyDeleted;
        Boolean smtpAlert;
        Boolean notifyPriorityChanges;
        long garpDelay;
        long garpRefresh;
        long garpRepeat;
        long garpRefreshRepeat;
        Long garpLowerPrioDelay;
        Long garpLowerPrioRepeat;
        long downTimerAdverts;
        Long garpExtraIf;
        boolean garpExtraIfAll;
        Boolean lowerPrioNoAdvert;
        Boolean higherPrioSendAdvert;
        long kernelRxBufSize;
        io.lvsj.keepalived.config.VrrpInstance.Authentication.Type authType;
        String authPass;
        final List<io.lvsj.keepalived.config.VrrpInstance.UnicastPeer> peers = new ArrayList<>();
        boolean unicastConfigured;
        boolean unicastFaultNoPeer;
        boolean checkUnicastSrc;
        io.lvsj.keepalived.config.VrrpInstance.ChecksumCompatibility checksumCompat =
                io.lvsj.keepalived.config.VrrpInstance.ChecksumCompatibility.AUTO;
        boolean vmac;
        String vmacName;
        String vmacMac;
        boolean vmacAddr;
        boolean vmacXmitBase;
        boolean ipvlan;
        String ipvlanName;
        IpAddress ipvlanAddress;
        String ipvlanMode;
        SyncGroupDraft sync;
        int configFaults;

        InstanceDraft(Location location, String name) {
            this.location = location;
            this.name = name;
        }
    }
}
