package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.vrrp.Reception;
import io.lvsj.keepalived.vrrp.VirtualRouter;
import io.lvsj.keepalived.vrrp.VrrpEngine;
import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import io.lvsj.keepalived.vrrp.io.GratuitousSender;
import io.lvsj.keepalived.vrrp.io.HostNetwork;
import io.lvsj.keepalived.vrrp.io.LinkMonitor;
import io.lvsj.keepalived.vrrp.io.RtnlHostNetwork;
import io.lvsj.keepalived.vrrp.io.VrrpSocket;
import io.lvsj.keepalived.vrrp.wire.AdvertisementWriter;
import io.lvsj.keepalived.vrrp.wire.AuthType;
import io.lvsj.keepalived.vrrp.wire.Vrrp;
import io.lvsj.netlink.sys.NetNamespace;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The running VRRP side of keepalived-j: the engine on its own thread ({@link VrrpLoop}), a
 * netlink thread watching links and addresses, a notify thread and a script timer thread,
 * all inside one network namespace (the caller's, or {@code net_namespace}'s).
 *
 * <p>{@link #stop()} is keepalived's SIGTERM: masters send priority 0 and drop their VIPs,
 * STOP is notified. {@link #abort()} just stops, leaving everything as it is, the way a
 * killed process would.
 */
public final class VrrpDaemon implements AutoCloseable {
    private final VrrpLog log;
    private final HostNetwork host;
    private final VrrpEngine engine;
    private final GratuitousSender gratuitous;
    private final Notifier notifier;
    private final ShellActions actions;
    private final VrrpLoop loop;
    private final LinkMonitor linkMonitor;
    private final TrackScriptRunner scripts;
    private final Map<String, HostNetwork.Link> links = new HashMap<>();
    private final Map<VirtualRouter, RouterWiring> wiring = new LinkedHashMap<>();
    private Thread loopThread;
    private boolean halted;

    private VrrpDaemon(VrrpConfig config, NetNamespace namespace, VrrpLog log) {
        this.log = log;
        this.host = RtnlHostNetwork.open();
        try {
            host.links().forEach(l -> links.put(l.name(), l));
            List<HostNetwork.Address> addresses = host.addresses();
            this.engine = new VrrpEngine(config);
            Map<SocketKey, VrrpSocket> sockets = new LinkedHashMap<>();
            Map<VrrpSocket, List<VirtualRouter>> bySocket = new LinkedHashMap<>();
            for (VirtualRouter r : engine.routers()) {
                RouterWiring w = wire(r, addresses, sockets);
                wiring.put(r, w);
                bySocket.computeIfAbsent(w.socket(), k -> new ArrayList<>()).add(r);
            }
            this.gratuitous = GratuitousSender.open();
            ScriptLauncher launcher = new ScriptLauncher(config.scriptUser(), log);
            this.notifier = new Notifier(Executors.newSingleThreadExecutor(new NamespaceThreads(namespace,
                    "vrrp-notify")), launcher, config.notifyFifo() == null ? null
                    : NotifyFifo.open(config.notifyFifo()), log);
            this.actions = new ShellActions(wiring, host, gratuitous, notifier, log, false);
            this.loop = new VrrpLoop(engine, actions, bySocket, log);
            this.linkMonitor = LinkMonitor.open(new Changes());
            this.scripts = new TrackScriptRunner(Executors.newSingleThreadScheduledExecutor(
                    new NamespaceThreads(namespace, "vrrp-script")), launcher, config.scriptUser(),
                    (name, ok, how) -> loop.post(now -> engine.scriptResult(name, ok, how, now, actions)), log);
            new NamespaceThreads(namespace, "vrrp-netlink").newThread(linkMonitor).start();
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /**
     * Starts the daemon in {@code namespace} ({@code null}: the caller's) and returns once the
     * sockets are open and every instance has entered its initial state.
     *
     * @throws IllegalArgumentException for a configuration the host cannot run (a missing interface)
     */
    public static VrrpDaemon start(VrrpConfig config, NetNamespace namespace, VrrpLog log) {
        CompletableFuture<VrrpDaemon> started = new CompletableFuture<>();
        Thread thread = new NamespaceThreads(namespace, "vrrp").newThread(() -> {
            VrrpDaemon daemon;
            try {
                daemon = new VrrpDaemon(config, namespace, log);
                daemon.warmUp(config);
                daemon.engine.start(VrrpLoop.now(), daemon::isUp, Map.of(), daemon.actions);
                daemon.scripts.start(daemon.engine.trackedScripts());
            } catch (Throwable e) {
                started.completeExceptionally(e);
                return;
            }
            daemon.loopThread = Thread.currentThread();
            started.complete(daemon);
            daemon.loop.run();
        });
        thread.setPriority(Thread.MAX_PRIORITY);
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
    private void warmUp(VrrpConfig config) {
        VrrpEngine dry = new VrrpEngine(config);
        Map<VirtualRouter, RouterWiring> dryWiring = new HashMap<>();
        for (VirtualRouter d : dry.routers()) {
            VirtualRouter real = engine.router(d.name());
            dryWiring.put(d, wiring.get(real));
            d.useSourceAddress(real.sourceAddress());
        }
        VrrpLog quiet = new VrrpLog() {
            @Override
            public void log(String message) {
            }

            @Override
            public boolean detail() {
                return log.detail();
            }
        };
        ShellActions dryActions = new ShellActions(dryWiring, host, gratuitous, notifier, quiet, true);
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

    private boolean isUp(String name) {
        HostNetwork.Link l = links.get(name);
        return l != null && l.isUp();
    }

    private record SocketKey(boolean ipv4, int protocol, String device, String unicastSource) {
    }

    private RouterWiring wire(VirtualRouter r, List<HostNetwork.Address> addresses, Map<SocketKey, VrrpSocket> sockets) {
        VirtualRouterConfig c = r.config();
        HostNetwork.Link link = links.get(c.interfaceName());
        if (link == null) {
            throw new IllegalArgumentException("(" + c.name() + ") interface " + c.interfaceName()
                    + " doesn't exist");
        }
        if (c.sourceAddress() == null) {
            r.useSourceAddress(primaryAddress(addresses, link.index(), r.isIpv4()));
        }
        int protocol = c.authentication().type() == AuthType.AH ? Vrrp.IPPROTO_AH : Vrrp.IPPROTO_VRRP;
        byte[] unicastSource = c.isUnicast() ? r.sourceAddress() : null;
        if (c.isUnicast() && unicastSource == null) {
            throw new IllegalArgumentException("(" + c.name() + ") no address on " + c.interfaceName()
                    + " to send unicast adverts from");
        }
        SocketKey key = new SocketKey(r.isIpv4(), protocol, c.interfaceName(),
                unicastSource == null ? null : Arrays.toString(unicastSource));
        VrrpSocket socket = sockets.computeIfAbsent(key,
                k -> VrrpSocket.open(r.isIpv4(), protocol, c.interfaceName(), link.index(), unicastSource));
        AdvertisementWriter writer = new AdvertisementWriter(c.version(), c.vrid(), c.advertIntervalCentis(),
                c.virtualAddresses().stream().map(VirtualAddress::address).toList(), c.authentication());
        List<RouterWiring.PlacedAddress> placed = new ArrayList<>();
        List<VirtualAddress> all = new ArrayList<>(c.virtualAddresses());
        all.addAll(c.excludedAddresses());
        for (VirtualAddress v : all) {
            String device = v.deviceOr(c.interfaceName());
            HostNetwork.Link on = links.get(device);
            if (on == null) {
                throw new IllegalArgumentException("(" + c.name() + ") interface " + device + " of "
                        + v.address().getHostAddress() + " doesn't exist");
            }
            placed.add(new RouterWiring.PlacedAddress(v, device, on.index(), on.mac()));
        }
        List<byte[]> peers = c.unicastPeers().stream().map(InetAddress::getAddress).toList();
        return new RouterWiring(socket, writer, peers, link.index(), link.mac(), placed);
    }

    /** keepalived's default source: the interface's primary IPv4 address, or its IPv6 link-local one. */
    private static byte[] primaryAddress(List<HostNetwork.Address> addresses, int ifindex, boolean ipv4) {
        for (HostNetwork.Address a : addresses) {
            if (a.index() != ifindex || a.isIpv4() != ipv4) {
                continue;
            }
            if (ipv4 ? (a.flags() & 0x01) == 0 : a.isLinkLocal6()) { // not IFA_F_SECONDARY
                return a.address();
            }
        }
        return null;
    }

    /** Link and address notifications, turned into work for the VRRP thread. */
    private final class Changes implements LinkMonitor.Listener {
        @Override
        public void linkChanged(HostNetwork.Link link) {
            loop.post(now -> {
                HostNetwork.Link before = links.put(link.name(), link);
                if (before == null || before.isUp() != link.isUp()) {
                    engine.interfaceChanged(link.name(), link.isUp(), now, actions);
                }
            });
        }

        @Override
        public void addressChanged(HostNetwork.Address address, boolean added) {
            loop.post(now -> {
                for (Map.Entry<VirtualRouter, RouterWiring> e : wiring.entrySet()) {
                    VirtualRouter r = e.getKey();
                    RouterWiring w = e.getValue();
                    if (added && r.sourceAddress() == null && address.index() == w.ifindex()) {
                        byte[] primary = primaryAddress(List.of(address), w.ifindex(), r.isIpv4());
                        engine.sourceAddressChanged(r, primary, now, actions);
                    }
                    if (!added && r.vipSet() && isOurs(w, address) && stillGone(address)) {
                        log.log("(" + r.name() + ") VIP " + VirtualRouterText.address(address.address())
                                + " was deleted from outside; re-electing");
                        engine.vipDeleted(r, now, actions);
                    }
                }
            });
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

    /** Runs {@code query} on the VRRP thread (where the engine lives) and returns its result. */
    public <T> T query(Function<VrrpEngine, T> query) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.post(now -> result.complete(query.apply(engine)));
        return result.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** keepalived's SIGTERM: priority 0 from every master, VIPs removed, STOP notified, then exit. */
    public void stop() {
        loop.post(now -> engine.shutdown(now, actions));
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
        loop.stop();
        try {
            if (loopThread != null) {
                loopThread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scripts.close();
        linkMonitor.close();
        notifier.close();
        gratuitous.close();
        host.close();
        log.flush();
    }

    @Override
    public void close() {
        stop();
    }

    public VrrpLog log() {
        return log;
    }

    @Override
    public String toString() {
        return "VRRP daemon with " + Objects.requireNonNull(engine).routers().size() + " instances";
    }
}
