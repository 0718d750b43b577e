package io.lvsj.keepalived.healthcheckers;

import io.lvsj.ipvs.CommandFailure;
import io.lvsj.ipvs.Ipvs;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.IpvsTable;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.keepalived.bfd.BfdEvents;
import io.lvsj.keepalived.check.CheckScheduler;
import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.BfdVerdict;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.Checker;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.FileVerdict;
import io.lvsj.keepalived.check.Step;
import io.lvsj.keepalived.check.probe.ProbeFactory;
import io.lvsj.keepalived.lib.TrackFileWatcher;
import io.lvsj.keepalived.lib.TrackedFileValue;
import io.lvsj.keepalived.lvs.BoundVips;
import io.lvsj.keepalived.lvs.CheckerRef;
import io.lvsj.keepalived.lvs.DesiredTable;
import io.lvsj.keepalived.lvs.LvsEvent;
import io.lvsj.keepalived.lvs.LvsNotifier;
import io.lvsj.keepalived.lvs.LvsSettings;
import io.lvsj.keepalived.lvs.Names;
import io.lvsj.keepalived.lvs.PoolState;
import io.lvsj.keepalived.lvs.RealServerHealth;
import io.lvsj.keepalived.lvs.RealServerSpec;
import io.lvsj.keepalived.lvs.Reconciler;
import io.lvsj.keepalived.lvs.VirtualServerHealth;
import io.lvsj.keepalived.lvs.VirtualServerId;
import io.lvsj.keepalived.lvs.VirtualServerSpec;
import io.lvsj.metrics.OwnedSnapshot;
import org.slf4j.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * keepalived's checker process: runs the health checks of every virtual server and keeps IPVS
 * equal to what their results call for. Checks run on virtual threads from one
 * {@link CheckScheduler}; everything else (the {@link PoolState}, the {@link Reconciler}, the
 * notify scripts) happens in order on one thread of its own, so neither a slow check nor a
 * slow kernel delays the other, and VRRP, on its own threads, is never behind either.
 */
public final class Healthcheckers implements AutoCloseable {
    /** How often draining destinations are looked at. */
    static final Duration DRAIN_POLL = Duration.ofSeconds(1);
    /** How soon a VIP that could not be bound (no such interface yet) is tried again. */
    static final Duration VIP_RETRY = Duration.ofSeconds(2);

    private final Ipvs ipvs;
    private final LvsNotifier notifier;
    private final Logger log;
    private final ScheduledExecutorService events;
    private final Reconciler reconciler;
    private final CheckerFleet fleet;
    private final IpvsNamespace ipvsNamespace;
    private final VipBinder vips;
    private LvsSettings settings = LvsSettings.DEFAULT;
    /** The configuration by id, readable from checker threads. */
    private volatile Map<VirtualServerId, VirtualServerSpec> specs = Map.of();
    private PoolState pool = PoolState.start(List.of(), ref -> CheckerState.initial(false, 0));
    private boolean drainPolling;
    private boolean vipRetrying;
    private volatile CheckObserver observer = CheckObserver.NONE;
    private final List<Runnable> unfollow = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Healthcheckers(Ipvs ipvs, ProbeFactory probes, CheckScheduler scheduler, LvsNotifier notifier,
                          Logger log, RandomGenerator random) {
        this(ipvs, IpvsNamespace.own(), probes, scheduler, notifier, log, random);
    }

    /**
     * @param ipvsNamespace where {@code ipvs} is: {@code vip_bind_dev}'s VIPs and the sloppy
     *                      modes are set there
     */
    public Healthcheckers(Ipvs ipvs, IpvsNamespace ipvsNamespace, ProbeFactory probes, CheckScheduler scheduler,
                          LvsNotifier notifier, Logger log, RandomGenerator random) {
        this.ipvs = ipvs;
        this.ipvsNamespace = ipvsNamespace;
        this.vips = new VipBinder(ipvsNamespace::openRtnl, log);
        this.notifier = notifier;
        this.log = log;
        this.events = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("lvsj-healthcheckers").unstarted(r));
        this.reconciler = new Reconciler(ipvs, System::nanoTime);
        try {
            TrackFileWatcher files = new TrackFileWatcher((path, value) -> events.execute(() -> fileChanged(path, value)));
            this.fleet = new CheckerFleet(probes, scheduler, random, log, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch tracked files", e);
        }
    }

