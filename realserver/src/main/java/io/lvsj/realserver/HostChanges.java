package io.lvsj.realserver;

import io.lvsj.netlink.NetlinkException;
import io.lvsj.rtnl.FouClient;
import io.lvsj.rtnl.InterfaceAddress;
import io.lvsj.rtnl.Link;
import io.lvsj.rtnl.NewLink;
import io.lvsj.rtnl.RtnlClient;
import io.lvsj.rtnl.Scope;
import io.lvsj.sys.Errno;
import io.lvsj.sys.Modprobe;
import io.lvsj.sys.NetNamespace;
import io.lvsj.sys.Sysctl;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out {@link Step}s on the host (rtnetlink, sysctls, fou) and undoes {@link Change}s:
 * the thin shell around {@link Plan}. A step that fails undoes the steps of the same run
 * before the error goes up, so nothing is left half-applied.
 */
final class HostChanges {
    private final NetNamespace namespace;
    private final Sysctl sysctl;

    HostChanges(NetNamespace namespace) {
        this.namespace = namespace;
        this.sysctl = new Sysctl(namespace);
    }

    /** The links (up or not) and the addresses of each, as {@link Plan} sees the host. */
    Plan.Host view() {
        try (RtnlClient rtnl = RtnlClient.open(namespace)) {
            Map<String, Boolean> up = new HashMap<>();
            Map<Integer, String> names = new HashMap<>();
            for (Link l : rtnl.links()) {
                up.put(l.name(), l.isUp());
                names.put(l.index(), l.name());
            }
            Map<String, Set<InetAddress>> addresses = new HashMap<>();
            for (InterfaceAddress a : rtnl.addresses()) {
                addresses.computeIfAbsent(names.getOrDefault(a.interfaceIndex(), "?"), k -> new HashSet<>()).add(a.address());
            }
            return new Plan.Host(up, addresses);
        }
    }

    /** Carries out the steps; returns what changed. On failure, undoes those changes and throws. */
    List<Change> apply(List<Step> steps) {
        List<Change> done = new ArrayList<>();
        try (RtnlClient rtnl = RtnlClient.open(namespace)) {
            for (Step s : steps) {
                apply(rtnl, s).ifPresent(done::add);
            }
            return done;
        } catch (RuntimeException e) {
            undo(done);
            if (e instanceof SetupException) {
                throw e;
            }
            throw new SetupException(e.getMessage(), e);
        }
    }

    private Optional<Change> apply(RtnlClient rtnl, Step step) {
        switch (step) {
            case Step.Sysctl s -> {
                String before = sysctl.read(s.name());
                if (s.fine().contains(before)) {
                    return Optional.empty();
                }
                sysctl.write(s.name(), s.value());
                return Optional.of(new Change.Sysctl(s.purpose(), s.name(), before, s.value()));
            }
            case Step.CreateLink c -> {
                try {
                    rtnl.addLink(c.link());
                } catch (NetlinkException e) {
                    if (c.link() instanceof NewLink.Tunnel t && isUnsupported(e)) {
                        throw new SetupException("this kernel has no " + t.tunnel().kind() + " tunnel driver (module "
                                + module(t.tunnel()) + "): " + e.getMessage(), e);
                    }
                    if (c.link() instanceof NewLink.Dummy && isUnsupported(e)) {
                        throw new SetupException("this kernel has no dummy devices (module dummy): " + e.getMessage(), e);
                    }
                    throw e;
                }
                return Optional.of(new Change.LinkCreated(c.purpose(), c.link().name()));
            }
            case Step.Up u -> {
                rtnl.setLinkUp(index(rtnl, u.name()), true);
                return Optional.of(new Change.LinkUp(u.purpose(), u.name()));
            }
            case Step.AddAddress a -> {
                InterfaceAddress address = vipAddress(index(rtnl, a.device()), a.address());
                rtnl.addAddress(address);
                return Optional.of(new Change.AddressAdded(a.purpose(), a.device(), a.address(), address.prefixLength()));
            }
            case Step.OpenGuePort g -> {
                try (FouClient fou = openFou()) {
                    fou.addGuePort(g.port());
                } catch (NetlinkException e) {
                    if (e.errno() == Errno.EEXIST.number()) {
                        return Optional.empty(); // open already, and not ours to close
                    }
                    if (e.errno() == Errno.ENOENT.number() || isUnsupported(e)) {
                        throw new SetupException("this kernel has no foo-over-UDP (module fou), which GUE tunnels need: "
                                + e.getMessage(), e);
                    }
                    throw e;
                }
                return Optional.of(new Change.GuePort(g.purpose(), g.port()));
            }
        }
    }

