package io.lvsj.rtnl;

import io.lvsj.netlink.Attributes;
import io.lvsj.netlink.MessageWriter;
import io.lvsj.netlink.NetlinkMessage;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static io.lvsj.rtnl.Rtnl.*;

/** rtnetlink requests and replies, encoded and decoded without I/O. */
public final class RtnlCodec {
    private static final int AF_UNSPEC = 0;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    /** keepalived's routing protocol number, so routes we add look like keepalived's. */
    static final int RTPROT_KEEPALIVED = 18;
    private static final int RTN_UNICAST = 1;

    private RtnlCodec() {
    }

    private static int family(InetAddress a) {
        return a instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    /** The fixed header of a dump request for every family. */
    static void dumpHeader(MessageWriter w, int length) {
        w.raw(new byte[length]);
    }

    // ---- links ----

    static Link decodeLink(NetlinkMessage m) {
        ByteBuffer p = m.fixedHeader(IFINFOMSG_LENGTH, "rtnetlink link");
        int type = p.getShort(2) & 0xffff;
        int index = p.getInt(4);
        int flags = p.getInt(8);
        Attributes a = m.attributesAfter(IFINFOMSG_LENGTH);
        byte[] mac = a.has(IFLA_ADDRESS) ? a.bytes(IFLA_ADDRESS) : null;
        String kind = "";
        Attributes info = a.nested(IFLA_LINKINFO);
        if (info != null && info.has(IFLA_INFO_KIND)) {
            kind = info.string(IFLA_INFO_KIND);
        }
        return new Link(index, a.string(IFLA_IFNAME, ""), flags, mac == null || mac.length == 0 ? null : new MacAddress(mac),
                a.u32(IFLA_MTU, 0), kind, a.u8(IFLA_OPERSTATE, 0), type);
    }

    /** An {@code ifinfomsg} that selects one link by index, for RTM_GETLINK or RTM_NEWLINK. */
    static void linkHeader(MessageWriter w, int index, int flags, int change) {
        ByteBuffer b = ByteBuffer.allocate(IFINFOMSG_LENGTH).order(ByteOrder.nativeOrder());
        b.put((byte) AF_UNSPEC).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change);
        w.raw(b.array());
    }

    /**
     * An RTM_NEWLINK for link {@code index} that sets per-interface IPv4 settings
     * ({@code IFLA_AF_SPEC} / {@code AF_INET} / {@code IFLA_INET_CONF}, by {@code IPV4_DEVCONF_*} number).
     */
    static void encodeIpv4Settings(MessageWriter w, int index, java.util.Map<Integer, Integer> settings) {
        linkHeader(w, index, 0, 0);
        int spec = w.beginNested(IFLA_AF_SPEC);
        int inet = w.beginNested(AF_INET);
        int conf = w.beginNested(IFLA_INET_CONF);
        new java.util.TreeMap<>(settings).forEach(w::u32);
        w.endNested(conf);
        w.endNested(inet);
        w.endNested(spec);
    }

    /** An RTM_NEWLINK for link {@code index} setting how IPv6 makes its link-local address ({@code IFLA_INET6_ADDR_GEN_MODE}). */
    static void encodeIpv6AddressGenerationMode(MessageWriter w, int index, int mode) {
        linkHeader(w, index, 0, 0);
        int spec = w.beginNested(IFLA_AF_SPEC);
        int inet6 = w.beginNested(AF_INET6);
        w.u8(IFLA_INET6_ADDR_GEN_MODE, mode);
        w.endNested(inet6);
        w.endNested(spec);
    }

    // ---- addresses ----

    static void encodeAddress(MessageWriter w, InterfaceAddress address) {
        ByteBuffer b = ByteBuffer.allocate(IFADDRMSG_LENGTH).order(ByteOrder.nativeOrder());
        b.put((byte) family(address.address())).put((byte) address.prefixLength())
                .put((byte) (address.flags() & 0xff)).put((byte) address.scope().number())
                .putInt(address.interfaceIndex());
        w.raw(b.array());
        int length = address.address().getAddress().length;
        w.address(IFA_LOCAL, address.address(), length);
        w.address(IFA_ADDRESS, address.peer() != null ? address.peer() : address.address(), length);
        if (address.broadcast() != null && address.address() instanceof Inet4Address) {
            w.address(IFA_BROADCAST, address.broadcast(), 4);
        }
        if (!address.label().isEmpty() && address.address() instanceof Inet4Address) {
            w.string(IFA_LABEL, address.label());
        }
        if (address.flags() > 0xff) {
            w.u32(IFA_FLAGS, address.flags());
        }
        if (address.preferredLifetime() != InterfaceAddress.FOREVER || address.validLifetime() != InterfaceAddress.FOREVER) {
            // struct ifa_cacheinfo: preferred, valid, then two timestamps the kernel fills in.
            w.u32s(IFA_CACHEINFO, (int) address.preferredLifetime(), (int) address.validLifetime(), 0, 0);
        }
    }