    /** Sets up IPVS for {@code config} (adopting what matches) and starts its checkers. */
    public Reconciler.Result start(List<VirtualServerSpec> config) {
        return start(config, LvsSettings.DEFAULT);
    }

    /** {@link #start(List)} with the global IPVS settings. */
    public Reconciler.Result start(List<VirtualServerSpec> config, LvsSettings lvs) {
        return onEventThread(() -> {
            settings = lvs;
            if (lvs.flushAtStart()) {
                runCommand(new IpvsCommand.Flush());
            }
            lvs.timeouts().ifPresent(t -> runCommand(new IpvsCommand.SetTimeouts(t)));
            ipvsNamespace.setSloppyModes(lvs, log);
            pool = PoolState.start(config, this::initialState);
            specs = index(config);
            Reconciler.Result result = reconciler.start(desired());
            notifier.handle(pool.startEvents()); // as keepalived: the servers go in, then the quorum is told
            report(result);
            bindVips();
            fleet.start(pool.checkers(), pool, this::onReport);
            fleet.announce(pool);
            return result;
        });
    }

    /**
     * Applies a new configuration (SIGHUP): only what differs changes in IPVS, and unchanged
     * real servers keep their checkers, state and weight.
     */
    public Reconciler.Result reload(List<VirtualServerSpec> config) {
        return reload(config, settings);
    }

    /** {@link #reload(List)} with new global IPVS settings (timeouts are set again when they changed). */
    public Reconciler.Result reload(List<VirtualServerSpec> config, LvsSettings lvs) {
        return onEventThread(() -> {
            if (!lvs.timeouts().equals(settings.timeouts())) {
                lvs.timeouts().ifPresent(t -> runCommand(new IpvsCommand.SetTimeouts(t)));
            }
            ipvsNamespace.setSloppyModes(lvs, log);
            settings = lvs;
            List<VirtualServerSpec> old = pool.config();
            PoolState.Reload r = pool.reload(config, this::initialState);
            Set<CheckerRef> kept = new HashSet<>(r.kept());
            fleet.retain(kept);
            pool = r.state();
            specs = index(config);
            notifier.handle(r.events());
            Map<ServiceKey, Optional<Duration>> drains = new HashMap<>();
            for (VirtualServerSpec vs : old) {
                vs.services().forEach(k -> drains.put(k, vs.drain()));
            }
            for (VirtualServerSpec vs : config) {
                vs.services().forEach(k -> drains.put(k, vs.drain()));
            }
            Reconciler.Result result = reconciler.reload(desired(),
                    k -> drains.getOrDefault(k, Optional.empty()));
            report(result);
            bindVips();
            List<CheckerRef> fresh = new ArrayList<>(pool.checkers());
            fresh.removeIf(kept::contains);
            fleet.start(fresh, pool, this::onReport);
            fleet.announce(pool);
            pollDrains();
            return result;
        });
    }

    /**
     * Stops every checker and removes from IPVS what this process owns (or flushes, or leaves
     * everything, as the settings say); notify_down/quorum_down run only for virtual servers
     * with {@code omega}.
     */
    public Reconciler.Result stop() {
        return onEventThread(() -> {
            fleet.stopAll();
            notifier.handle(pool.stop());
            Reconciler.Result result = new Reconciler.Result(List.of(), List.of());
            if (settings.flushOnStop() == LvsSettings.FlushOnStop.FULL) {
                runCommand(new IpvsCommand.Flush());
            } else if (!settings.keepOnStop()) {
                result = reconciler.stop();
            }
            report(result);
            if (!settings.keepOnStop()) {
                vips.sync(BoundVips.configured(pool.config()), Set.of());
            }
            return result;
        });
    }

    /** {@link #stop()}, leaving IPVS as it is when {@code keepIpvs} ({@code -I}). */
    public Reconciler.Result stop(boolean keepIpvs) {
        if (keepIpvs) {
            onEventThread(() -> {
                settings = settings.keepingOnStop();
                return null;
            });
        }
        return stop();
    }

    private void runCommand(IpvsCommand command) {
        try {
            ipvs.execute(command);
        } catch (io.lvsj.netlink.NetlinkException e) {
            log.info("IPVS: " + e.getMessage());
        }
    }

