package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.SyncGroupConfig;
import io.lvsj.keepalived.vrrp.config.TrackFileConfig;
import io.lvsj.keepalived.vrrp.config.Tracked;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import io.lvsj.keepalived.vrrp.config.VrrpScriptConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The VRRP core: every instance, sync group and tracked object of one configuration, driven
 * by events (a received advert, a timer, an interface, script or file change, shutdown) with
 * the time passed in. It is deterministic and does no I/O: what must happen outside goes to
 * {@link RouterActions}. The daemon runs it on one thread; tests drive it with a fake clock.
 *
 * <p>Start-up follows keepalived's {@code initialise_tracking_priorities()} and
 * {@code vrrp_init_state()}: everything enters BACKUP (or FAULT) and waits a full
 * Master_Down_Interval, except an address owner wanting MASTER, which takes over at once.
 */
public final class VrrpEngine {
    /** One tracking relation: which instance, with which weight and direction. */
    private record Link(VirtualRouter router, int weight, int multiplier) {
    }

    private final List<VirtualRouter> routers = new ArrayList<>();
    private final Map<String, SyncGroup> groups = new LinkedHashMap<>();
    private final Map<String, TrackScript> scripts = new LinkedHashMap<>();
    private final Map<String, TrackFileConfig> files = new HashMap<>();
    private final Map<String, Long> fileValues = new HashMap<>();
    private final Map<String, List<Link>> interfaceLinks = new HashMap<>();
    private final Map<String, List<Link>> scriptLinks = new HashMap<>();
    private final Map<String, List<Link>> fileLinks = new HashMap<>();
    private final Map<String, Boolean> interfaceUp = new HashMap<>();

    public VrrpEngine(VrrpConfig config) {
        for (VrrpScriptConfig s : config.scripts()) {
            scripts.put(s.name(), new TrackScript(s));
        }
        for (TrackFileConfig f : config.trackFiles()) {
            files.put(f.name(), f);
            fileValues.put(f.name(), 0L);
        }
        Map<String, VirtualRouter> byName = new HashMap<>();
        for (VirtualRouterConfig c : config.instances()) {
            VirtualRouter r = new VirtualRouter(c, routers.size());
            routers.add(r);
            byName.put(c.name(), r);
            if (!c.dontTrackPrimary() && c.interfaceName() != null) {
                link(interfaceLinks, c.interfaceName(), r, 0, 1);
            }
            for (Tracked t : c.tracked()) {
                Map<String, List<Link>> links = switch (t.kind()) {
                    case INTERFACE -> interfaceLinks;
                    case SCRIPT -> scriptLinks;
                    case FILE -> fileLinks;
                };
                if (t.kind() == Tracked.Kind.SCRIPT && !scripts.containsKey(t.name())) {
                    throw new IllegalArgumentException(c.name() + ": track_script " + t.name() + " is not defined");
                }
                if (t.kind() == Tracked.Kind.FILE && !files.containsKey(t.name())) {
                    throw new IllegalArgumentException(c.name() + ": track_file " + t.name() + " is not defined");
                }
                link(links, t.name(), r, t.weight(), t.multiplier());
            }
        }
        for (SyncGroupConfig g : config.syncGroups()) {
            SyncGroup group = new SyncGroup(g);
            boolean allOwners = true;
            for (String member : g.members()) {
                VirtualRouter r = byName.get(member);
                if (r == null || r.group != null) {
                    throw new IllegalArgumentException("sync group " + g.name() + ": instance " + member
                            + (r == null ? " does not exist" : " is already in a sync group"));
                }
                r.group = group;
                group.members.add(r);
                allOwners &= r.wantState == VrrpState.MASTER && r.basePriority == VirtualRouter.Vrrp.OWNER;
            }
            group.state = allOwners && !group.members.isEmpty() ? VrrpState.MASTER : VrrpState.BACKUP;
            groups.put(g.name(), group);
        }
    }

    private static void link(Map<String, List<Link>> links, String name, VirtualRouter r, int weight, int multiplier) {
        links.computeIfAbsent(name, k -> new ArrayList<>()).add(new Link(r, weight, multiplier));
    }

    public List<VirtualRouter> routers() {
        return List.copyOf(routers);
    }

    public List<SyncGroup> groups() {
        return List.copyOf(groups.values());
    }

