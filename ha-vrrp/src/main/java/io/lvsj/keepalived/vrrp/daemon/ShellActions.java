package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.vrrp.RouterActions;
import io.lvsj.keepalived.vrrp.RouterEvent;
import io.lvsj.keepalived.vrrp.SyncGroup;
import io.lvsj.keepalived.vrrp.VirtualRouter;
import io.lvsj.keepalived.vrrp.VrrpState;
import io.lvsj.keepalived.vrrp.config.VirtualLink;
import io.lvsj.keepalived.vrrp.config.GarpPacing;
import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRoute;
import io.lvsj.keepalived.vrrp.config.VirtualRule;
import io.lvsj.keepalived.vrrp.firewall.VrrpFirewall;
import io.lvsj.keepalived.vrrp.io.GratuitousSender;
import io.lvsj.keepalived.vrrp.io.HostNetwork;
import io.lvsj.keepalived.vrrp.io.VrrpSocket;
import io.lvsj.keepalived.vrrp.wire.V3Checksum;
import io.lvsj.keepalived.vrrp.wire.Vrrp;
import io.lvsj.sys.Errno;
import org.slf4j.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The daemon's {@link RouterActions}: adverts out of the raw sockets, addresses through
 * rtnetlink, GARP/NA out of packet sockets, notifications handed to the notify thread. Runs
 * on the VRRP thread; only address changes wait for the kernel (microseconds), nothing waits
 * for a process.
 */
final class ShellActions implements RouterActions {
    private static final RouterWiring UNWIRED = new RouterWiring(null, null, List.of(), 0, new byte[6], List.of(),
            List.of(), Vrrp.GROUP4.getAddress(), Vrrp.GROUP4.getAddress());
    private final Map<VirtualRouter, RouterWiring> wiring;
    private final HostNetwork host;
    private final GratuitousSender gratuitous;
    private final Notifier notifier;
    private final Logger log;
    private final Map<String, Long> forwardingCheckedAt = new HashMap<>();
    private final Map<String, Boolean> forwarding = new HashMap<>();
    /** Everything but the I/O: a dry run at start-up loads and links the takeover path before it is needed. */
    private final boolean dryRun;

    private final Supplier<VrrpFirewall> firewall;
    private final GarpPacer<VirtualRouter, RouterWiring.PlacedAddress> pacer;
    private final LongSupplier clock;
    private final GarpPacer.Sender<VirtualRouter, RouterWiring.PlacedAddress> pacedSender = new PacedSender();

    ShellActions(Map<VirtualRouter, RouterWiring> wiring, HostNetwork host, GratuitousSender gratuitous,
                 Notifier notifier, Supplier<VrrpFirewall> firewall, Logger log, boolean dryRun) {
        this(wiring, host, gratuitous, notifier, firewall, log, dryRun, new GarpPacer<>(GarpPacing.NONE),
                VrrpLoop::now);
    }

    /**
     * @param pacer the gratuitous ARP / NA pacing (keepalived's garp_delay), with what is queued
     * @param clock the VRRP thread's clock, microseconds: when an announcement leaves
     */
    ShellActions(Map<VirtualRouter, RouterWiring> wiring, HostNetwork host, GratuitousSender gratuitous,
                 Notifier notifier, Supplier<VrrpFirewall> firewall, Logger log, boolean dryRun,
                 GarpPacer<VirtualRouter, RouterWiring.PlacedAddress> pacer, LongSupplier clock) {
        this.pacer = pacer;
        this.clock = clock;
        this.dryRun = dryRun;
        this.firewall = firewall;
        this.wiring = wiring;
        this.host = host;
        this.gratuitous = gratuitous;
        this.notifier = notifier;
        this.log = log;
    }

    @Override
    public void sendAdvert(VirtualRouter r, int priority) {
        RouterWiring w = wiring.get(r);
        byte[] source = r.sourceAddress();
        if (w == null || source == null) {
            return; // no interface (yet): the instance is in FAULT, or leaving the daemon
        }
        VrrpSocket socket = w.socket();
        boolean unicast = r.config().isUnicast();
        if (!unicast) {
            byte[] group = w.group();
            int length = write(r, w, priority, source, group, false);
            report(r, priority, dryRun ? 0 : socket.send(length, group, source, -1), null);
            return;
        }
        for (byte[] peer : w.peers()) {
            int length = write(r, w, priority, source, peer, true);
            report(r, priority, dryRun ? 0 : socket.send(length, peer, source, r.config().unicastTtl()), peer);
        }
    }