    /**
     * The addresses on this host's interfaces: virtual servers with {@code ha_suspend} check
     * only while one of their virtual addresses is here. {@code null} = not known (never suspend).
     */
    public void setLocalAddresses(Set<InetAddress> addresses) {
        onEventThread(() -> {
            fleet.setLocalAddresses(addresses, pool);
            return null;
        });
    }

    /** Tells {@code observer} of every try from now on (metrics). */
    public void observe(CheckObserver observer) {
        this.observer = observer;
    }

    /**
     * {@code view} of the pool for readers on other threads (scrapes): computed on the event
     * thread at most once per {@code maxAge} whatever the number of readers, never waited for by
     * that thread; a reader waits at most {@code patience} (see {@link OwnedSnapshot}).
     */
    public <T> OwnedSnapshot<T> snapshot(Function<PoolState, T> view, Duration maxAge, Duration patience) {
        return new OwnedSnapshot<>(events::execute, () -> view.apply(pool), maxAge, patience, System::nanoTime);
    }

    /** The health of every virtual server now. */
    public Map<VirtualServerId, VirtualServerHealth> health() {
        return onEventThread(() -> pool.health());
    }

    /** The IPVS table the configuration and health call for now. */
    public IpvsTable desiredTable() {
        return onEventThread(this::desired);
    }

    private static Map<VirtualServerId, VirtualServerSpec> index(List<VirtualServerSpec> config) {
        Map<VirtualServerId, VirtualServerSpec> out = new HashMap<>();
        config.forEach(vs -> out.put(vs.id(), vs));
        return Map.copyOf(out);
    }

    private IpvsTable desired() {
        return DesiredTable.of(pool.config(), pool.health());
    }

    private CheckerState initialState(CheckerRef ref) {
        return switch (ref.spec()) {
            case CheckSpec.Scheduled s -> CheckerState.initial(s.timing().alpha(), s.timing().retry());
            case CheckSpec.File f -> FileVerdict.initial(fileWeight(f, TrackFileWatcher.read(f.path())));
            case CheckSpec.Bfd b -> BfdVerdict.initial(b.alpha());
        };
    }

    private static OptionalLong fileWeight(CheckSpec.File f, OptionalLong value) {
        return TrackedFileValue.weight(value.orElse(0), f.weight(), f.reverse());
    }

    /**
     * A try ended (on its virtual thread). Only tries that change what the pool keeps go to the
     * event thread; the many that change nothing cost no hand-over.
     */
    private void onReport(Checker.Report<CheckerRef> report) {
        CheckerRef ref = report.checker().owner();
        observer.tried(ref, report.attempt().isPassed(), report.nanos());
        VirtualServerSpec vs = specs.get(ref.virtualServer());
        if (vs != null) {
            CheckerMessages.of(vs, ref.realServer(), report.checker().spec(), report.before(), report.attempt(),
                    report.step())
                    .ifPresent(log::info);
        }
        if (!report.changedOwnerState()) {
            return;
        }
        Optional<String> failure = report.attempt() instanceof Attempt.Failed f ? Optional.of(f.reason()) : Optional.empty();
        events.execute(() -> {
            if (!report.checker().stopped()) {
                apply(ref, report.step(), failure);
            }
        });
    }

    private void fileChanged(Path path, long value) {
        for (CheckerRef ref : fleet.following(path)) {
            CheckSpec.File f = (CheckSpec.File) ref.spec();
            pool.checkerState(ref).ifPresent(before ->
                    apply(ref, FileVerdict.next(before, fileWeight(f, OptionalLong.of(value)))));
        }
    }

    /**
     * BFD_CHECKs follow the sessions of {@code bfd} from now on (until {@link #close()}): what
     * keepalived's BFD process writes to the checker process's pipe, a session's change and,
     * at its start and reload, every session's state.
     */
    public void follow(BfdEvents bfd) {
        BfdEvents.Listener listener = new BfdEvents.Listener() {
            @Override
            public void changed(String session, boolean up) {
                bfdReported(session, up);
            }

            @Override
            public void reported(String session, boolean up) {
                bfdReported(session, up);
            }
        };
        bfd.follow(listener);
        unfollow.add(() -> bfd.unsubscribe(listener));
    }

