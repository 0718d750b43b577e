package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.RouterTimers.Timer;
import io.lvsj.keepalived.vrrp.config.SyncGroupConfig;
import io.lvsj.keepalived.vrrp.config.TrackFileConfig;
import io.lvsj.keepalived.vrrp.config.TrackProcessConfig;
import io.lvsj.keepalived.vrrp.config.Tracked;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import io.lvsj.keepalived.vrrp.config.VrrpScriptConfig;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * keepalived's VRRP process as a pure state machine: every instance and sync group of one
 * configuration, driven by the shell with the current time (microseconds of a monotonic
 * clock) and what happened (a timer ran out, an advert arrived, a link, script or file
 * changed), and answering through {@link RouterActions}. It reads no clock and does no I/O,
 * so a test drives it through hours of protocol in microseconds.
 *
 * <p>Only the VRRP thread calls it.
 */
public final class VrrpEngine {
    private final VrrpConfig config;
    private final List<VirtualRouter> routers;
    private final List<SyncGroup> groups = new ArrayList<>();
    final Tracking tracking;

    /** The configuration this engine runs. */
    public VrrpConfig config() {
        return config;
    }

    public VrrpEngine(VrrpConfig config) {
        this.config = config;
        this.routers = config.instances().stream().map(VirtualRouter::new).toList();
        for (SyncGroupConfig g : config.syncGroups()) {
            groups.add(new SyncGroup(g, g.members().stream().map(this::router).filter(r -> r != null).toList()));
        }
        this.tracking = new Tracking(config.scripts(), config.trackFiles());
    }

    public List<VirtualRouter> routers() {
        return routers;
    }

    public List<SyncGroup> groups() {
        return List.copyOf(groups);
    }