    public VirtualRouter router(String name) {
        return routers.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    /** The interfaces something tracks (the instances' own included), for the link monitor. */
    public List<String> trackedInterfaces() {
        return List.copyOf(interfaceLinks.keySet());
    }

    /** The scripts some instance tracks: only those run (keepalived's rule). */
    public List<VrrpScriptConfig> trackedScripts() {
        return scripts.values().stream().filter(s -> scriptLinks.containsKey(s.name())).map(s -> s.config).toList();
    }

    public List<TrackFileConfig> trackedFiles() {
        return files.values().stream().filter(f -> fileLinks.containsKey(f.name())).toList();
    }

    /**
     * Starts every instance. {@code isUp} says which interfaces are up now; {@code fileValue}
     * gives each tracked file's current value.
     */
    public void start(long now, Predicate<String> isUp, Map<String, Long> initialFileValues, RouterActions out) {
        interfaceLinks.keySet().forEach(name -> interfaceUp.put(name, isUp.test(name)));
        fileValues.putAll(initialFileValues);
        for (VirtualRouter r : routers) {
            initialiseTracking(r, out);
        }
        for (SyncGroup g : groups.values()) {
            if (g.state == VrrpState.FAULT || g.state == VrrpState.BACKUP) {
                out.notifyGroup(g, g.state);
            }
        }
        for (VirtualRouter r : routers) {
            initState(r, now, out, false);
        }
        for (VirtualRouter r : routers) {
            r.initSands(now);
        }
    }

    /**
     * keepalived's SIGHUP: this engine, built from the new configuration and not started,
     * takes over from {@code old}. Instances are matched as keepalived matches them (VRID,
     * family, interface, multicast or the same unicast source; not by name) and keep their
     * state, counters and addresses: a VIP still configured is never removed, one no longer
     * configured is, new ones are added and announced. Instances that are gone step down with
     * a priority 0 and notify FAULT; new ones start as at start-up.
     */
    public void takeOver(VrrpEngine old, long now, Predicate<String> isUp, Map<String, Long> initialFileValues,
                         RouterActions out) {
        interfaceLinks.keySet().forEach(name -> interfaceUp.put(name, isUp.test(name)));
        fileValues.putAll(initialFileValues);
        scripts.forEach((name, s) -> {
            TrackScript before = old.scripts.get(name);
            if (before != null) {
                s.result = before.result;
                s.initState = before.initState;
            }
        });
        Map<VirtualRouter, VirtualRouter> matched = Reload.carryOver(old.routers, routers, now, out);
        for (VirtualRouter r : routers) {
            initialiseTracking(r, out);
        }
        Reload.restoreStates(matched, groups.values());
        for (VirtualRouter r : routers) {
            initState(r, now, out, true);
        }
        for (VirtualRouter r : routers) {
            r.initSands(now);
            r.reloadMaster = false;
        }
    }

    private void initialiseTracking(VirtualRouter r, RouterActions out) {
        interfaceLinks.forEach((name, links) -> {
            boolean up = interfaceUp.get(name);
            for (Link l : links) {
                if (l.router != r) {
                    continue;
                }
                if (l.weight == 0) {
                    if (up != (l.multiplier == 1)) {
                        out.log("(" + r.name() + "): entering FAULT state (interface " + name + " down)");
                        fault(r);
                    }
                } else if (r.basePriority != VirtualRouter.Vrrp.OWNER && (up == (l.weight > 0))) {
                    r.totalPriority += l.weight * l.multiplier;
                }
            }
        });
        fileLinks.forEach((name, links) -> {
            for (Link l : links) {
                if (l.router != r) {
                    continue;
                }
                int status = Tracking.fileStatus(fileValues.get(name), l.weight, l.multiplier);
                if (status <= -254) {
                    out.log("(" + r.name() + "): entering FAULT state (tracked file " + name + " has status "
                            + status + ")");
                    fault(r);
                } else if (r.basePriority != VirtualRouter.Vrrp.OWNER) {
                    r.totalPriority += status;
                }
            }
        });
        if (r.sourceAddress == null) {
            out.log("(" + r.name() + ") entering FAULT state (no IPv" + (r.ipv4 ? 4 : 6) + " address for interface)");
            fault(r);
        }
        scriptLinks.forEach((name, links) -> {
            TrackScript s = scripts.get(name);
            for (Link l : links) {
                if (l.router != r) {
                    continue;
                }
                if (l.weight == 0) {
                    if (s.initState == TrackScript.InitState.INIT) {
                        r.scriptsInit++;
                    } else if (!s.isUp()) {
                        out.log("(" + r.name() + "): entering FAULT state due to script " + name);
                        fault(r);
                    }
                } else if (r.basePriority != VirtualRouter.Vrrp.OWNER && s.initState != TrackScript.InitState.INIT
                        && (s.isUp() == (l.weight > 0))) {
                    r.totalPriority += l.weight;
                }
            }
        });
        r.setEffectivePriority(out);
        if (r.group != null) {
            if (r.state == VrrpState.FAULT) {
                if (r.group.state != VrrpState.FAULT) {
                    r.group.state = VrrpState.FAULT;
                    out.log("VRRP_Group(" + r.group.name() + "): Syncing " + r.name() + " to FAULT state");
                }
                r.group.faults++;
            }
            if (r.scriptsInit > 0) {
                r.group.membersInit++;
                if (r.group.state != VrrpState.FAULT) {
                    r.group.state = VrrpState.INIT;
                }
            }
        }
    }

    private static void fault(VirtualRouter r) {
        r.state = VrrpState.FAULT;
        r.faults++;
    }

    /** keepalived's {@code vrrp_init_state()} for one instance. */
    private static void initState(VirtualRouter r, long now, RouterActions out, boolean reload) {
        VrrpState begin = r.state;
        if (r.state == VrrpState.FAULT) {
            r.wantState = VrrpState.FAULT;
        }
        VrrpState newState = r.group != null ? r.group.state : r.wantState;
        boolean up = r.faults == 0;
        boolean groupReady = r.group == null || r.group.membersInit == 0;
        boolean reloadMaster = reload && r.state == VrrpState.MASTER;
        if (up && newState == VrrpState.MASTER && r.scriptsInit == 0 && groupReady
                && (r.basePriority == VirtualRouter.Vrrp.OWNER || reloadMaster) && r.wantState == VrrpState.MASTER) {
            if (reloadMaster) {
                // A master stays master across a reload and advertises at once.
                r.reloadMaster = true;
                return;
            }
            // The owner becomes master by timing out of BACKUP at once.
            r.state = VrrpState.BACKUP;
            r.msDownTimer = 1;
            return;
        }
        if (newState == VrrpState.BACKUP && r.wantState == VrrpState.MASTER) {
            // A sync group member wanting MASTER waits one interval to make sure no master is there.
            r.msDownTimer = r.masterAdverInt + r.skewFor(1);
        } else {
            r.msDownTimer = r.masterDownInterval();
        }
        if (!reload) {
            r.vipSet = true; // so that any VIPs a previous run left behind are removed
        }
        r.restoreInterface(false, false, out);
        if (up && newState != VrrpState.FAULT && r.scriptsInit == 0 && groupReady) {
            if (r.state != VrrpState.BACKUP) {
                out.log("(" + r.name() + ") Entering BACKUP STATE (init)");
                r.state = VrrpState.BACKUP;
            }
        } else {
            if (begin != VrrpState.FAULT) {
                out.log("(" + r.name() + ") Entering FAULT STATE (init)");
            }
            r.state = VrrpState.FAULT;
        }
        if (begin != r.state && (r.state != VrrpState.FAULT || r.faults > 0)) {
            r.notifyState(out);
        }
    }

    /** The earliest time anything is due, or {@link VirtualRouter#NEVER}. */
    public long nextDeadline() {
        long next = VirtualRouter.NEVER;
        for (VirtualRouter r : routers) {
            next = Math.min(next, r.deadline());
        }
        return next;
    }

    /** Runs everything due at {@code now}: adverts, master-down timeouts, delayed GARP bursts. */
    public void runTimers(long now, RouterActions out) {
        for (VirtualRouter r : routers) {
            if (r.garpDelayAt <= now) {
                r.garpDelayAt = VirtualRouter.NEVER;
                if (r.vipSet) {
                    out.sendGratuitous(r, r.config.garp().masterRepeat());
                }
            }
            if (r.lowerPrioGarpAt <= now) {
                r.lowerPrioGarpAt = VirtualRouter.NEVER;
                if (r.vipSet) {
                    out.sendGratuitous(r, r.config.garp().lowerPrioRepeat());
                }
            }
            if (r.sands > now) {
                continue;
            }
            VrrpState before = r.state;
            if (r.state == VrrpState.BACKUP) {
                out.logDetail("(" + r.name() + ") Receive advertisement timeout");
                r.wantState = VrrpState.MASTER;
                r.gotoMaster(now, out);
            } else if (r.state == VrrpState.MASTER) {
                r.masterTransmit(now, out);
            }
            if (r.group != null) {
                r.group.afterTransition(r, before, now, out);
            }
            r.initSands(now);
        }
    }

    /** An advert arrived for {@code r} (the caller matched the socket and VRID). */
    public void receive(VirtualRouter r, Reception in, long now, RouterActions out) {
        if (r.state == VrrpState.FAULT || r.state == VrrpState.INIT) {
            return;
        }
        if (!in.view.isIpv4() && in.multicast == r.config.isUnicast()) {
            out.logDetail("(" + r.name() + ") discarding " + (in.multicast ? "mult" : "un") + "icast packet on "
                    + (r.config.isUnicast() ? "un" : "mult") + "icast instance");
            return;
        }
        VrrpState before = r.state;
        boolean[] sent = {false};
        if (r.state == VrrpState.BACKUP) {
            AdvertHandler.backup(r, in, now, out);
        } else if (AdvertHandler.master(r, in, now, out, sent)) {
            r.leaveMaster(now, false, out);
        }
        if (r.group != null) {
            r.group.afterTransition(r, before, now, out);
        }
        // keepalived restarts a master's advert timer whenever it receives anything; we only
        // do when an advert went out, so bad packets cannot hold our adverts back.
        if (r.state != VrrpState.MASTER || sent[0]) {
            r.initSands(now);
        }
    }

    /** A tracked interface went up or down (IFF_UP and IFF_RUNNING). */
    public void interfaceChanged(String name, boolean up, long now, RouterActions out) {
        Boolean was = interfaceUp.get(name);
        if (was == null || was == up) {
            return;
        }
        interfaceUp.put(name, up);
        out.log("Netlink reports " + name + " " + (up ? "up" : "down"));
        for (Link l : interfaceLinks.get(name)) {
            if (l.weight != 0) {
                Tracking.adjust(l.router, (up ? 1 : -1) * Math.abs(l.weight) * l.multiplier, out);
            } else if (up == (l.multiplier == 1)) {
                Tracking.tryUp(l.router, false, now, out);
            } else {
                Tracking.down(l.router, now, out);
            }
        }
    }

    /** One run of a tracked script ended: {@code success} is exit status 0 within the timeout. */
    public void scriptResult(String name, boolean success, String how, long now, RouterActions out) {
        TrackScript s = scripts.get(name);
        if (s == null) {
            return;
        }
        TrackScript.Change change = s.record(success);
        if (change != TrackScript.Change.NONE) {
            out.log("VRRP_Script(" + name + ") " + how);
            for (Link l : scriptLinks.getOrDefault(name, List.of())) {
                Tracking.script(l.router, s, l.weight, l.multiplier, change == TrackScript.Change.UP, now, out);
            }
        }
        s.settle();
    }

    /** A tracked file now holds {@code value}. */
    public void fileValue(String name, long value, long now, RouterActions out) {
        Long previous = fileValues.get(name);
        if (previous == null || previous == value) {
            return;
        }
        fileValues.put(name, value);
        for (Link l : fileLinks.getOrDefault(name, List.of())) {
            Tracking.file(l.router, l.weight, Tracking.fileStatus(previous, l.weight, l.multiplier),
                    Tracking.fileStatus(value, l.weight, l.multiplier), now, out);
        }
    }

    /**
     * Someone deleted one of a master's VIPs (keepalived's {@code set_vrrp_backup}): it steps
     * down with a priority 0 and takes over again one skew later, re-adding the addresses.
     */
    public void vipDeleted(VirtualRouter r, long now, RouterActions out) {
        if (r.state != VrrpState.MASTER) {
            return;
        }
        r.wantState = VrrpState.BACKUP;
        r.leaveMaster(now, true, out);
        if (r.group != null) {
            for (VirtualRouter member : r.group.members) {
                if (member.state == VrrpState.MASTER) {
                    member.wantState = VrrpState.BACKUP;
                    member.leaveMaster(now, true, out);
                    member.msDownTimer = member.skew();
                    member.initSands(now);
                }
            }
            r.group.state = VrrpState.BACKUP;
        }
        r.msDownTimer = r.skew();
        r.initSands(now);
    }

    /**
     * The interface's address that serves as advert source (when none is configured)
     * changed. An instance that had none, and so was in FAULT, may come up.
     */
    public void sourceAddressChanged(VirtualRouter r, byte[] address, long now, RouterActions out) {
        if (r.config.sourceAddress() != null || address == null) {
            return; // keepalived keeps sending from the old address until one appears
        }
        boolean had = r.sourceAddress != null;
        r.useSourceAddress(address);
        if (!had && r.state != VrrpState.INIT && r.faults > 0) {
            Tracking.tryUp(r, false, now, out);
        }
    }

    /**
     * Shutdown (SIGTERM): every MASTER sends a priority-0 advert and drops its VIPs, then
     * every instance and group notifies STOP.
     */
    public void shutdown(long now, RouterActions out) {
        for (VirtualRouter r : routers) {
            if (r.state == VrrpState.MASTER) {
                r.restoreInterface(true, false, out);
            }
        }
        for (VirtualRouter r : routers) {
            r.state = VrrpState.STOP;
            r.sands = VirtualRouter.NEVER;
            r.notifyState(out);
        }
        for (SyncGroup g : groups.values()) {
            g.state = VrrpState.STOP;
            out.notifyGroup(g, VrrpState.STOP);
        }
    }
}