    /**
     * The BFD process says that {@code session} is Up ({@code up}) or Down. Each BFD_CHECK
     * following it that does not already say so, or has not run, takes it as its verdict. Any
     * thread; does not block.
     */
    private void bfdReported(String session, boolean up) {
        long sent = System.nanoTime();
        try {
            events.execute(() -> bfdChanged(session, up, sent));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: the checkers are gone
        }
    }

    private void bfdChanged(String session, boolean up, long sent) {
        if (log.isDebugEnabled()) {
            log.debug("Received BFD event: instance " + session + " is in state " + (up ? "Up" : "Down")
                    + " (delivered in " + (System.nanoTime() - sent) / 1000 + " usec)");
        }
        for (CheckerRef ref : fleet.followingSession(session)) {
            VirtualServerSpec vs = pool.virtualServer(ref.virtualServer()).orElse(null);
            Optional<CheckerState> before = pool.checkerState(ref);
            if (vs == null || before.isEmpty()) {
                continue;
            }
            BfdVerdict.next(before.get(), up).ifPresent(step -> {
                log.info("BFD check of [" + session + "] RS(" + Names.realServer(vs, ref.realServer().address(),
                        ref.realServer().port()) + ") is " + (up ? "UP" : "DOWN"));
                apply(ref, step);
            });
        }
    }

    private void apply(CheckerRef ref, Step step) {
        apply(ref, step, Optional.empty());
    }

    private void apply(CheckerRef ref, Step step, Optional<String> failure) {
        PoolState.Change change = pool.onStep(ref, step, failure);
        notifier.handle(change.events());
        update(change);
        if (change.events().stream().anyMatch(e -> e instanceof LvsEvent.QuorumChanged)) {
            bindVips();
        }
    }

    private void update(PoolState.Change change) {
        change.dirty().flatMap(pool::virtualServer).ifPresent(vs -> {
            RealServerSpec only = change.only().flatMap(vs::realServer).orElse(null);
            if (only != null && !reconciler.draining() && vs.sorryServer().map(s -> !s.key().equals(only.key()))
                    .orElse(true)) {
                // one server moved and nothing else: its own destinations, O(1) whatever the pool's size
                RealServerHealth health = pool.health(vs.id(), only.key());
                boolean quorumUp = pool.quorumUp(vs.id());
                for (ServiceKey key : vs.services()) {
                    Optional<io.lvsj.ipvs.Destination> wanted =
                            DesiredTable.destination(vs, key, only, health, quorumUp);
                    report(reconciler.applyDestination(key, DesiredTable.destinationKey(key, only), wanted));
                }
                return;
            }
            IpvsTable part = new IpvsTable(entries(vs));
            report(reconciler.apply(part, vs.services()));
        });
    }

    private Map<ServiceKey, IpvsTable.Entry> entries(VirtualServerSpec vs) {
        Map<ServiceKey, IpvsTable.Entry> out = new LinkedHashMap<>();
        for (IpvsTable.Entry e : DesiredTable.entries(vs, pool.health(vs.id()))) {
            out.put(e.service().key(), e);
        }
        return out;
    }

    /**
     * {@code vip_bind_dev}: the VIPs of the virtual servers whose quorum holds go on their
     * interfaces, the others off, after IPVS is ready for them. What cannot be done now (an
     * interface that is not there yet) is tried again until it is done or no longer wanted.
     */
    private void bindVips() {
        List<VirtualServerSpec> config = pool.config();
        boolean done = vips.sync(BoundVips.configured(config), BoundVips.wanted(config, pool::quorumUp));
        if (done || vipRetrying) {
            return;
        }
        vipRetrying = true;
        events.schedule(() -> {
            vipRetrying = false;
            bindVips();
        }, VIP_RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollDrains() {
        if (drainPolling || !reconciler.draining()) {
            return;
        }
        drainPolling = true;
        events.schedule(() -> {
            drainPolling = false;
            report(reconciler.settleDrains(desired()));
            pollDrains();
        }, DRAIN_POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void report(Reconciler.Result result) {
        for (CommandFailure f : result.failures()) {
            log.info("IPVS: " + f.toException().getMessage());
        }
    }

    private <T> T onEventThread(Callable<T> action) {
        try {
            return events.submit(action).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (events.isShutdown()) {
            return; // closed already: a second close changes nothing
        }
        unfollow.forEach(Runnable::run);
        try {
            onEventThread(() -> {
                fleet.close();
                vips.close();
                return null;
            });
        } finally {
            events.shutdownNow();
        }
    }
}
