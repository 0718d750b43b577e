package io.lvsj.rtnl;

import io.lvsj.netlink.Netlink;
import io.lvsj.netlink.NetlinkChannel;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.netlink.NetlinkSocket;
import io.lvsj.sys.Errno;
import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.NetNamespace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.lvsj.rtnl.Rtnl.*;

/**
 * rtnetlink: links, addresses (VIPs), neighbours and routes of one network namespace, over
 * one socket kept open. Failures are {@link NetlinkException}s that name the object and the
 * errno ("add address 192.0.2.1/32 dev#2: EEXIST (File exists)").
 */
public final class RtnlClient implements AutoCloseable {
    private final NetlinkChannel channel;

    RtnlClient(NetlinkChannel channel) {
        this.channel = channel;
    }

    public static RtnlClient open() {
        return open(null);
    }

    /** Opens a client for {@code namespace}, or for the caller's when {@code null}. */
    public static RtnlClient open(NetNamespace namespace) {
        try {
            return new RtnlClient(new NetlinkChannel(NetlinkSocket.open(Netlink.NETLINK_ROUTE, namespace)));
        } catch (ErrnoException e) {
            throw new NetlinkException("open an rtnetlink socket", e.errno(), null, e);
        }
    }

    // ---- links ----

    public List<Link> links() {
        return channel.dumpAll("list links", RTM_GETLINK, w -> RtnlCodec.dumpHeader(w, IFINFOMSG_LENGTH),
                RtnlCodec::decodeLink);
    }

