package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.Step;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The health of every virtual server as its checkers report it: each checker's last state,
 * whether each real server is alive (all its checkers up) and its weight, and each virtual
 * server's quorum. Deterministic and single-threaded; it does no I/O but returns the
 * {@link LvsEvent}s a change causes, following keepalived's {@code update_svr_checker_state}
 * and {@code update_quorum_state}.
 */
public final class PoolState {

    /**
     * What a change did: the events to act on, the virtual server whose IPVS entries may differ,
     * and, when only one real server's entries can have changed (no quorum change), that one.
     */
    public record Change(List<LvsEvent> events, Optional<VirtualServerId> dirty, Optional<RealServerKey> only) {
        static final Change NONE = new Change(List.of(), Optional.empty(), Optional.empty());

        Change(List<LvsEvent> events) {
            this(events, Optional.empty(), Optional.empty());
        }
    }

    private final Map<VirtualServerId, VsState> servers = new LinkedHashMap<>();
    private final Map<CheckerRef, RsState> owners = new HashMap<>();

    private PoolState() {
    }

    /**
     * The state at start-up: each checker in the state {@code initial} gives it (up, or down
     * with alpha; a FILE_CHECK as its file says), and each quorum as the resulting weights say.
     */
    public static PoolState start(List<VirtualServerSpec> config, Function<CheckerRef, CheckerState> initial) {
        PoolState pool = new PoolState();
        for (VirtualServerSpec vs : config) {
            VsState s = pool.add(vs, initial);
            s.recount();
            s.quorumUp = Quorum.initial(s.live, vs.quorum(), vs.hysteresis());
        }
        return pool;
    }

    /**
     * The events of start-up, as keepalived's init_service_vs calls update_quorum_state with
     * {@code init}: a quorum held is gained ("Gained quorum", quorum_up, "Starting with quorum
     * up" in the alert), and one lost is notified ("Starting with quorum down") when a sorry
     * server takes over.
     */
    public List<LvsEvent> startEvents() {
        List<LvsEvent> events = new ArrayList<>();
        for (VsState s : servers.values()) {
            s.startEvent().ifPresent(events::add);
        }
        return events;
    }

    private VsState add(VirtualServerSpec vs, Function<CheckerRef, CheckerState> initial) {
        VsState s = new VsState(vs);
        for (RealServerSpec rs : vs.realServers()) {
            RsState r = new RsState(rs);
            for (CheckerRef ref : refs(vs.id(), rs)) {
                r.checkers.put(ref, initial.apply(ref));
                owners.put(ref, r);
            }
            s.realServers.put(rs.key(), r);
        }
        servers.put(vs.id(), s);
        return s;
    }

    /** The refs of a real server's checks: spec plus ordinal among equal specs. */
    static List<CheckerRef> refs(VirtualServerId vs, RealServerSpec rs) {
        List<CheckerRef> refs = new ArrayList<>();
        Map<CheckSpec, Integer> seen = new HashMap<>();
        for (CheckSpec c : rs.checks()) {
            int ordinal = seen.merge(c, 1, Integer::sum) - 1;
            refs.add(new CheckerRef(vs, rs.key(), c, ordinal));
        }
        return refs;
    }

    public List<VirtualServerSpec> config() {
        return servers.values().stream().map(s -> s.spec).toList();
    }

    public List<CheckerRef> checkers() {
        return List.copyOf(owners.keySet());
    }

    /** Every checker in the configuration's order: virtual servers, their real servers, their checks. */
    public List<CheckerRef> checkersInOrder() {
        List<CheckerRef> refs = new ArrayList<>();
        for (VsState vs : servers.values()) {
            for (RsState rs : vs.realServers.values()) {
                refs.addAll(refs(vs.spec.id(), rs.spec));
            }
        }
        return refs;
    }

    public Optional<CheckerState> checkerState(CheckerRef ref) {
        RsState r = owners.get(ref);
        return r == null ? Optional.empty() : Optional.of(r.checkers.get(ref));
    }

    public Map<VirtualServerId, VirtualServerHealth> health() {
        Map<VirtualServerId, VirtualServerHealth> out = new LinkedHashMap<>();
        servers.forEach((id, s) -> out.put(id, s.health()));
        return out;
    }

    public VirtualServerHealth health(VirtualServerId id) {
        return servers.get(id).health();
    }

    /** One real server's health. */
    public RealServerHealth health(VirtualServerId id, RealServerKey key) {
        return servers.get(id).realServers.get(key).health();
    }

    /** Whether the virtual server's quorum holds. */
    public boolean quorumUp(VirtualServerId id) {
        return servers.get(id).quorumUp;
    }

    public Optional<VirtualServerSpec> virtualServer(VirtualServerId id) {
        VsState s = servers.get(id);
        return s == null ? Optional.empty() : Optional.of(s.spec);
    }