    /** The instance called {@code name}, or {@code null}. */
    public VirtualRouter router(String name) {
        return routers.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    /** Every interface some instance depends on: its own (unless {@code dont_track_primary}) and tracked ones. */
    public List<String> trackedInterfaces() {
        Set<String> names = new LinkedHashSet<>();
        for (VirtualRouter r : routers) {
            names.addAll(interfacesOf(r.config()));
        }
        return List.copyOf(names);
    }

    /** The scripts some instance tracks: only those run (keepalived.md §1.7). */
    public List<VrrpScriptConfig> trackedScripts() {
        return tracking.scripts().values().stream().filter(s -> isTracked(Tracked.Kind.SCRIPT, s.name()))
                .map(TrackScript::config).toList();
    }

    /** The files some instance tracks. */
    public List<TrackFileConfig> trackedFiles() {
        return tracking.files().values().stream().filter(f -> isTracked(Tracked.Kind.FILE, f.name())).toList();
    }

    private boolean isTracked(Tracked.Kind kind, String name) {
        return routers.stream().anyMatch(r -> tracks(r.config(), kind, name));
    }

    private static boolean tracks(VirtualRouterConfig c, Tracked.Kind kind, String name) {
        return c.tracked().stream().anyMatch(t -> t.kind() == kind && t.name().equals(name));
    }

    private static Set<String> interfacesOf(VirtualRouterConfig c) {
        Set<String> names = new LinkedHashSet<>();
        if (!c.dontTrackPrimary()) {
            names.add(c.interfaceName());
            if (c.virtualLink() != null) {
                names.add(c.virtualLink().name());
            }
        }
        c.tracked().stream().filter(t -> t.kind() == Tracked.Kind.INTERFACE).forEach(t -> names.add(t.name()));
        names.addAll(c.trackedAddressVmacs());
        return names;
    }

    /**
     * Starts every instance: BACKUP, timing a master from {@code now}, or FAULT when something
     * it depends on is down or missing ({@code interfaceUp} says false for an interface that
     * does not exist yet; it leaves FAULT when {@link #interfaceChanged} reports it up).
     *
     * @param fileValues the tracked files' values at start
     */
    public void start(long now, Predicate<String> interfaceUp, Map<String, Long> fileValues,
                      RouterActions actions) {
        tracking.begin(trackedInterfaces(), interfaceUp, fileValues);
        long delay = config.globals().startupDelay().toNanos() / 1000;
        if (delay > 0) {
            actions.log("Delaying startup for " + new java.text.DecimalFormat("0.######",
                    java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(delay / 1e6) + " seconds");
            routers.forEach(r -> r.delayedStartUntil = now + delay);
        }
        routers.forEach(r -> assess(r, actions));
        StateTransitions.reportStartFaults(routers, actions);
        for (VirtualRouter r : routers) {
            boolean faulted = r.fault() != null || (r.group != null && r.group.faulted());
            StateTransitions.initialise(r, now, true, faulted, actions);
        }
        groups.forEach(g -> g.started(actions));
    }

    /**
     * keepalived's SIGHUP (keepalived.md §2.7): this engine, built from the new
     * configuration, takes over from {@code previous}, changing only what changed. See {@link Reload}.
     */
    public void takeOver(VrrpEngine previous, long now, Predicate<String> interfaceUp, Map<String, Long> fileValues,
                         RouterActions actions) {
        tracking.begin(trackedInterfaces(), interfaceUp, fileValues);
        tracking.carryScriptsFrom(previous.tracking);
        Reload.takeOver(this, previous, now, actions);
    }

    /** The earliest deadline of any instance, or {@link VirtualRouter#NEVER}. */
    public long nextDeadline() {
        long next = VirtualRouter.NEVER;
        for (VirtualRouter r : routers) {
            next = Math.min(next, r.deadline());
        }
        return next;
    }

    /** Runs every timer due at {@code now}. */
    public void runTimers(long now, RouterActions actions) {
        for (VirtualRouter r : routers) {
            if (r.timers.next() > now) {
                continue;
            }
            if (r.state == VrrpState.BACKUP && r.timers.due(Timer.MASTER_DOWN, now)) {
                masterDown(r, now, actions);
            }
            if (r.state == VrrpState.MASTER) {
                MasterDuties.run(r, now, actions);
            }
        }
    }

    /**
     * The down timer ran out: the router wants MASTER (RFC 3768 §6.4.2). In a sync group it
     * gets there only with all the others; until then it keeps timing.
     */
    private static void masterDown(VirtualRouter r, long now, RouterActions actions) {
        r.timers.stop(Timer.MASTER_DOWN);
        r.wantState = VrrpState.MASTER;
        if (r.group == null) {
            StateTransitions.becomeMaster(r, now, actions);
        } else if (r.group.allWantMaster()) {
            r.group.goToMaster(now, actions);
        } else {
            actions.logDetail("(" + r.name() + ") wants MASTER; waiting for the rest of sync group " + r.group.name());
            r.startDownTimer(now, r.masterDownInterval());
        }
    }

    /** An advert for {@code r} arrived. Ignored in FAULT: the instance takes no part in VRRP then. */
    public void receive(VirtualRouter r, Reception in, long now, RouterActions actions) {
        if (r.state != VrrpState.BACKUP && r.state != VrrpState.MASTER) {
            return;
        }
        r.stats().advertRcvd++;
        if (!AdvertCheck.accepts(r, in, actions)) {
            return;
        }
        if (r.state == VrrpState.BACKUP) {
            Election.backupHears(r, in, now, actions);
        } else {
            Election.masterHears(r, in, now, actions);
        }
    }

    /** A link went up or down, or appeared (up) or disappeared (down). */
    public void interfaceChanged(String name, boolean up, long now, RouterActions actions) {
        if (!tracking.interfaceChanged(name, up)) {
            return;
        }
        for (VirtualRouter r : routers) {
            if (interfacesOf(r.config()).contains(name)) {
                reassess(r, now, actions);
            }
        }
    }

    /** A tracked script finished a run; {@code how} is "succeeded", "failed", "timed out"… as logged. */
    public void scriptResult(String name, boolean success, String how, long now, RouterActions actions) {
        TrackScript script = tracking.scripts().get(name);
        if (script == null || !script.record(success)) {
            return;
        }
        actions.log("VRRP_Script(" + name + ") " + how);
        for (VirtualRouter r : routers) {
            if (tracks(r.config(), Tracked.Kind.SCRIPT, name)) {
                reassess(r, now, actions);
            }
        }
    }

    /** The quorums of the tracked processes when the engine starts (or takes over in a reload). */
    public void processQuorums(Map<String, Boolean> quorums) {
        tracking.beginProcesses(quorums);
    }

    /** The {@code vrrp_track_process}es some instance tracks. */
    public List<TrackProcessConfig> trackedProcesses() {
        return config.trackProcesses().stream().filter(p -> isTracked(Tracked.Kind.PROCESS, p.name())).toList();
    }

    /** A tracked process gained or lost its quorum (keepalived's {@code process_update_track_process_status}). */
    public void processQuorum(String name, boolean quorum, long now, RouterActions actions) {
        if (!tracking.processChanged(name, quorum)) {
            return;
        }
        actions.log("Quorum " + (quorum ? "gained" : "lost") + " for tracked process " + name);
        for (VirtualRouter r : routers) {
            if (tracks(r.config(), Tracked.Kind.PROCESS, name)) {
                reassess(r, now, actions);
            }
        }
    }

    /** A BFD session came up or went down (keepalived's {@code vrrp_handle_bfd_event}). */
    public void bfdState(String name, boolean up, long now, RouterActions actions) {
        if (!tracking.bfdChanged(name, up)) {
            return;
        }
        for (VirtualRouter r : routers) {
            if (tracks(r.config(), Tracked.Kind.BFD, name)) {
                actions.log("VRRP_Instance(" + r.name() + ") Tracked BFD instance " + name + " is "
                        + (up ? "UP" : "DOWN"));
                reassess(r, now, actions);
            }
        }
    }

    /** A tracked file now holds {@code value}. */
    public void fileValue(String name, long value, long now, RouterActions actions) {
        if (!tracking.fileChanged(name, value)) {
            return;
        }
        for (VirtualRouter r : routers) {
            if (tracks(r.config(), Tracked.Kind.FILE, name)) {
                reassess(r, now, actions);
            }
        }
    }

    /**
     * Someone removed one of a master's VIPs from outside: keepalived goes to BACKUP and lets
     * the election run again (keepalived.md §3.4 "VIP deleted from outside"). Nobody else
     * knows the master left, so we time the new election like a priority 0: one skew, after
     * which we take over again with every VIP, unless a better router spoke up meanwhile.
     */
    public void vipDeleted(VirtualRouter r, long now, RouterActions actions) {
        if (r.state != VrrpState.MASTER) {
            return;
        }
        StateTransitions.stepDown(r, now, actions);
        r.startDownTimer(now, r.skew());
        if (r.group != null) {
            r.group.memberSteppedDown(now, actions);
        }
    }

    /** The interface of an instance configured without a source got an address to send from. */
    public void sourceAddressChanged(VirtualRouter r, byte[] address, long now, RouterActions actions) {
        if (r.learnSourceAddress(address)) {
            reassess(r, now, actions);
        }
    }

    /**
     * An address of {@code r}'s interface was deleted; if {@code r} sent from it and has no
     * {@code replacement}, it goes to FAULT until an address comes back.
     */
    public void sourceAddressRemoved(VirtualRouter r, byte[] removed, byte[] replacement, long now,
                                     RouterActions actions) {
        if (r.loseSourceAddress(removed, replacement)) {
            reassess(r, now, actions);
        }
    }

    /** keepalived's SIGTERM (keepalived.md §2.8). */
    public void shutdown(long now, RouterActions actions) {
        routers.forEach(r -> StateTransitions.stop(r, actions));
        groups.forEach(g -> g.stop(actions));
    }

    /** Works out {@code r}'s effective priority and fault from the tracked world, without acting on them. */
    void assess(VirtualRouter r, RouterActions actions) {
        Tracking.Outcome outcome = tracking.evaluate(r.config());
        int priority = Math.min(Tracking.effectivePriority(r.basePriority(), outcome.weight()),
                r.ownershipConceded ? 254 : 255);
        int before = r.effectivePriority;
        r.effectivePriority = priority;
        // Before the first state (start-up, a new instance on reload) there is nothing to report.
        if (priority != before && r.state != VrrpState.INIT) {
            actions.log("(" + r.name() + ") Changing effective priority from " + before + " to " + priority);
            if (r.config().notifyPriorityChanges()) {
                actions.notifyEvent(r, RouterEvent.PRIORITY_CHANGE);
            }
        }
        List<FaultReason> faults = new ArrayList<>(outcome.faults());
        if (r.config().configFault()) {
            faults.add(new FaultReason.Configuration());
        }
        if (r.sourceAddress() == null) {
            faults.add(new FaultReason.NoAddress(r.isIpv4()));
        }
        r.faults = List.copyOf(faults);
    }

    /** The tracked world changed for {@code r}: new priority, and into or out of FAULT if that changed. */
    void reassess(VirtualRouter r, long now, RouterActions actions) {
        assess(r, actions);
        if (r.group != null) {
            r.group.reconcileFault(now, actions);
        } else if (r.fault() != null && r.state != VrrpState.FAULT) {
            StateTransitions.enterFault(r, actions);
        } else if (r.fault() == null && r.state == VrrpState.FAULT) {
            StateTransitions.leaveFault(r, now, actions);
        }
    }
}
