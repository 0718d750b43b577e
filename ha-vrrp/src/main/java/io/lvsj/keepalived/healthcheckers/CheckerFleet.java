package io.lvsj.keepalived.healthcheckers;

import io.lvsj.ipvs.ServiceKey;
import io.lvsj.keepalived.check.CheckScheduler;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.Checker;
import io.lvsj.keepalived.check.CheckerLogic;
import io.lvsj.keepalived.check.probe.PingGroupRange;
import io.lvsj.keepalived.check.probe.ProbeFactory;
import io.lvsj.keepalived.lib.TrackFileWatcher;
import io.lvsj.keepalived.lvs.CheckerRef;
import io.lvsj.keepalived.lvs.Names;
import io.lvsj.keepalived.lvs.PoolState;
import io.lvsj.keepalived.lvs.RealServerSpec;
import io.lvsj.keepalived.lvs.VirtualServerSpec;
import org.slf4j.Logger;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The checkers that are running: scheduled ones with their warm-up, FILE_CHECKs by the file they
 * follow, BFD_CHECKs by the session they follow, and their suspension while a virtual server's address is not here
 * ({@code ha_suspend}). Used from the {@link Healthcheckers} event thread only.
 */
final class CheckerFleet implements AutoCloseable {
    private final ProbeFactory probes;
    private final CheckScheduler scheduler;
    private final RandomGenerator random;
    private final Logger log;
    private final TrackFileWatcher files;
    private final Map<CheckerRef, Checker<CheckerRef>> running = new HashMap<>();
    private final Map<Path, List<CheckerRef>> fileChecks = new HashMap<>();
    private final Map<String, List<CheckerRef>> bfdChecks = new HashMap<>();
    private Set<InetAddress> localAddresses;

    CheckerFleet(ProbeFactory probes, CheckScheduler scheduler, RandomGenerator random, Logger log,
                 TrackFileWatcher files) {
        this.probes = probes;
        this.scheduler = scheduler;
        this.random = random;
        this.log = log;
        this.files = files;
    }

    /** Starts the checkers of {@code refs}, in the states {@code pool} holds for them. */
    void start(List<CheckerRef> refs, PoolState pool, Consumer<Checker.Report<CheckerRef>> sink) {
        boolean ping = false;
        for (CheckerRef ref : refs) {
            switch (ref.spec()) {
                case CheckSpec.Scheduled s -> {
                    long weight = pool.virtualServer(ref.virtualServer()).flatMap(vs -> vs.realServer(ref.realServer()))
                            .map(RealServerSpec::weight).orElse(1);
                    Checker<CheckerRef> checker = new Checker<>(ref, s, CheckerLogic.of(s, weight), probes.probe(s),
                            pool.checkerState(ref).orElseThrow(), scheduler, sink);
                    running.put(ref, checker);
                    VirtualServerSpec vs = pool.virtualServer(ref.virtualServer()).orElse(null);
                    if (!enabledFor(vs)) {
                        checker.setEnabled(false); // suspended from the start: "Deactivating", not "Suspending"
                    }
                    long warmup = s.timing().warmup().toNanos();
                    checker.start(Duration.ofNanos(warmup == 0 ? 0 : random.nextLong(warmup + 1)));
                    ping |= s instanceof CheckSpec.Ping;
                }
                case CheckSpec.File f -> fileChecks.computeIfAbsent(f.path().toAbsolutePath().normalize(),
                        p -> new ArrayList<>()).add(ref);
                case CheckSpec.Bfd b -> bfdChecks.computeIfAbsent(b.session(), n -> new ArrayList<>()).add(ref);
            }
        }
        if (ping) {
            try {
                PingGroupRange.allowRoot(probes.network()).ifPresent(log::info);
            } catch (IOException e) {
                log.info("Cannot widen net.ipv4.ping_group_range for PING_CHECK: " + e.getMessage());
            }
        }
        try {
            files.follow(fileChecks.keySet());
        } catch (IOException e) {
            log.info("Cannot watch tracked files: " + e.getMessage());
        }
        suspend(pool);
    }

    /**
     * Logs each running checker of {@code pool}, in its order, as keepalived's
     * {@code register_checkers_thread} does at start and at every reload: "Activating
     * healthchecker for service [..]:tcp:80 for VS [..]:tcp:80", "Deactivating" for one that
     * {@code ha_suspend} holds. FILE_CHECKs are not scheduled and are not logged.
     */
    void announce(PoolState pool) {
        for (CheckerRef ref : pool.checkersInOrder()) {
            Checker<CheckerRef> c = running.get(ref);
            VirtualServerSpec vs = pool.virtualServer(ref.virtualServer()).orElse(null);
            if (c != null && vs != null) {
                log.info((c.enabled() ? "Activating" : "Deactivating") + " healthchecker for service "
                        + Names.realServer(vs, ref.realServer().address(), ref.realServer().port())
                        + " for VS " + vs.name());
            }
        }
    }

    /** Stops every checker not in {@code kept} (a reload retired or changed it). */
    void retain(Set<CheckerRef> kept) {
        for (var it = running.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!kept.contains(e.getKey())) {
                e.getValue().stop();
                it.remove();
            }
        }
        fileChecks.entrySet().removeIf(e -> {
            e.getValue().removeIf(ref -> !kept.contains(ref));
            return e.getValue().isEmpty();
        });
        bfdChecks.entrySet().removeIf(e -> {
            e.getValue().removeIf(ref -> !kept.contains(ref));
            return e.getValue().isEmpty();
        });
    }

    void stopAll() {
        running.values().forEach(Checker::stop);
        running.clear();
        fileChecks.clear();
        bfdChecks.clear();
    }

    /** The FILE_CHECKs following {@code file}. */
    List<CheckerRef> following(Path file) {
        return fileChecks.getOrDefault(file, List.of());
    }

    /** The BFD_CHECKs following BFD session {@code session}, in the order they started. */
    List<CheckerRef> followingSession(String session) {
        return bfdChecks.getOrDefault(session, List.of());
    }

    /** The host's addresses changed ({@code null}: unknown, never suspend). */
    void setLocalAddresses(Set<InetAddress> addresses, PoolState pool) {
        localAddresses = addresses == null ? null : Set.copyOf(addresses);
        suspend(pool);
    }

    /** Enables each checker whose virtual server has no {@code ha_suspend} or has an address here. */
    void suspend(PoolState pool) {
        for (Checker<CheckerRef> c : running.values()) {
            VirtualServerSpec vs = pool.virtualServer(c.owner().virtualServer()).orElse(null);
            boolean enabled = enabledFor(vs);
            if (enabled != c.enabled()) {
                log.info((enabled ? "Activating" : "Suspending") + " healthchecker for service "
                        + Names.realServer(vs, c.owner().realServer().address(), c.owner().realServer().port())
                        + " for VS " + vs.name());
                c.setEnabled(enabled);
            }
        }
    }

    /** A checker of {@code vs} runs unless {@code ha_suspend} holds it: none of the virtual server's addresses is here. */
    private boolean enabledFor(VirtualServerSpec vs) {
        return vs == null || !vs.haSuspend() || localAddresses == null
                || vs.services().stream().noneMatch(k -> k instanceof ServiceKey.Inet)
                || vs.services().stream().anyMatch(k -> k instanceof ServiceKey.Inet i
                && localAddresses.contains(i.address()));
    }

    @Override
    public void close() {
        stopAll();
        try {
            files.close();
        } catch (IOException e) {
            // closing a watch service cannot fail in a way that matters here
        }
    }
}