    /** The instance's wiring, or none when its interface does not exist (it sits in FAULT then). */
    private RouterWiring wired(VirtualRouter r) {
        RouterWiring w = wiring.get(r);
        return w != null ? w : UNWIRED;
    }

    private static int write(VirtualRouter r, RouterWiring w, int priority, byte[] source, byte[] destination,
                             boolean unicast) {
        if (!r.isIpv4()) {
            return w.writer().writeIpv6(w.socket().sendBuffer(), priority);
        }
        V3Checksum mode = r.oldUnicastChecksum() ? V3Checksum.PSEUDO_HEADER_MULTICAST_GROUP : r.config().v3Checksum();
        int ttl = unicast ? r.config().unicastTtl() : Vrrp.TTL;
        return w.writer().writeIpv4(w.socket().sendBuffer(), priority, source, destination, ttl, r.ipId(),
                r.ahSequence(), mode, unicast, w.checksumGroup());
    }

    private void report(VirtualRouter r, int priority, int errno, byte[] peer) {
        if (errno == 0) {
            return;
        }
        if (priority == 0 && errno == Errno.ENETUNREACH.number()) {
            return; // keepalived stays quiet about a priority 0 on a downed interface
        }
        String text = Errno.describe(errno);
        if (peer == null) {
            log.info("(" + r.name() + "): send advert error " + errno + " (" + text + ")");
        } else {
            log.info("(" + r.name() + ") Cant send advert to " + VirtualRouterText.address(peer) + " (" + text + ")");
        }
    }