    static InterfaceAddress decodeAddress(NetlinkMessage m) {
        ByteBuffer p = m.fixedHeader(IFADDRMSG_LENGTH, "rtnetlink address");
        int family = p.get(0) & 0xff;
        int prefix = p.get(1) & 0xff;
        int headerFlags = p.get(2) & 0xff;
        int scope = p.get(3) & 0xff;
        int index = p.getInt(4);
        Attributes a = m.attributesAfter(IFADDRMSG_LENGTH);
        int length = family == AF_INET ? 4 : 16;
        // For IPv4 IFA_LOCAL is the address and IFA_ADDRESS the peer on point-to-point links;
        // IPv6 sends only IFA_ADDRESS.
        InetAddress address = a.has(IFA_LOCAL) ? a.address(IFA_LOCAL, length) : a.address(IFA_ADDRESS, length);
        InetAddress peer = null;
        if (a.has(IFA_LOCAL) && a.has(IFA_ADDRESS)) {
            InetAddress other = a.address(IFA_ADDRESS, length);
            peer = other.equals(address) ? null : other;
        }
        InetAddress broadcast = a.has(IFA_BROADCAST) ? a.address(IFA_BROADCAST, length) : null;
        long preferred = InterfaceAddress.FOREVER;
        long valid = InterfaceAddress.FOREVER;
        ByteBuffer cache = a.find(IFA_CACHEINFO);
        if (cache != null && cache.remaining() >= 8) {
            preferred = Integer.toUnsignedLong(cache.getInt(0));
            valid = Integer.toUnsignedLong(cache.getInt(4));
        }
        return new InterfaceAddress(index, address, prefix, Scope.ofNumber(scope), a.string(IFA_LABEL, ""),
                broadcast, a.u32(IFA_FLAGS, headerFlags), preferred, valid, peer);
    }

    static boolean isInet(NetlinkMessage m) {
        int family = m.fixedHeader(1, "rtnetlink").get(0) & 0xff;
        return family == AF_INET || family == AF_INET6;
    }

    // ---- neighbours ----

    static void encodeNeighbour(MessageWriter w, Neighbour n) {
        ByteBuffer b = ByteBuffer.allocate(NDMSG_LENGTH).order(ByteOrder.nativeOrder());
        b.put((byte) family(n.address())).put((byte) 0).putShort((short) 0).putInt(n.interfaceIndex())
                .putShort((short) n.state()).put((byte) 0).put((byte) 0);
        w.raw(b.array());
        w.address(NDA_DST, n.address(), n.address().getAddress().length);
        if (n.mac() != null) {
            w.bytes(NDA_LLADDR, n.mac().bytes());
        }
    }

    static Neighbour decodeNeighbour(NetlinkMessage m) {
        ByteBuffer p = m.fixedHeader(NDMSG_LENGTH, "rtnetlink neighbour");
        int family = p.get(0) & 0xff;
        int index = p.getInt(4);
        int state = p.getShort(8) & 0xffff;
        Attributes a = m.attributesAfter(NDMSG_LENGTH);
        byte[] mac = a.has(NDA_LLADDR) ? a.bytes(NDA_LLADDR) : null;
        return new Neighbour(index, a.address(NDA_DST, family == AF_INET ? 4 : 16), mac == null ? null : new MacAddress(mac),
                state);
    }

    // ---- routes ----

    static void encodeRoute(MessageWriter w, Route r) {
        encodeRoute(w, r, false);
    }

