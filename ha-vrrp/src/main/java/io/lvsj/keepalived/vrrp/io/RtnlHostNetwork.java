package io.lvsj.keepalived.vrrp.io;

import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.RouteOptions;
import io.lvsj.keepalived.vrrp.config.VirtualRoute;
import io.lvsj.keepalived.vrrp.config.VirtualRule;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.sys.Errno;
import io.lvsj.rtnl.InterfaceAddress;
import io.lvsj.rtnl.MacAddress;
import io.lvsj.rtnl.NewLink;
import io.lvsj.rtnl.Route;
import io.lvsj.rtnl.RouteDetails;
import io.lvsj.rtnl.RuleDetails;
import io.lvsj.rtnl.RtnlClient;
import io.lvsj.rtnl.Scope;

import java.net.Inet4Address;
import java.util.List;

/** {@link HostNetwork} over ipvs-netlink's {@link RtnlClient}, in the namespace of the thread that opens it. */
public final class RtnlHostNetwork implements HostNetwork {
    private final RtnlClient rtnl;

    private RtnlHostNetwork(RtnlClient rtnl) {
        this.rtnl = rtnl;
    }

    public static RtnlHostNetwork open() {
        return new RtnlHostNetwork(RtnlClient.open());
    }

    @Override
    public List<Link> links() {
        return rtnl.links().stream().map(RtnlHostNetwork::link).toList();
    }

    @Override
    public List<Address> addresses() {
        return rtnl.addresses().stream().map(RtnlHostNetwork::address).toList();
    }

    /** rtnetlink's link in the VRRP shell's terms; a link without a MAC (loopback-like) gets zeros. */
    static Link link(io.lvsj.rtnl.Link l) {
        return new Link(l.index(), l.name(), l.flags(), l.mac() == null ? new byte[6] : l.mac().bytes(), l.mtu());
    }

    /** rtnetlink's interface address in the VRRP shell's terms. */
    static Address address(InterfaceAddress a) {
        return new Address(a.interfaceIndex(), a.address().getAddress(), a.prefixLength(), a.scope().number(),
                a.flags(), a.label());
    }

    @Override
    public void addAddress(VirtualAddress v, int ifindex) {
        try {
            rtnl.addAddress(interfaceAddress(v, ifindex));
        } catch (NetlinkException e) {
            if (e.errno() != Errno.EEXIST.number()) {
                throw e;
            }
        }
    }

    @Override
    public void deleteAddress(VirtualAddress v, int ifindex) {
        try {
            rtnl.deleteAddress(interfaceAddress(v, ifindex));
        } catch (NetlinkException e) {
            if (e.errno() != Errno.EADDRNOTAVAIL.number() && e.errno() != Errno.ENODEV.number()) {
                throw e;
            }
        }
    }

    @Override
    public void addRoute(VirtualRoute r, int ifindex) {
        try {
            rtnl.addRoute(route(r, ifindex), switch (r.options().mode()) {
                case PREPEND -> Route.Mode.PREPEND;
                case ADD -> Route.Mode.ADD;
                case APPEND -> Route.Mode.APPEND;
            });
        } catch (NetlinkException e) {
            // prepended or appended, EEXIST means this very route (ours) is there already
            if (e.errno() != Errno.EEXIST.number() || r.options().mode() == RouteOptions.Mode.ADD) {
                throw e;
            }
        }
    }

    @Override
    public void addRule(VirtualRule r) {
        try {
            rtnl.addRule(rule(r));
        } catch (NetlinkException e) {
            if (e.errno() != Errno.EEXIST.number()) { // this very rule is there already (a reload)
                throw e;
            }
        }
    }

    @Override
    public void deleteRule(VirtualRule r) {
        try {
            rtnl.deleteRule(rule(r));
        } catch (NetlinkException e) {
            if (e.errno() != Errno.ENOENT.number()) {
                throw e;
            }
        }
    }