    @Override
    public void installAddresses(VirtualRouter r) {
        RouterWiring w = wiring.get(r);
        if (w == null) {
            log.debug("(" + r.name() + ") setting VIPs.");
            return;
        }
        guardVips(r, w.addresses(), true); // keepalived drops their traffic before the VIPs appear
        log.debug("(" + r.name() + ") setting VIPs.");
        for (RouterWiring.PlacedAddress a : w.addresses()) {
            try {
                if (!dryRun) {
                    host.addAddress(a.address(), a.ifindex());
                }
            } catch (RuntimeException e) {
                log.info("(" + r.name() + ") cannot add " + a.address().describe(a.device()) + ": " + e.getMessage());
            }
        }
        for (RouterWiring.PlacedRoute p : w.routes()) {
            try {
                if (!dryRun) {
                    host.addRoute(p.route(), p.ifindex());
                }
            } catch (RuntimeException e) {
                log.info("(" + r.name() + ") cannot add route " + p.route().describe() + ": " + e.getMessage());
            }
        }
        for (VirtualRule rule : r.config().virtualRules()) {
            try {
                if (!dryRun) {
                    host.addRule(rule);
                }
            } catch (RuntimeException e) {
                log.info("(" + r.name() + ") cannot add rule " + rule.describe() + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void removeRules(VirtualRouter r, List<VirtualRule> rules) {
        for (VirtualRule rule : rules) {
            deleteRule(r, rule);
        }
    }

    private void deleteRule(VirtualRouter r, VirtualRule rule) {
        try {
            if (!dryRun) {
                host.deleteRule(rule);
            }
        } catch (RuntimeException e) {
            log.info("(" + r.name() + ") cannot remove rule " + rule.describe() + ": " + e.getMessage());
        }
    }

    @Override
    public void removeRoutes(VirtualRouter r, List<VirtualRoute> routes) {
        for (RouterWiring.PlacedRoute p : wired(r).routes()) {
            if (routes.contains(p.route())) {
                deleteRoute(r, p);
            }
        }
    }

    private void deleteRoute(VirtualRouter r, RouterWiring.PlacedRoute p) {
        try {
            if (!dryRun) {
                host.deleteRoute(p.route(), p.ifindex());
            }
        } catch (RuntimeException e) {
            log.info("(" + r.name() + ") cannot remove route " + p.route().describe() + ": " + e.getMessage());
        }
    }

    @Override
    public void removeAddresses(VirtualRouter r) {
        log.debug("(" + r.name() + ") removing VIPs.");
        pacer.forget(r);
        if (wiring.containsKey(r)) {
            r.config().virtualRules().forEach(rule -> deleteRule(r, rule));
        }
        for (RouterWiring.PlacedRoute p : wired(r).routes()) {
            deleteRoute(r, p);
        }
        for (RouterWiring.PlacedAddress a : wired(r).addresses()) {
            try {
                if (!dryRun) {
                    host.deleteAddress(a.address(), a.ifindex());
                }
            } catch (RuntimeException e) {
                log.info("(" + r.name() + ") cannot remove " + a.address().describe(a.device()) + ": "
                        + e.getMessage());
            }
        }
        guardVips(r, wired(r).addresses(), false);
    }

    /**
     * A master that does not accept traffic to its VIPs ({@code no_accept}, {@code vrrp_strict})
     * has it dropped while it holds them: keepalived's {@code vrrp_handle_accept_mode}.
     */
    private void guardVips(VirtualRouter r, List<RouterWiring.PlacedAddress> addresses, boolean drop) {
        if (!r.config().dropsVipTraffic() || dryRun) {
            return;
        }
        log.debug("(" + r.name() + ") " + (drop ? "sett" : "remov") + "ing firewall drop rule");
        List<VrrpFirewall.Address> guarded = addresses.stream()
                .map(a -> new VrrpFirewall.Address(a.address().address(), a.device(), a.ifindex())).toList();
        try {
            if (drop) {
                firewall.get().dropVips(guarded, r.config().dontTrackPrimary());
            } else {
                firewall.get().acceptVips(guarded, r.config().dontTrackPrimary());
            }
        } catch (RuntimeException e) {
            log.info("(" + r.name() + ") cannot " + (drop ? "set" : "remove") + " the firewall drop rule: "
                    + e.getMessage());
        }
    }

    @Override
    public void removeAddresses(VirtualRouter r, List<VirtualAddress> addresses) {
        List<RouterWiring.PlacedAddress> removed = wired(r).addresses().stream()
                .filter(a -> addresses.contains(a.address())).toList();
        for (RouterWiring.PlacedAddress a : wired(r).addresses()) {
            if (addresses.contains(a.address())) {
                log.debug("(" + r.name() + ") removing " + a.address().describe(a.device()));
                try {
                    if (!dryRun) {
                        host.deleteAddress(a.address(), a.ifindex());
                    }
                } catch (RuntimeException e) {
                    log.info("(" + r.name() + ") cannot remove " + a.address().describe(a.device()) + ": "
                            + e.getMessage());
                }
            }
        }
        guardVips(r, removed, false);
    }

    /**
     * {@code repeat} rounds over the addresses, each announcement sent at once or, where its
     * interface is paced and its time has not come, queued (once: keepalived's pending flag).
     */
    @Override
    public void sendGratuitous(VirtualRouter r, int repeat) {
        if (!r.vipSet()) {
            return;
        }
        pacer.burst(r, repeat, pacer.isPaced() ? clock.getAsLong() : 0, pacedSender);
    }

    /**
     * keepalived's {@code vrrp_send_vmac_update}: for each interface other than the instance's
     * own (its own too with {@code vmac_xmit_base}, whose adverts leave by the parent) one
     * announcement, of the first (excluded) VIP on it: on keepalived's own links always, on the
     * others with {@code all}.
     */
    @Override
    public void sendExtraGratuitous(VirtualRouter r) {
        if (!r.vipSet()) {
            return;
        }
        VirtualLink link = r.config().virtualLink();
        String own = link != null ? link.name() : r.config().interfaceName();
        boolean throughParent = link instanceof VirtualLink.Macvlan m && m.transmitOnBase();
        java.util.Set<Integer> announced = new java.util.HashSet<>();
        long now = pacer.isPaced() ? clock.getAsLong() : 0;
        for (RouterWiring.PlacedAddress a : wired(r).addresses()) {
            boolean ours = link != null && a.device().equals(link.name())
                    || r.config().addressVmacs().stream().anyMatch(v -> v.name().equals(a.device()));
            if ((ours || r.config().garp().extraAll()) && (!a.device().equals(own) || throughParent)
                    && announced.add(a.ifindex())) {
                pacer.single(r, a, now, pacedSender);
            }
        }
    }

    /** When queued gratuitous ARPs / NAs are next due ({@link GarpPacer#NEVER}: none queued). */
    long pacedDeadline() {
        return pacer.wakeAt();
    }

    /** Sends the queued gratuitous ARPs / NAs whose interface's time has come (keepalived's vrrp_arp_thread). */
    void runPaced(long now) {
        pacer.run(now, wiring.keySet(), pacedSender);
    }

    private final class PacedSender implements GarpPacer.Sender<VirtualRouter, RouterWiring.PlacedAddress> {
        @Override
        public boolean announces(VirtualRouter r) {
            return r.state() == VrrpState.MASTER && r.vipSet();
        }

        @Override
        public Iterable<RouterWiring.PlacedAddress> addresses(VirtualRouter r) {
            return wired(r).addresses();
        }

        @Override
        public String device(RouterWiring.PlacedAddress a) {
            return a.base();
        }

        @Override
        public boolean ipv6(RouterWiring.PlacedAddress a) {
            return a.address().address().getAddress().length == 16;
        }

        @Override
        public void attempting(VirtualRouter r, RouterWiring.PlacedAddress a) {
            byte[] vip = a.address().address().getAddress();
            log.debug("(" + r.name() + ") Sending/queueing " + (vip.length == 4 ? "gratuitous ARPs"
                    : "Unsolicited Neighbour Adverts") + " on " + a.device() + " for " + VirtualRouterText.address(vip));
        }

        @Override
        public void send(VirtualRouter r, RouterWiring.PlacedAddress a) {
            announce(a.device(), a.ifindex(), a.mac(), a.address().address().getAddress());
        }
    }

    private void announce(String device, int ifindex, byte[] mac, byte[] address) {
        int errno;
        String text = VirtualRouterText.address(address);
        if (address.length == 4) {
            log.debug("Sending gratuitous ARP on " + device + " for " + text);
            errno = dryRun ? 0 : gratuitous.arp(ifindex, mac, address);
            if (errno != 0) {
                log.info("Error " + errno + " (" + Errno.describe(errno) + ") sending gratuitous ARP on " + device
                        + " for " + text);
            }
        } else {
            log.debug("Sending unsolicited Neighbour Advert on " + device + " for " + text);
            boolean router = forwards(device);
            errno = dryRun ? 0 : gratuitous.neighbourAdvertisement(ifindex, mac, address, router);
            if (errno != 0) {
                log.info("Error " + errno + " sending ndisc unsolicited neighbour advert on " + device + " for " + text);
            }
        }
    }

    /** The NA Router flag follows the interface's IPv6 forwarding, re-read at most every 5 s as keepalived does. */
    private boolean forwards(String device) {
        long now = System.nanoTime();
        Long checked = forwardingCheckedAt.get(device);
        if (checked == null || now - checked > 5_000_000_000L) {
            boolean on;
            try {
                on = Files.readString(Path.of("/proc/sys/net/ipv6/conf", device, "forwarding")).trim().equals("1");
            } catch (java.io.IOException e) {
                on = false;
            }
            forwarding.put(device, on);
            forwardingCheckedAt.put(device, now);
        }
        return forwarding.get(device);
    }

    @Override
    public void announceSource(VirtualRouter r) {
        RouterWiring w = wiring.get(r);
        byte[] source = r.sourceAddress();
        if (w != null && source != null) {
            log.debug(r.name() + ": sending gratuitous " + (source.length == 4 ? "ARP" : "NA") + " for "
                    + VirtualRouterText.address(source));
            announce(r.config().interfaceName(), w.ifindex(), w.mac(), source);
            pacer.sent(r.config().interfaceName(), source.length == 16, pacer.isPaced() ? clock.getAsLong() : 0);
        }
    }

    @Override
    public void notifyState(VirtualRouter r, VrrpState state) {
        if (dryRun) {
            return;
        }
        notifier.instance(r.name(), r.config().notifyCommands(), state, r.effectivePriority(), r.config().smtpAlert());
    }

    @Override
    public void notifyGroup(SyncGroup group, VrrpState state) {
        if (dryRun) {
            return;
        }
        notifier.group(group.name(), group.config().notifyCommands(), state, group.config().smtpAlert());
    }

    @Override
    public void fifoState(VirtualRouter r, VrrpState state) {
        if (!dryRun) {
            notifier.fifoInstance(r.name(), state, r.effectivePriority());
        }
    }

    @Override
    public void fifoGroupState(SyncGroup group, VrrpState state) {
        if (!dryRun) {
            notifier.fifoGroup(group.name(), state);
        }
    }

    @Override
    public void notifyEvent(VirtualRouter r, RouterEvent event) {
        if (dryRun) {
            return;
        }
        notifier.event(r.name(), r.config().notifyCommands(), event, r.state() == VrrpState.MASTER,
                r.effectivePriority());
    }

    @Override
    public void log(String message) {
        log.info(message);
    }

    @Override
    public void logDetail(String message) {
        log.debug(message);
    }
}