    /**
     * A checker finished a try. Unknown refs (a checker a reload retired) change nothing.
     */
    public Change onStep(CheckerRef ref, Step step) {
        return onStep(ref, step, Optional.empty());
    }

    /** The same, with the failed try's words ({@link Attempt.Failed#reason()}) for the checker's mail. */
    public Change onStep(CheckerRef ref, Step step, Optional<String> failure) {
        RsState r = owners.get(ref);
        if (r == null) {
            return Change.NONE;
        }
        VsState vs = servers.get(ref.virtualServer());
        CheckerState before = r.checkers.get(ref);
        boolean aliveBefore = r.alive();
        int weightBefore = r.health().ipvsWeight();
        r.checkers.put(ref, step.state());
        List<LvsEvent> events = new ArrayList<>();
        if (step.verdict() != Step.Verdict.NONE) {
            boolean verdictUp = step.verdict() == Step.Verdict.UP;
            if (before.up() == verdictUp && !before.hasRun() && (alpha(ref.spec()) || !verdictUp)) {
                events.add(new LvsEvent.RealServerConfirmed(vs.spec, r.spec, r.alive()));
            }
        }
        boolean aliveAfter = r.alive();
        int weightAfter = r.health().ipvsWeight();
        boolean parked = !vs.quorumUp && vs.spec.sorryServer().isPresent();
        LvsEvent.CheckerFlipped flipped = before.up() == step.state().up() ? null
                : new LvsEvent.CheckerFlipped(vs.spec, r.spec, ref.spec(), step.state().up(), aliveBefore, aliveAfter,
                        step.state().up() ? Optional.empty() : failure);
        if (aliveAfter != aliveBefore) {
            events.add(new LvsEvent.RealServerChanged(vs.spec, r.spec, aliveAfter, parked));
        } else if (weightAfter != weightBefore) {
            events.add(new LvsEvent.WeightChanged(vs.spec, r.spec, weightBefore, weightAfter, aliveAfter && !parked));
        } else {
            if (flipped != null) {
                events.add(flipped);
            }
            return new Change(events);
        }
        vs.live += (aliveAfter ? weightAfter : 0) - (aliveBefore ? weightBefore : 0);
        boolean quorumBefore = vs.quorumUp;
        vs.updateQuorum(events, false);
        if (flipped != null) { // keepalived mails the checker's change after the quorum's
            events.add(flipped);
        }
        return new Change(events, Optional.of(vs.spec.id()),
                vs.quorumUp == quorumBefore ? Optional.of(r.spec.key()) : Optional.empty());
    }

    private static boolean alpha(CheckSpec spec) {
        return spec instanceof CheckSpec.Scheduled s ? s.timing().alpha() : spec instanceof CheckSpec.Bfd b && b.alpha();
    }

    /** The outcome of a reload: the new state, and what it did. */
    public record Reload(PoolState state, List<LvsEvent> events, List<CheckerRef> kept) {
    }

    /**
     * The state for a new configuration, as keepalived's {@code clear_diff_services} derives it:
     * a virtual server with an unchanged id keeps its quorum state; a real server with an
     * unchanged key keeps the state of every checker whose spec is unchanged; other checkers
     * start as {@code fresh} says, except that while the server has a failed checker, new alpha
     * checkers start down. Removed servers produce their events.
     */
    public Reload reload(List<VirtualServerSpec> newConfig, Function<CheckerRef, CheckerState> fresh) {
        PoolState next = new PoolState();
        List<LvsEvent> events = new ArrayList<>();
        List<CheckerRef> kept = new ArrayList<>();
        Map<VirtualServerId, VirtualServerSpec> incoming = new LinkedHashMap<>();
        newConfig.forEach(vs -> incoming.put(vs.id(), vs));
        for (VsState old : servers.values()) {
            VirtualServerSpec replacement = incoming.get(old.spec.id());
            if (replacement == null) {
                for (RsState r : old.realServers.values()) {
                    events.add(new LvsEvent.RealServerRemoved(old.spec, r.spec, r.alive(), false));
                }
                events.add(new LvsEvent.VirtualServerRemoved(old.spec, old.quorumUp, false));
                continue;
            }
            for (RsState r : old.realServers.values()) {
                if (replacement.realServer(r.spec.key()).isEmpty()) {
                    events.add(new LvsEvent.RealServerRemoved(old.spec, r.spec, r.alive(), false));
                }
            }
        }
        for (VirtualServerSpec vs : newConfig) {
            VsState old = servers.get(vs.id());
            VsState s = next.add(vs, ref -> carried(old, ref, fresh, kept));
            if (old == null) {
                s.recount();
                s.quorumUp = Quorum.initial(s.live, vs.quorum(), vs.hysteresis());
                s.startEvent().ifPresent(events::add); // a new virtual server starts as at start-up
            } else {
                s.quorumUp = old.quorumUp;
                for (RsState r : s.realServers.values()) {
                    RsState before = old.realServers.get(r.spec.key());
                    if (before != null) {
                        startAlphaDownIfFailing(r, before, fresh);
                    }
                }
                s.recount();
                s.updateQuorum(events, false);
            }
        }
        return new Reload(next, events, kept);
    }