    /**
     * A route as keepalived's {@code netlink_route} sends it: a table above 255 as RTA_TABLE,
     * scope universe unless given (nowhere when deleting), its type, protocol, tos and flags,
     * then the attributes its options call for, metrics nested in RTA_METRICS and next hops in
     * RTA_MULTIPATH.
     */
    static void encodeRoute(MessageWriter w, Route r, boolean delete) {
        RouteDetails d = r.details();
        int family = r.ipv6() ? AF_INET6 : AF_INET;
        int table = r.table();
        int scope = delete && r.scope() == Scope.GLOBAL ? Scope.NOWHERE.number() : r.scope().number();
        ByteBuffer b = ByteBuffer.allocate(RTMSG_LENGTH).order(ByteOrder.nativeOrder());
        b.put((byte) family).put((byte) r.prefixLength()).put((byte) (d.from() == null ? 0 : d.fromLength()))
                .put((byte) d.tos()).put((byte) (table < 256 ? table : 0)).put((byte) d.protocol())
                .put((byte) scope).put((byte) d.type()).putInt(d.flags());
        w.raw(b.array());
        int length = r.ipv6() ? 16 : 4;
        if (table >= 256) {
            w.u32(RTA_TABLE, table);
        }
        if (r.destination() != null) {
            w.address(RTA_DST, r.destination(), length);
        }
        if (d.from() != null) {
            w.address(RTA_SRC, d.from(), length);
        }
        if (r.preferredSource() != null) {
            w.address(RTA_PREFSRC, r.preferredSource(), length);
        }
        if (r.gateway() != null) {
            w.address(RTA_GATEWAY, r.gateway(), length);
        }
        if (r.interfaceIndex() != 0) {
            w.u32(RTA_OIF, r.interfaceIndex());
        }
        if (r.metric() != 0) {
            w.u32(RTA_PRIORITY, r.metric());
        }
        if (d.realms() != 0) {
            w.u32(RTA_FLOW, (int) d.realms());
        }
        if (d.expires() >= 0) {
            w.u32(RTA_EXPIRES, (int) d.expires());
        }
        if (!d.metrics().isEmpty() || d.congestionControl() != null) {
            int metrics = w.beginNested(RTA_METRICS);
            if (d.congestionControl() != null) {
                w.string(RTAX_CC_ALGO, d.congestionControl());
            }
            new java.util.TreeMap<>(d.metrics()).forEach((k, v) -> w.u32(k, v.intValue()));
            if (d.locked() != 0) {
                w.u32(RTAX_LOCK, d.locked());
            }
            w.endNested(metrics);
        }
        if (d.preference() >= 0) {
            w.u8(RTA_PREF, d.preference());
        }
        if (!d.nextHops().isEmpty()) {
            w.bytes(RTA_MULTIPATH, nextHops(d.nextHops(), length));
        }
    }