    static io.lvsj.rtnl.Rule rule(VirtualRule r) {
        RuleDetails d = new RuleDetails(r.invert(), r.tos(), (int) r.gotoTarget(), r.realms(), r.suppressPrefixLength(),
                (int) r.suppressGroup(), r.tunnelId(), r.uidStart(), r.uidEnd(), r.l3mdev(), r.protocol(), r.ipProtocol(),
                (int) r.sportStart(), (int) r.sportEnd(), (int) r.dportStart(), (int) r.dportEnd());
        io.lvsj.rtnl.Rule.Action action = switch (r.action()) {
            case TABLE -> io.lvsj.rtnl.Rule.Action.TO_TABLE;
            case GOTO -> io.lvsj.rtnl.Rule.Action.GOTO;
            case NOP -> io.lvsj.rtnl.Rule.Action.NOP;
            case BLACKHOLE -> io.lvsj.rtnl.Rule.Action.BLACKHOLE;
            case UNREACHABLE -> io.lvsj.rtnl.Rule.Action.UNREACHABLE;
            case PROHIBIT -> io.lvsj.rtnl.Rule.Action.PROHIBIT;
        };
        return new io.lvsj.rtnl.Rule(r.ipv6(), (int) Math.max(0, r.preference()), r.from(), r.fromLength(), r.to(),
                r.toLength(), (int) r.fwmark(), (int) r.fwmask(), r.inInterface(), r.outInterface(), (int) r.table(),
                action, d);
    }

    @Override
    public void deleteRoute(VirtualRoute r, int ifindex) {
        try {
            rtnl.deleteRoute(route(r, ifindex));
        } catch (NetlinkException e) {
            if (e.errno() != Errno.ESRCH.number() && e.errno() != Errno.ENODEV.number()) {
                throw e;
            }
        }
    }

    private Route route(VirtualRoute r, int ifindex) {
        RouteOptions o = r.options();
        List<RouteDetails.NextHop> hops = o.nextHops().stream().map(h -> new RouteDetails.NextHop(h.via(),
                h.device() == null ? 0 : indexOf(h.device()), h.weight(), h.onlink() ? RouteDetails.ONLINK : 0,
                h.realms())).toList();
        RouteDetails details = new RouteDetails(o.type(), o.protocol(), o.tos(), o.from(), o.fromLength(),
                o.onlink() ? RouteDetails.ONLINK : 0, o.realms(), o.metrics(), o.locked(), o.congestionControl(),
                o.preference(), o.expires(), hops);
        return new Route(r.destination(), r.prefixLength(), r.gateway(), ifindex, r.source(), r.metric(), r.table(),
                Scope.ofNumber(r.scope()), r.ipv6(), details);
    }

    private int indexOf(String device) {
        return rtnl.link(device).orElseThrow(() -> new IllegalArgumentException("interface " + device
                + " of a nexthop doesn't exist")).index();
    }

    /**
     * The address as keepalived adds it: its flags (IPv6 without duplicate address detection
     * unless {@code -nodad}), its peer, and for IPv6 its preferred lifetime (an IPv6 /128 gets 0
     * by default: deprecated, never chosen as a source address) with a valid one of forever.
     */
    static InterfaceAddress interfaceAddress(VirtualAddress v, int ifindex) {
        boolean ipv4 = v.address() instanceof Inet4Address;
        InterfaceAddress a = new InterfaceAddress(ifindex, v.address(), v.prefixLength(), Scope.ofNumber(v.scope()),
                ipv4 && v.label() != null ? v.label() : "", ipv4 ? v.broadcast() : null, v.flags());
        if (!ipv4 && v.preferredLifetime() != VirtualAddress.FOREVER) {
            a = a.withLifetimes(v.preferredLifetime(), InterfaceAddress.FOREVER);
        }
        return v.peer() != null ? a.withPeer(v.peer()) : a;
    }

    @Override
    public void addMacvlan(String name, int parent, byte[] mac) {
        rtnl.addLink(new NewLink.Macvlan(name, parent, new MacAddress(mac), NewLink.MacvlanMode.PRIVATE));
    }

    @Override
    public void addIpvlan(String name, int parent, int flags) {
        rtnl.addLink(new NewLink.Ipvlan(name, parent, NewLink.IpvlanMode.L2, NewLink.IpvlanFlags.values()[flags]));
    }

    @Override
    public void deleteLink(int index) {
        try {
            rtnl.deleteLink(index);
        } catch (NetlinkException e) {
            if (e.errno() != Errno.ENODEV.number()) {
                throw e;
            }
        }
    }

    @Override
    public void setUp(int index) {
        rtnl.setLinkUp(index, true);
    }

    @Override
    public void setIpv4Settings(int index, java.util.Map<Integer, Integer> settings) {
        rtnl.setIpv4Settings(index, settings);
    }

    @Override
    public void disableIpv6AddressGeneration(int index) {
        rtnl.setIpv6AddressGenerationMode(index, RtnlClient.IPV6_ADDR_GEN_MODE_NONE);
    }

    @Override
    public void close() {
        rtnl.close();
    }
}