    private static CheckerState carried(VsState old, CheckerRef ref, Function<CheckerRef, CheckerState> fresh,
                                        List<CheckerRef> kept) {
        CheckerState initial = fresh.apply(ref);
        if (old == null) {
            return initial;
        }
        RsState r = old.realServers.get(ref.realServer());
        if (r == null || !r.checkers.containsKey(ref)) {
            return initial;
        }
        kept.add(ref);
        int retry = ref.spec() instanceof CheckSpec.Scheduled s ? s.timing().retry() : 0;
        return r.checkers.get(ref).migrateTo(initial, retry);
    }

    /** keepalived's {@code migrate_checkers}: with a failed checker, untested new alpha checkers start down. */
    private static void startAlphaDownIfFailing(RsState r, RsState before, Function<CheckerRef, CheckerState> fresh) {
        boolean failing = r.checkers.values().stream().anyMatch(c -> c.hasRun() && !c.up());
        boolean untestedDown = !before.alive() && r.checkers.values().stream().noneMatch(CheckerState::hasRun);
        if (!failing && !untestedDown) {
            return;
        }
        r.checkers.replaceAll((ref, state) -> {
            if (state.hasRun() || before.checkers.containsKey(ref)) {
                return state;
            }
            CheckerState f = fresh.apply(ref);
            return alpha(ref.spec()) ? new CheckerState(false, false, f.retryIt(), 0, -1, 0) : f;
        });
    }

    /** The events of shutting down: every real server and virtual server is removed. */
    public List<LvsEvent> stop() {
        List<LvsEvent> events = new ArrayList<>();
        for (VsState s : servers.values()) {
            for (RsState r : s.realServers.values()) {
                events.add(new LvsEvent.RealServerRemoved(s.spec, r.spec, r.alive(), true));
            }
            events.add(new LvsEvent.VirtualServerRemoved(s.spec, s.quorumUp, true));
        }
        return events;
    }

    private static final class VsState {
        final VirtualServerSpec spec;
        final Map<RealServerKey, RsState> realServers = new LinkedHashMap<>();
        boolean quorumUp;
        /** The live weight, kept up to date change by change (a sum over thousands of servers per check would not do). */
        long live;

        VsState(VirtualServerSpec spec) {
            this.spec = spec;
        }

        void recount() {
            long sum = 0;
            for (RsState r : realServers.values()) {
                if (r.alive()) {
                    sum += r.health().ipvsWeight();
                }
            }
            live = sum;
        }

        VirtualServerHealth health() {
            Map<RealServerKey, RealServerHealth> rs = new LinkedHashMap<>();
            realServers.forEach((k, r) -> rs.put(k, r.health()));
            return new VirtualServerHealth(quorumUp, rs);
        }

        /** What keepalived notifies of this virtual server's quorum as it starts (see {@link #startEvents}). */
        Optional<LvsEvent> startEvent() {
            if (quorumUp) {
                return Optional.of(new LvsEvent.QuorumChanged(spec, true, spec.quorum() + spec.hysteresis(), live, true));
            }
            if (spec.sorryServer().isPresent()) {
                return Optional.of(new LvsEvent.QuorumChanged(spec, false, spec.quorum() - spec.hysteresis(), live, true));
            }
            return Optional.empty();
        }

        void updateQuorum(List<LvsEvent> events, boolean atStart) {
            boolean up = Quorum.next(quorumUp, live, spec.quorum(), spec.hysteresis());
            if (up != quorumUp) {
                long threshold = spec.quorum() + (quorumUp ? -1 : 1) * spec.hysteresis();
                quorumUp = up;
                events.add(new LvsEvent.QuorumChanged(spec, up, threshold, live, atStart));
            }
        }
    }

    private static final class RsState {
        final RealServerSpec spec;
        final Map<CheckerRef, CheckerState> checkers = new LinkedHashMap<>();

        RsState(RealServerSpec spec) {
            this.spec = spec;
        }

        boolean alive() {
            for (CheckerState c : checkers.values()) {
                if (!c.up()) {
                    return false;
                }
            }
            return true;
        }

        RealServerHealth health() {
            long weight = spec.weight();
            for (CheckerState c : checkers.values()) {
                weight += c.weightDelta();
            }
            return new RealServerHealth(alive(), weight);
        }
    }
}