    /** Undoes changes, newest first; returns warnings for what it left (changed by someone since). */
    List<String> undo(List<Change> changes) {
        List<String> warnings = new ArrayList<>();
        try (RtnlClient rtnl = RtnlClient.open(namespace)) {
            for (int i = changes.size() - 1; i >= 0; i--) {
                try {
                    undo(rtnl, changes.get(i), warnings);
                } catch (RuntimeException e) {
                    warnings.add("could not undo '" + changes.get(i).text() + "': " + e.getMessage());
                }
            }
        }
        return warnings;
    }

    private void undo(RtnlClient rtnl, Change change, List<String> warnings) {
        switch (change) {
            case Change.Sysctl s -> {
                if (!sysctl.exists(s.name())) {
                    return; // its interface is gone
                }
                String now = sysctl.read(s.name());
                if (now.equals(s.after())) {
                    sysctl.write(s.name(), s.before());
                } else {
                    warnings.add("left " + s.name() + " at " + now + ": it was changed since start (start set " + s.after()
                            + ", it had been " + s.before() + ")");
                }
            }
            case Change.LinkCreated l -> rtnl.link(l.name()).ifPresent(link -> rtnl.deleteLink(link.index()));
            case Change.LinkUp u -> rtnl.link(u.name()).ifPresent(link -> rtnl.setLinkUp(link.index(), false));
            case Change.AddressAdded a -> {
                Optional<Link> link = rtnl.link(a.device());
                if (link.isPresent()) {
                    for (InterfaceAddress present : rtnl.addresses(link.get().index())) {
                        if (present.address().equals(a.address()) && present.prefixLength() == a.prefixLength()) {
                            rtnl.deleteAddress(present);
                        }
                    }
                }
            }
            case Change.GuePort g -> {
                try (FouClient fou = FouClient.open(namespace)) {
                    fou.deletePort(g.port());
                } catch (NetlinkException e) {
                    if (e.errno() != Errno.ENOENT.number()) {
                        throw e;
                    }
                }
            }
        }
    }

    /** The fou family; the kernel does not load its module on demand, so this does, once. */
    private FouClient openFou() {
        try {
            return FouClient.open(namespace);
        } catch (NetlinkException e) {
            if (e.errno() != Errno.ENOENT.number() || !Modprobe.load("fou")) {
                throw e;
            }
            return FouClient.open(namespace);
        }
    }

    /**
     * A VIP as an address: /32, or /128 without duplicate address detection and with a
     * preferred lifetime of 0, so that the host never picks it as the source of its own
     * connections (keepalived does the same with IPv6 VIPs).
     */
    static InterfaceAddress vipAddress(int index, InetAddress vip) {
        if (vip instanceof Inet6Address) {
            return new InterfaceAddress(index, vip, 128, Scope.GLOBAL, "", null, InterfaceAddress.FLAG_NODAD)
                    .withLifetimes(0, InterfaceAddress.FOREVER);
        }
        return new InterfaceAddress(index, vip, 32, Scope.GLOBAL, "", null, 0);
    }

    private static int index(RtnlClient rtnl, String name) {
        return rtnl.link(name).orElseThrow(() -> new SetupException("no interface " + name, null)).index();
    }

    private static boolean isUnsupported(NetlinkException e) {
        return e.errno() == Errno.EOPNOTSUPP.number() || e.errno() == Errno.ENODEV.number();
    }

    private static String module(NewLink.TunnelKind kind) {
        return switch (kind) {
            case IPIP -> "ipip";
            case GRE -> "ip_gre";
            case IP6TNL -> "ip6_tunnel";
        };
    }
}