    public Optional<Link> link(String name) {
        return links().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    public Optional<Link> link(int index) {
        try {
            return Optional.of(channel.query("get link #" + index, RTM_GETLINK, 0,
                    w -> RtnlCodec.linkHeader(w, index, 0, 0), RtnlCodec::decodeLink));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV.number()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Sets a link administratively up or down ({@code ip link set IF up|down}). */
    public void setLinkUp(int index, boolean up) {
        channel.execute("set link #" + index + (up ? " up" : " down"), RTM_NEWLINK, 0,
                w -> RtnlCodec.linkHeader(w, index, up ? Link.FLAG_UP : 0, Link.FLAG_UP));
    }

    /** Creates a link ({@code ip link add}); it starts down. EEXIST if the name is taken. */
    public void addLink(NewLink link) {
        channel.execute("add link " + link.name(), RTM_NEWLINK, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL,
                w -> RtnlCodec.encodeNewLink(w, link));
    }

    /** {@code IPV4_DEVCONF_*} numbers of the per-interface IPv4 settings keepalived changes on its VMACs. */
    public static final int IPV4_RP_FILTER = 8;
    public static final int IPV4_ARP_FILTER = 13;
    public static final int IPV4_ARP_IGNORE = 19;
    public static final int IPV4_PROMOTE_SECONDARIES = 20;
    public static final int IPV4_ACCEPT_LOCAL = 23;
    /** {@code IN6_ADDR_GEN_MODE_NONE}: the kernel makes no link-local address for the link. */
    public static final int IPV6_ADDR_GEN_MODE_NONE = 1;

    /**
     * Sets per-interface IPv4 settings ({@code net.ipv4.conf.IF.*}) by their {@code IPV4_DEVCONF_*}
     * numbers, in one request, as keepalived does for a VMAC and its parent.
     */
    public void setIpv4Settings(int index, java.util.Map<Integer, Integer> settings) {
        channel.execute("set IPv4 settings of link #" + index, RTM_NEWLINK, 0,
                w -> RtnlCodec.encodeIpv4Settings(w, index, settings));
    }

    /** Sets how IPv6 generates the link's link-local address ({@link #IPV6_ADDR_GEN_MODE_NONE}: none). */
    public void setIpv6AddressGenerationMode(int index, int mode) {
        channel.execute("set IPv6 address generation mode of link #" + index, RTM_NEWLINK, 0,
                w -> RtnlCodec.encodeIpv6AddressGenerationMode(w, index, mode));
    }

    /** Deletes a link (a veth takes its peer with it). */
    public void deleteLink(int index) {
        channel.execute("delete link #" + index, RTM_DELLINK, 0, w -> RtnlCodec.linkHeader(w, index, 0, 0));
    }

    // ---- addresses ----

    /** Every IPv4 and IPv6 address of every interface. */
    public List<InterfaceAddress> addresses() {
        return channel.dumpAll("list addresses", RTM_GETADDR, w -> RtnlCodec.dumpHeader(w, IFADDRMSG_LENGTH),
                m -> RtnlCodec.isInet(m) ? RtnlCodec.decodeAddress(m) : null);
    }

    public List<InterfaceAddress> addresses(int interfaceIndex) {
        return addresses().stream().filter(a -> a.interfaceIndex() == interfaceIndex).toList();
    }

    /** Adds an address; EEXIST if the interface already has it. */
    public void addAddress(InterfaceAddress address) {
        channel.execute("add address " + address, RTM_NEWADDR, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL,
                w -> RtnlCodec.encodeAddress(w, address));
    }

    /** Removes an address; EADDRNOTAVAIL if the interface does not have it. */
    public void deleteAddress(InterfaceAddress address) {
        channel.execute("delete address " + address, RTM_DELADDR, 0, w -> RtnlCodec.encodeAddress(w, address));
    }

    // ---- neighbours ----

    public List<Neighbour> neighbours() {
        return channel.dumpAll("list neighbours", RTM_GETNEIGH, w -> RtnlCodec.dumpHeader(w, NDMSG_LENGTH),
                m -> RtnlCodec.isInet(m) ? RtnlCodec.decodeNeighbour(m) : null);
    }

    /** Adds or replaces a neighbour entry ({@code ip neigh replace}). */
    public void setNeighbour(Neighbour neighbour) {
        channel.execute("set neighbour " + neighbour.address().getHostAddress(), RTM_NEWNEIGH,
                Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE, w -> RtnlCodec.encodeNeighbour(w, neighbour));
    }

    public void deleteNeighbour(Neighbour neighbour) {
        channel.execute("delete neighbour " + neighbour.address().getHostAddress(), RTM_DELNEIGH, 0,
                w -> RtnlCodec.encodeNeighbour(w, neighbour));
    }

    // ---- routes ----

    /** Unicast routes of every table. */
    public List<Route> routes() {
        return channel.dumpAll("list routes", RTM_GETROUTE, w -> RtnlCodec.dumpHeader(w, RTMSG_LENGTH),
                m -> RtnlCodec.isUnicastRoute(m) ? RtnlCodec.decodeRoute(m) : null);
    }

    /** Adds a route; EEXIST if one like it is there ({@link Route.Mode#ADD}). */
    public void addRoute(Route route) {
        addRoute(route, Route.Mode.ADD);
    }

    /** Adds a route the way {@code ip route prepend|add|append|replace} does. */
    public void addRoute(Route route, Route.Mode mode) {
        int flags = Netlink.NLM_F_CREATE | switch (mode) {
            case PREPEND -> 0;
            case ADD -> Netlink.NLM_F_EXCL;
            case APPEND -> Netlink.NLM_F_APPEND;
            case REPLACE -> Netlink.NLM_F_REPLACE;
        };
        channel.execute("add route " + describe(route), RTM_NEWROUTE, flags, w -> RtnlCodec.encodeRoute(w, route));
    }

    public void deleteRoute(Route route) {
        channel.execute("delete route " + describe(route), RTM_DELROUTE, 0, w -> RtnlCodec.encodeRoute(w, route, true));
    }

    // ---- rules ----

    /** Every policy routing rule of both families. */
    public List<Rule> rules() {
        return channel.dumpAll("list rules", RTM_GETRULE, w -> RtnlCodec.dumpHeader(w, FIB_RULE_HDR_LENGTH),
                m -> RtnlCodec.isInet(m) ? RtnlCodec.decodeRule(m) : null);
    }

    public void addRule(Rule rule) {
        channel.execute("add rule " + rule, RTM_NEWRULE, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL,
                w -> RtnlCodec.encodeRule(w, rule));
    }

    public void deleteRule(Rule rule) {
        channel.execute("delete rule " + rule, RTM_DELRULE, 0, w -> RtnlCodec.encodeRule(w, rule));
    }

    private static String describe(Route r) {
        return (r.destination() == null ? "default" : r.destination().getHostAddress() + "/" + r.prefixLength())
                + (r.gateway() == null ? "" : " via " + r.gateway().getHostAddress());
    }

    @Override
    public void close() {
        channel.close();
    }
}
