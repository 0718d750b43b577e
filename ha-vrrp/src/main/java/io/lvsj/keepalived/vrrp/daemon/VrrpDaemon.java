package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.lib.NamespaceThreads;
import io.lvsj.keepalived.lib.NotifyFifos;
import io.lvsj.keepalived.lib.SmtpAlerts;
import io.lvsj.keepalived.config.GlobalDefs;
import io.lvsj.keepalived.vrrp.Reception;
import io.lvsj.keepalived.vrrp.VirtualRouter;
import io.lvsj.keepalived.vrrp.VrrpEngine;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import io.lvsj.keepalived.vrrp.config.VrrpGlobals;
import io.lvsj.keepalived.vrrp.firewall.NftTools;
import io.lvsj.keepalived.vrrp.firewall.VrrpFirewall;
import io.lvsj.keepalived.bfd.BfdEvents;
import io.lvsj.keepalived.vrrp.io.GratuitousSender;
import io.lvsj.keepalived.vrrp.io.HostNetwork;
import io.lvsj.keepalived.vrrp.io.LinkMonitor;
import io.lvsj.keepalived.vrrp.io.RtnlHostNetwork;
import io.lvsj.log.LogOutput;
import io.lvsj.metrics.OwnedSnapshot;
import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The running VRRP side of keepalived-j: the engine on its own thread ({@link VrrpLoop}), a
 * netlink thread watching links and addresses, a notify thread, a script timer thread and a
 * tracked-file watcher, all inside one network namespace (the caller's, or
 * {@code net_namespace}'s).
 *
 * <p>{@link #stop()} is keepalived's SIGTERM: masters send priority 0 and drop their VIPs,
 * STOP is notified. {@link #abort()} just stops, leaving everything as it is, the way a
 * killed process would. {@link #reload} is SIGHUP.
 *
 * <p>The engine, its actions and the wiring are only touched on the VRRP thread.
 */
public final class VrrpDaemon implements AutoCloseable {
    private final NetNamespace namespace;
    private final Logger log;
    private final HostNetwork host;
    private final RouterWirer wirer;
    private final GratuitousSender gratuitous;
    private final Notifier notifier;
    private final VrrpLoop loop;
    private final LinkMonitor linkMonitor;
    private final VirtualLinks virtualLinks;
    private VrrpFirewall firewall;
    private VrrpConfig config;
    private VrrpEngine engine;
    private ShellActions actions;
    private Map<VirtualRouter, RouterWiring> wiring;
    private TrackScriptRunner scripts;
    private TrackFiles files;
    private ProcessWatcher processes;
    private Thread loopThread;
    private boolean halted;
    /** Set on the VRRP thread once stopping has begun: link changes (our own VMACs going) no longer matter. */
    private boolean stopping;

    private final BfdEvents bfd;
    private final BfdEvents.Listener bfdListener = (name, up) -> post(now -> engine.bfdState(name, up, now, actions));

    /** When each instance last changed state, by the wall clock: keepalived's last_transition, for the JSON dump. */
    private final Map<String, java.time.Instant> lastTransitions = new java.util.concurrent.ConcurrentHashMap<>();

    /** One conversation per e-mail alert, each on a thread of its own in the daemon's namespace. */
    private final ExecutorService mailThreads;
    /** The linkbeat_use_polling tick, made when first needed; and each polled interface's last state (VRRP thread). */
    private java.util.concurrent.ScheduledExecutorService linkbeatTimer;
    private final Map<String, Boolean> polledUp = new java.util.HashMap<>();

    private void post(VrrpLoop.Task task) {
        loop.post(task);
    }

    private VrrpDaemon(VrrpConfig config, NetNamespace namespace, Logger log, TransitionListener transitions,
                       BfdEvents bfd) {
        this.bfd = bfd;
        this.namespace = namespace;
        this.mailThreads = SmtpAlerts.threads(namespace);
        this.log = log;
        this.config = config;
        this.host = RtnlHostNetwork.open();
        this.wirer = new RouterWirer(host);
        this.virtualLinks = new VirtualLinks(host, this::firewall, config.globals().disableLocalIgmp(), log);
        try {
            wirer.refresh();
            makeVirtualLinks(config.instances());
            this.engine = new VrrpEngine(config);
            this.wiring = wirer.wireAll(engine);
            reportMissingInterfaces(engine);
            this.gratuitous = GratuitousSender.open();
            this.notifier = new Notifier(Executors.newSingleThreadExecutor(new NamespaceThreads(namespace,
                    "vrrp-notify")), new ScriptLauncher(defaultAccount(config), namespace, log),
                    new NotifyFifos("vrrp", namespace, log), log, (instance, state) -> {
                        lastTransitions.put(instance, java.time.Instant.now()); // keepalived's last_transition
                        transitions.entered(instance, state);
                    });
            notifier.fifos(config.notifyFifos()); // queued ahead of the first state line, as keepalived opens them
            notifier.mail(mail(config), noEmailFaults(config));

            this.actions = new ShellActions(wiring, host, gratuitous, notifier, this::firewall, log, false,
                    new GarpPacer<>(config.globals().garpPacing()), VrrpLoop::now);
            this.loop = new VrrpLoop(engine, actions, wirer.receivers(wiring, log::info), log);
            this.linkMonitor = LinkMonitor.open(new Changes());
            new NamespaceThreads(namespace, "vrrp-netlink").newThread(linkMonitor).start();
            startTrackers();
            startLinkbeat();
        } catch (RuntimeException e) {
            virtualLinks.removeAll();
            closeFirewall();
            wirer.close();
            host.close();
            throw e;
        }
    }

    /**
     * keepalived's nftables table, made when first needed (a VMAC, a master that does not
     * accept traffic to its VIPs) in the daemon's namespace: only ever called on the VRRP thread.
     */
    private VrrpFirewall firewall() {
        if (firewall == null) {
            VrrpGlobals g = config.globals();
            firewall = new VrrpFirewall(g.nftTable(), g.nftPriority(), g.nftCounters(), g.nftByIndex(), NftTools.open(),
                    log);
        }
        return firewall;
    }

    private void closeFirewall() {
        if (firewall != null) {
            try {
                firewall.close();
            } catch (RuntimeException e) {
                log.info("cannot remove the nftables table: " + e.getMessage());
            }
            firewall = null;
        }
    }

    /** The {@code use_vmac}/{@code use_ipvlan} links of {@code instances} whose interface exists, then a fresh view. */
    private void makeVirtualLinks(List<VirtualRouterConfig> instances) {
        virtualLinks.promoteSecondaries(instances, wirer.links());
        boolean made = false;
        for (VirtualRouterConfig c : instances) {
            made |= virtualLinks.create(c, wirer.links(), wirer.addresses());
            made |= virtualLinks.createAddressVmacs(c, wirer.links(), wirer.addresses());
        }
        if (made) {
            wirer.refresh();
        }
    }

    /** keepalived's words for an instance whose interface does not exist yet (it starts in FAULT). */
    private void reportMissingInterfaces(VrrpEngine e) {
        e.routers().stream().filter(r -> !wiring.containsKey(r)).map(r -> r.config().interfaceName()).distinct()
                .forEach(name -> log.info("Configuration specifies interface " + name
                        + " which doesn't currently exist - will use if created"));
    }

    /** Scripts and files of the current engine, reporting to the VRRP thread. */
    private void startTrackers() {
        scripts = new TrackScriptRunner(Executors.newSingleThreadScheduledExecutor(
                new NamespaceThreads(namespace, "vrrp-script")), new ScriptLauncher(defaultAccount(config), namespace, log),
                (name, ok, how) -> loop.post(now -> engine.scriptResult(name, ok, how, now, actions)),
                log);
        try {
            files = new TrackFiles(engine.trackedFiles(),
                    (name, value) -> loop.post(now -> engine.fileValue(name, value, now, actions)), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch the tracked files", e);
        }
        List<io.lvsj.keepalived.vrrp.config.TrackProcessConfig> tracked = engine.trackedProcesses();
        processes = new ProcessWatcher(tracked,
                (name, quorum) -> loop.post(now -> engine.processQuorum(name, quorum, now, actions)), log);
        engine.processQuorums(processes.quorums());
        processes.start();
    }

    private void stopTrackers() {
        scripts.close();
        files.close();
        processes.close();
    }

    /**
     * Starts the daemon in {@code namespace} ({@code null}: the caller's) and returns once the
     * sockets are open and every instance has entered its initial state.
     *
     * @throws IllegalArgumentException for a configuration the host cannot run (a VIP on a missing interface, a
     *                                  unicast instance with no address to send from); an instance whose own
     *                                  interface is missing starts in FAULT and is wired when it appears
     */
    public static VrrpDaemon start(VrrpConfig config, NetNamespace namespace, Logger log) {
        return start(config, namespace, log, TransitionListener.NONE);
    }

    /** {@link #start(VrrpConfig, NetNamespace, Logger)}, telling {@code transitions} of every state entered. */
    public static VrrpDaemon start(VrrpConfig config, NetNamespace namespace, Logger log,
                                   TransitionListener transitions) {
        return start(config, namespace, log, transitions, null);
    }

    /**
     * {@link #start(VrrpConfig, NetNamespace, Logger, TransitionListener)}, following the BFD
     * sessions of {@code bfd} (or none when {@code null}) for {@code track_bfd}.
     */
    public static VrrpDaemon start(VrrpConfig config, NetNamespace namespace, Logger log,
                                   TransitionListener transitions, BfdEvents bfd) {
        CompletableFuture<VrrpDaemon> started = new CompletableFuture<>();
        Thread thread = new NamespaceThreads(namespace, "vrrp").newThread(() -> {
            VrrpDaemon daemon;
            try {
                daemon = new VrrpDaemon(config, namespace, log, transitions, bfd);
                daemon.warmUp();
                daemon.statics(true);
                daemon.engine.start(VrrpLoop.now(), daemon.wirer::isUp, daemon.files.values(), daemon.actions);
                daemon.scripts.start(daemon.engine.trackedScripts());
            } catch (Throwable e) {
                started.completeExceptionally(e);
                return;
            }
            daemon.loopThread = Thread.currentThread();
            if (bfd != null) {
                bfd.subscribe(daemon.bfdListener); // sessions already up are reported at once
            }
            started.complete(daemon);
            daemon.loop.run();
        });
        thread.start();
        try {
            return started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * Runs the takeover path once, dry, before anything is live: a throwaway engine on the
     * same config times out to MASTER, hears a higher priority and shuts down, through
     * actions that build every advert, frame and log line but send nothing; then the GARP
     * and netlink calls are made once with interface 0, which the kernel refuses. The first
     * real failover then runs loaded, linked code instead of paying for class loading and
     * call-site linkage (measured: about 4 ms at v3 speeds).
     */
    private void warmUp() {
        VrrpEngine dry = new VrrpEngine(config);
        Map<VirtualRouter, RouterWiring> dryWiring = new HashMap<>();
        for (VirtualRouter d : dry.routers()) {
            VirtualRouter real = engine.router(d.name());
            dryWiring.put(d, wiring.get(real));
            d.useSourceAddress(real.sourceAddress());
        }
        Logger quiet = LogOutput.silent(log.isDebugEnabled());
        ShellActions dryActions = new ShellActions(dryWiring, host, gratuitous, notifier, this::firewall, quiet, true);
        long now = 0;
        dry.start(now, name -> true, Map.of(), dryActions);
        for (int i = 0; i < 4 && dry.nextDeadline() != VirtualRouter.NEVER; i++) {
            now = dry.nextDeadline();
            dry.runTimers(now, dryActions);
        }
        for (VirtualRouter d : dry.routers()) {
            Reception higher = WarmUpAdverts.higherPriority(d);
            if (higher != null) {
                dry.receive(d, higher, now, dryActions);
            }
        }
        dry.shutdown(now, dryActions);
        gratuitous.warmUp();
        for (RouterWiring w : wiring.values()) {
            for (RouterWiring.PlacedAddress a : w.addresses()) {
                try {
                    host.addAddress(a.address(), 0);
                } catch (RuntimeException expected) {
                    // ENODEV: interface 0 does not exist
                }
            }
        }
    }

    /**
     * {@code static_ipaddress}, {@code static_routes} and {@code static_rules}: at start,
     * leftovers of a previous run are removed and they are added (addresses, routes, rules); at
     * a graceful stop they are removed (rules, routes, addresses), as keepalived does with what
     * it created.
     */
    private void statics(boolean add) {
        List<io.lvsj.keepalived.vrrp.config.VirtualAddress> addresses = config.staticAddresses();
        List<io.lvsj.keepalived.vrrp.config.VirtualRoute> routes = config.staticRoutes();
        List<io.lvsj.keepalived.vrrp.config.VirtualRule> rules = config.staticRules();
        if (add) {
            removeStatics(addresses, routes, rules, false);
            for (var a : addresses) {
                host.addAddress(a, wirer.index("static_ipaddress", deviceOf(a)));
            }
            for (var r : routes) {
                host.addRoute(r, r.device() == null ? 0 : wirer.index("static_routes", r.device()));
            }
            for (var r : rules) {
                host.addRule(r);
            }
            return;
        }
        removeStatics(addresses, routes, rules, true);
    }

    private void removeStatics(List<io.lvsj.keepalived.vrrp.config.VirtualAddress> addresses,
                               List<io.lvsj.keepalived.vrrp.config.VirtualRoute> routes,
                               List<io.lvsj.keepalived.vrrp.config.VirtualRule> rules, boolean report) {
        for (var r : rules) {
            try {
                host.deleteRule(r);
            } catch (RuntimeException e) {
                if (report) {
                    log.info("cannot remove static rule " + r.describe() + ": " + e.getMessage());
                }
            }
        }
        for (var r : routes) {
            try {
                host.deleteRoute(r, r.device() == null ? 0 : wirer.index("static_routes", r.device()));
            } catch (RuntimeException e) {
                if (report) {
                    log.info("cannot remove static route " + r.describe() + ": " + e.getMessage());
                }
            }
        }
        for (var a : addresses) {
            try {
                host.deleteAddress(a, wirer.index("static_ipaddress", deviceOf(a)));
            } catch (RuntimeException e) {
                if (report) {
                    log.info("cannot remove static address " + a.address().getHostAddress() + ": " + e.getMessage());
                }
            }
        }
    }

    private static String deviceOf(io.lvsj.keepalived.vrrp.config.VirtualAddress a) {
        if (a.device() == null) {
            throw new IllegalArgumentException("static address " + a.address().getHostAddress() + " has no dev");
        }
        return a.device();
    }

    /** Link and address notifications, turned into work for the VRRP thread. */
    private final class Changes implements LinkMonitor.Listener {
        @Override
        public void linkChanged(HostNetwork.Link link) {
            loop.post(now -> {
                if (stopping) {
                    return;
                }
                HostNetwork.Link before = wirer.links().put(link.name(), link);
                if (before == null) {
                    wireWaiting(link.name());
                } else if (before.mtu() != link.mtu()) {
                    wirer.receivers(wiring, log::info); // an MTU policy follows the MTU (keepalived's update_mtu)
                }
                boolean polled = config.globals().linkbeat().polls(link.name()); // its state is the poll's
                if (!polled && (before == null || before.isUp() != link.isUp())) {
                    engine.interfaceChanged(link.name(), link.isUp(), now, actions);
                }
            });
        }

        /** A deleted interface is down for good: its instances go to FAULT and let go of its socket. */
        @Override
        public void linkRemoved(HostNetwork.Link link) {
            loop.post(now -> {
                if (stopping || wirer.links().remove(link.name()) == null) {
                    return;
                }
                log.info("Interface " + link.name() + " deleted");
                engine.interfaceChanged(link.name(), false, now, actions);
                if (wiring.keySet().removeIf(r -> r.config().interfaceName().equals(link.name()))) {
                    loop.replace(engine, actions, wirer.receivers(wiring, log::info));
                    wirer.closeUnused(wiring.values());
                }
            });
        }

        /** The instances waiting for interface {@code name}, which has just appeared, get their sockets. */
        private void wireWaiting(String name) {
            if (virtualLinks.holds(name)) {
                return; // our own VMAC, wired with its instance
            }
            makeVirtualLinks(engine.routers().stream().filter(r -> !wiring.containsKey(r)
                    && r.config().interfaceName().equals(name)).map(VirtualRouter::config).toList());
            boolean wired = false;
            for (VirtualRouter r : engine.routers()) {
                if (!wiring.containsKey(r) && r.config().interfaceName().equals(name)) {
                    try {
                        wiring.put(r, wirer.wire(r));
                        wired = true;
                    } catch (RuntimeException e) {
                        log.info("(" + r.name() + ") cannot use interface " + name + ": " + e.getMessage());
                    }
                }
            }
            if (wired) {
                log.info("Interface " + name + " added");
                loop.replace(engine, actions, wirer.receivers(wiring, log::info));
            }
        }

        @Override
        public void addressChanged(HostNetwork.Address address, boolean added) {
            loop.post(now -> {
                if (stopping) {
                    return;
                }
                for (Map.Entry<VirtualRouter, RouterWiring> e : wiring.entrySet()) {
                    VirtualRouter r = e.getKey();
                    RouterWiring w = e.getValue();
                    int sourceIndex = sourceIndex(r, w);
                    if (added && r.sourceAddress() == null && address.index() == sourceIndex) {
                        byte[] primary = RouterWirer.primaryAddress(List.of(address), sourceIndex, r.isIpv4());
                        engine.sourceAddressChanged(r, primary, now, actions);
                    }
                    if (!added && address.index() == sourceIndex && r.sourceAddress() != null
                            && Arrays.equals(r.sourceAddress(), address.address())) {
                        List<HostNetwork.Address> left = host.addresses().stream()
                                .filter(a -> !isVip(a)).toList();
                        engine.sourceAddressRemoved(r, address.address(),
                                RouterWirer.primaryAddress(left, sourceIndex, r.isIpv4()), now, actions);
                    }
                    if (!added && r.vipSet() && isOurs(w, address) && stillGone(address)) {
                        log.info("(" + r.name() + ") VIP " + VirtualRouterText.address(address.address())
                                + " was deleted from outside; re-electing");
                        engine.vipDeleted(r, now, actions);
                    }
                }
            });
        }

        /** The interface an instance's source address is on ({@link RouterWirer#sourceIndex}), as the wirer chose it. */
        private int sourceIndex(VirtualRouter r, RouterWiring w) {
            HostNetwork.Link base = wirer.links().get(r.config().interfaceName());
            return base != null ? RouterWirer.sourceIndex(r.config(), base.index(), w.ifindex()) : w.ifindex();
        }

        /** Whether {@code a} is one of the VIPs of an instance (never a source to send from). */
        private boolean isVip(HostNetwork.Address a) {
            return wiring.values().stream().anyMatch(w -> w.addresses().stream().anyMatch(p -> p.ifindex() == a.index()
                    && Arrays.equals(p.address().address().getAddress(), a.address())));
        }

        private boolean isOurs(RouterWiring w, HostNetwork.Address address) {
            for (RouterWiring.PlacedAddress p : w.addresses()) {
                if (!p.address().noTrack() && p.ifindex() == address.index()
                        && Arrays.equals(p.address().address().getAddress(), address.address())) {
                    return true;
                }
            }
            return false;
        }

        /** A deletion we hear about late may be of an address we have put back since; ask the kernel. */
        private boolean stillGone(HostNetwork.Address address) {
            return host.addresses().stream().noneMatch(a -> a.index() == address.index()
                    && Arrays.equals(a.address(), address.address()));
        }

        @Override
        public void resync() {
            loop.post(now -> host.links().forEach(this::linkChanged));
        }
    }

    /**
     * keepalived's SIGHUP: runs {@code next} from now on, changing only what changed (see
     * {@link VrrpEngine#takeOver}). A configuration the host cannot run is refused and the
     * running one carries on. Returns once the reload is done.
     */
    public void reload(VrrpConfig next) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.post(now -> {
            try {
                log.info("Reloading");
                wirer.refresh();
                makeVirtualLinks(next.instances());
                VrrpEngine nextEngine = new VrrpEngine(next);
                Map<VirtualRouter, RouterWiring> nextWiring = wirer.wireAll(nextEngine);
                Map<VirtualRouter, RouterWiring> both = new LinkedHashMap<>(wiring);
                both.putAll(nextWiring);
                ShellActions nextActions = new ShellActions(both, host, gratuitous, notifier, this::firewall, log, false,
                        new GarpPacer<>(next.globals().garpPacing()), VrrpLoop::now);
                stopTrackers();
                notifier.fifos(next.notifyFifos());
                notifier.mail(mail(next), noEmailFaults(next));
                notifier.launcher(new ScriptLauncher(defaultAccount(next), namespace, log));
                config = next;
                VrrpEngine previous = engine;
                engine = nextEngine;
                actions = nextActions;
                wiring = nextWiring;
                startTrackers();
                nextEngine.takeOver(previous, now, wirer::isUp, files.values(), nextActions);
                both.keySet().retainAll(nextWiring.keySet());
                wiring = both; // the map the new actions hold, so instances wired later reach them
                loop.replace(nextEngine, nextActions, wirer.receivers(nextWiring, log::info));
                wirer.closeUnused(nextWiring.values());
                dropUnusedVirtualLinks(next);
                scripts.start(nextEngine.trackedScripts());
                startLinkbeat();
                done.complete(null);
            } catch (RuntimeException e) {
                log.info("Reload failed, carrying on with the running configuration: " + e.getMessage());
                done.completeExceptionally(e);
            }
        });
        try {
            done.orTimeout(30, TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Deletes the links of instances {@code next} no longer has (or whose link changed name). */
    private void dropUnusedVirtualLinks(VrrpConfig next) {
        java.util.Set<String> used = new java.util.HashSet<>();
        next.instances().stream().filter(c -> c.virtualLink() != null).forEach(c -> used.add(c.virtualLink().name()));
        next.instances().forEach(c -> c.addressVmacs().forEach(v -> used.add(v.name())));
        virtualLinks.removeUnless(used::contains);
        virtualLinks.unpromoteUnwanted(next.instances());
    }

    /**
     * {@code view} of the engine for readers on other threads (scrapes): computed on the VRRP
     * thread, at most once per {@code maxAge} whatever the number of readers, and never waited
     * for by the VRRP thread; a reader waits at most {@code patience} (see {@link OwnedSnapshot}).
     */
    public <T> OwnedSnapshot<T> snapshot(Function<VrrpEngine, T> view, Duration maxAge, Duration patience) {
        return new OwnedSnapshot<>(work -> loop.post(now -> work.run()), () -> view.apply(engine), maxAge, patience,
                System::nanoTime);
    }

    /** Runs {@code query} on the VRRP thread (where the engine lives) and returns its result. */
    public <T> T query(Function<VrrpEngine, T> query) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.post(now -> result.complete(query.apply(engine)));
        return result.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** keepalived's SIGTERM: priority 0 from every master, VIPs removed, STOP notified, then exit. */
    public void stop() {
        loop.post(now -> {
            stopping = true;
            engine.shutdown(now, actions);
            statics(false);
            virtualLinks.removeAll();
            closeFirewall();
        });
        halt();
    }

    /** Stops without a word to the peers and without touching addresses, like a killed process. */
    public void abort() {
        halt();
    }

    private synchronized void halt() {
        if (halted) {
            return;
        }
        halted = true;
        if (bfd != null) {
            bfd.unsubscribe(bfdListener);
        }
        loop.stop();
        try {
            if (loopThread != null) {
                loopThread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopTrackers();
        if (linkbeatTimer != null) {
            linkbeatTimer.shutdownNow();
        }
        linkMonitor.close();
        notifier.close();
        SmtpAlerts.finish(mailThreads);
        gratuitous.close();
        wirer.close();
        host.close();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * {@code linkbeat_use_polling}, as keepalived's init_interface_linkbeat: its lines at start
     * and reload, then every second the polled interfaces' flags (a netlink dump, the state
     * keepalived's IOCTL probe reads), each change logged "Linkbeat reports eth0 down" and
     * acted on; netlink's own reports of those interfaces' state are left aside.
     */
    private void startLinkbeat() {
        io.lvsj.keepalived.vrrp.config.LinkbeatPolling polling = config.globals().linkbeat();
        polling.notes().forEach(log::info);
        polledUp.keySet().retainAll(polling.interfaces());
        if (polling.interfaces().isEmpty()) {
            return;
        }
        polling.interfaces().forEach(name -> polledUp.putIfAbsent(name, wirer.isUp(name)));
        log.info("Using MII-BMSR/ETHTOOL NIC polling thread(s)...");
        if (linkbeatTimer == null) {
            linkbeatTimer = Executors.newSingleThreadScheduledExecutor(new NamespaceThreads(namespace, "vrrp-linkbeat"));
            linkbeatTimer.scheduleAtFixedRate(() -> post(this::pollLinkbeat), 1, 1, TimeUnit.SECONDS);
        }
    }

    private void pollLinkbeat(long now) {
        if (stopping || polledUp.isEmpty()) {
            return;
        }
        Map<String, HostNetwork.Link> links = new java.util.HashMap<>();
        host.links().forEach(l -> links.put(l.name(), l));
        for (Map.Entry<String, Boolean> e : polledUp.entrySet()) {
            HostNetwork.Link link = links.get(e.getKey());
            boolean up = link != null && link.isUp();
            if (up != e.getValue()) {
                e.setValue(up);
                log.info("Linkbeat reports " + e.getKey() + (up ? " up" : " down"));
                engine.interfaceChanged(e.getKey(), up, now, actions);
            }
        }
    }

    /** Whom a script with no account of its own runs as (keepalived's get_default_script_user). */
    private static io.lvsj.keepalived.script.RunAs defaultAccount(VrrpConfig config) {
        return io.lvsj.keepalived.script.ScriptUsers.byDefault(config.scriptAccount());
    }

    /** {@code config}'s e-mail alerts, or null when it sends none. */
    private SmtpAlerts mail(VrrpConfig config) {
        return SmtpAlerts.of(config.globals().notification(), log, mailThreads).orElse(null);
    }

    private static boolean noEmailFaults(VrrpConfig config) {
        GlobalDefs.Notification n = config.globals().notification();
        return n != null && n.noEmailFaults();
    }

    /** The JSON state dump (keepalived's SIGJSON), on the VRRP thread. */
    public String json() {
        return query(this::json);
    }

    /** The JSON dump of {@code e}, with each instance's last transition. */
    public String json(VrrpEngine e) {
        return io.lvsj.keepalived.vrrp.StateDump.json(e, lastTransitions::get);
    }

    public Logger log() {
        return log;
    }
}