    /** RTA_MULTIPATH's payload: {@code struct rtnexthop} (len u16, flags u8, hops u8, ifindex s32), then its attributes. */
    private static byte[] nextHops(java.util.List<RouteDetails.NextHop> hops, int addressLength) {
        ByteBuffer b = ByteBuffer.allocate(hops.size() * 32).order(ByteOrder.nativeOrder());
        for (RouteDetails.NextHop h : hops) {
            int start = b.position();
            b.putShort((short) 0).put((byte) h.flags()).put((byte) Math.max(0, h.weight() - 1)).putInt(h.interfaceIndex());
            if (h.gateway() != null) {
                b.putShort((short) (4 + addressLength)).putShort((short) RTA_GATEWAY).put(h.gateway().getAddress());
            }
            if (h.realms() != 0) {
                b.putShort((short) 8).putShort((short) RTA_FLOW).putInt((int) h.realms());
            }
            b.putShort(start, (short) (b.position() - start));
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    static Route decodeRoute(NetlinkMessage m) {
        ByteBuffer p = m.fixedHeader(RTMSG_LENGTH, "rtnetlink route");
        int family = p.get(0) & 0xff;
        int prefix = p.get(1) & 0xff;
        int headerTable = p.get(4) & 0xff;
        int scope = p.get(6) & 0xff;
        Attributes a = m.attributesAfter(RTMSG_LENGTH);
        int length = family == AF_INET ? 4 : 16;
        RouteDetails details = new RouteDetails(p.get(7) & 0xff, p.get(5) & 0xff, p.get(3) & 0xff,
                a.has(RTA_SRC) ? a.address(RTA_SRC, length) : null, p.get(2) & 0xff, p.getInt(8), a.u32(RTA_FLOW, 0),
                java.util.Map.of(), 0, null, -1, -1, java.util.List.of());
        return new Route(
                a.has(RTA_DST) ? a.address(RTA_DST, length) : null, prefix,
                a.has(RTA_GATEWAY) ? a.address(RTA_GATEWAY, length) : null,
                a.u32(RTA_OIF, 0),
                a.has(RTA_PREFSRC) ? a.address(RTA_PREFSRC, length) : null,
                a.u32(RTA_PRIORITY, 0),
                a.u32(RTA_TABLE, headerTable),
                Scope.ofNumber(scope), family == AF_INET6, details);
    }

    // ---- links to create ----

    static void encodeNewLink(MessageWriter w, NewLink link) {
        int parent = switch (link) {
            case NewLink.Macvlan m -> m.parentIndex();
            case NewLink.Ipvlan i -> i.parentIndex();
            default -> 0;
        };
        linkHeader(w, 0, 0, 0);
        w.string(IFLA_IFNAME, link.name());
        if (parent != 0) {
            w.u32(IFLA_LINK, parent);
        }
        if (link instanceof NewLink.Macvlan m && m.mac() != null) {
            w.bytes(IFLA_ADDRESS, m.mac().bytes());
        }
        int info = w.beginNested(IFLA_LINKINFO);
        switch (link) {
            case NewLink.Macvlan m -> {
                w.string(IFLA_INFO_KIND, "macvlan");
                int data = w.beginNested(IFLA_INFO_DATA);
                w.u32(IFLA_MACVLAN_MODE, m.mode().number);
                w.endNested(data);
            }
            case NewLink.Ipvlan i -> {
                w.string(IFLA_INFO_KIND, "ipvlan");
                int data = w.beginNested(IFLA_INFO_DATA);
                w.u16(IFLA_IPVLAN_MODE, i.mode().number);
                w.u16(IFLA_IPVLAN_FLAGS, i.flags().number);
                w.endNested(data);
            }
            case NewLink.Veth v -> {
                w.string(IFLA_INFO_KIND, "veth");
                int data = w.beginNested(IFLA_INFO_DATA);
                int peer = w.beginNested(VETH_INFO_PEER);
                linkHeader(w, 0, 0, 0);
                w.string(IFLA_IFNAME, v.peerName());
                w.endNested(peer);
                w.endNested(data);
            }
            case NewLink.Dummy _ -> w.string(IFLA_INFO_KIND, "dummy");
            case NewLink.Tunnel t -> {
                w.string(IFLA_INFO_KIND, t.tunnel().kind);
                int data = w.beginNested(IFLA_INFO_DATA);
                w.flag(t.tunnel().collectMetadata);
                w.endNested(data);
            }
        }
        w.endNested(info);
    }

    // ---- rules ----

    /** A rule as keepalived's {@code netlink_rule} sends it. */
    static void encodeRule(MessageWriter w, Rule r) {
        RuleDetails d = r.details();
        int table = r.table();
        boolean lookup = r.action() == Rule.Action.TO_TABLE && !d.l3mdev();
        int headerTable = lookup ? (table < 256 ? (table == 0 ? Route.TABLE_MAIN : table) : 0) : 0;
        ByteBuffer b = ByteBuffer.allocate(FIB_RULE_HDR_LENGTH).order(ByteOrder.nativeOrder());
        b.put((byte) (r.ipv6() ? AF_INET6 : AF_INET)).put((byte) (r.to() == null ? 0 : r.toLength()))
                .put((byte) (r.from() == null ? 0 : r.fromLength())).put((byte) d.tos())
                .put((byte) headerTable).put((byte) 0).put((byte) 0)
                .put((byte) r.action().number).putInt(d.invert() ? FIB_RULE_INVERT : 0);
        w.raw(b.array());
        int length = r.ipv6() ? 16 : 4;
        if (lookup && table >= 256) {
            w.u32(FRA_TABLE, table);
        }
        if (r.from() != null) {
            w.address(FRA_SRC, r.from(), length);
        }
        if (r.to() != null) {
            w.address(FRA_DST, r.to(), length);
        }
        if (r.priority() != 0) {
            w.u32(FRA_PRIORITY, r.priority());
        }
        if (r.fwmark() != 0) {
            w.u32(FRA_FWMARK, r.fwmark());
        }
        if (r.fwmask() != 0) {
            w.u32(FRA_FWMASK, r.fwmask());
        }
        if (d.realms() != 0) {
            w.u32(FRA_FLOW, (int) d.realms());
        }
        if (d.suppressPrefixLength() >= 0) {
            w.u32(FRA_SUPPRESS_PREFIXLEN, d.suppressPrefixLength());
        }
        if (d.suppressGroup() >= 0) {
            w.u32(FRA_SUPPRESS_IFGROUP, d.suppressGroup());
        }
        if (r.inInterface() != null) {
            w.string(FRA_IIFNAME, r.inInterface());
        }
        if (r.outInterface() != null) {
            w.string(FRA_OIFNAME, r.outInterface());
        }
        if (d.tunnelId() != 0) {
            w.bytes(FRA_TUN_ID, ByteBuffer.allocate(8).putLong(d.tunnelId()).array());
        }
        if (d.uidStart() >= 0) {
            w.u32s(FRA_UID_RANGE, (int) d.uidStart(), (int) d.uidEnd());
        }
        if (d.l3mdev()) {
            w.u8(FRA_L3MDEV, 1);
        }
        if (d.protocol() >= 0) {
            w.u8(FRA_PROTOCOL, d.protocol());
        }
        if (d.ipProtocol() >= 0) {
            w.u8(FRA_IP_PROTO, d.ipProtocol());
        }
        if (d.sportStart() >= 0) {
            w.bytes(FRA_SPORT_RANGE, portRange(d.sportStart(), d.sportEnd()));
        }
        if (d.dportStart() >= 0) {
            w.bytes(FRA_DPORT_RANGE, portRange(d.dportStart(), d.dportEnd()));
        }
        if (r.action() == Rule.Action.GOTO) {
            w.u32(FRA_GOTO, d.gotoTarget());
        }
    }

    private static byte[] portRange(int start, int end) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putShort((short) start).putShort((short) end)
                .array();
    }

    static Rule decodeRule(NetlinkMessage m) {
        ByteBuffer p = m.fixedHeader(FIB_RULE_HDR_LENGTH, "rtnetlink rule");
        int family = p.get(0) & 0xff;
        int dstLength = p.get(1) & 0xff;
        int srcLength = p.get(2) & 0xff;
        int headerTable = p.get(4) & 0xff;
        int action = p.get(7) & 0xff;
        Attributes a = m.attributesAfter(FIB_RULE_HDR_LENGTH);
        int length = family == AF_INET ? 4 : 16;
        int fwmark = a.u32(FRA_FWMARK, 0);
        return new Rule(family == AF_INET6, a.u32(FRA_PRIORITY, 0),
                a.has(FRA_SRC) ? a.address(FRA_SRC, length) : null, srcLength,
                a.has(FRA_DST) ? a.address(FRA_DST, length) : null, dstLength,
                fwmark, fwmark == 0 ? 0 : a.u32(FRA_FWMASK, 0xffffffff),
                a.string(FRA_IIFNAME, null), a.string(FRA_OIFNAME, null),
                a.u32(FRA_TABLE, headerTable), Rule.Action.ofNumber(action));
    }

    // ---- notifications ----

    /**
     * The event an rtnetlink notification announces, or {@code null} for messages that are not
     * about links, IP addresses, unicast routes or neighbours.
     */
    public static RtnlEvent decodeEvent(NetlinkMessage m) {
        return switch (m.type()) {
            case RTM_NEWLINK -> new RtnlEvent.LinkChanged(decodeLink(m));
            case RTM_DELLINK -> new RtnlEvent.LinkRemoved(decodeLink(m));
            case RTM_NEWADDR -> isInet(m) ? new RtnlEvent.AddressAdded(decodeAddress(m)) : null;
            case RTM_DELADDR -> isInet(m) ? new RtnlEvent.AddressRemoved(decodeAddress(m)) : null;
            case RTM_NEWROUTE -> isUnicastRoute(m) ? new RtnlEvent.RouteAdded(decodeRoute(m)) : null;
            case RTM_DELROUTE -> isUnicastRoute(m) ? new RtnlEvent.RouteRemoved(decodeRoute(m)) : null;
            case RTM_NEWNEIGH -> isInet(m) ? new RtnlEvent.NeighbourChanged(decodeNeighbour(m)) : null;
            case RTM_DELNEIGH -> isInet(m) ? new RtnlEvent.NeighbourRemoved(decodeNeighbour(m)) : null;
            default -> null;
        };
    }

    /** Route type from the header: only unicast routes are {@link Route}s. */
    static boolean isUnicastRoute(NetlinkMessage m) {
        return (m.fixedHeader(RTMSG_LENGTH, "rtnetlink route").get(7) & 0xff) == RTN_UNICAST && isInet(m);
    }
}
