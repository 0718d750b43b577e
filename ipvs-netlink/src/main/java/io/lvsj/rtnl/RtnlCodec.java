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
        ByteBuffer p = m.payload();
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
                a.u32(IFLA_MTU, 0), kind, a.u8(IFLA_OPERSTATE, 0));
    }

    /** An {@code ifinfomsg} that selects one link by index, for RTM_GETLINK or RTM_NEWLINK. */
    static void linkHeader(MessageWriter w, int index, int flags, int change) {
        ByteBuffer b = ByteBuffer.allocate(IFINFOMSG_LENGTH).order(ByteOrder.nativeOrder());
        b.put((byte) AF_UNSPEC).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change);
        w.raw(b.array());
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
        w.address(IFA_ADDRESS, address.address(), length);
        if (address.broadcast() != null && address.address() instanceof Inet4Address) {
            w.address(IFA_BROADCAST, address.broadcast(), 4);
        }
        if (!address.label().isEmpty() && address.address() instanceof Inet4Address) {
            w.string(IFA_LABEL, address.label());
        }
        if (address.flags() > 0xff) {
            w.u32(IFA_FLAGS, address.flags());
        }
    }

    static InterfaceAddress decodeAddress(NetlinkMessage m) {
        ByteBuffer p = m.payload();
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
        InetAddress broadcast = a.has(IFA_BROADCAST) ? a.address(IFA_BROADCAST, length) : null;
        return new InterfaceAddress(index, address, prefix, Scope.ofNumber(scope), a.string(IFA_LABEL, ""),
                broadcast, a.u32(IFA_FLAGS, headerFlags));
    }

    static boolean isInet(NetlinkMessage m) {
        int family = m.payload().get(0) & 0xff;
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
        ByteBuffer p = m.payload();
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
        int family = r.ipv6() ? AF_INET6 : AF_INET;
        int table = r.table();
        ByteBuffer b = ByteBuffer.allocate(RTMSG_LENGTH).order(ByteOrder.nativeOrder());
        b.put((byte) family).put((byte) r.prefixLength()).put((byte) 0).put((byte) 0)
                .put((byte) (table < 256 ? table : 0)).put((byte) RTPROT_KEEPALIVED)
                .put((byte) r.scope().number()).put((byte) RTN_UNICAST).putInt(0);
        w.raw(b.array());
        int length = r.ipv6() ? 16 : 4;
        if (r.destination() != null) {
            w.address(RTA_DST, r.destination(), length);
        }
        if (r.gateway() != null) {
            w.address(RTA_GATEWAY, r.gateway(), length);
        }
        if (r.interfaceIndex() != 0) {
            w.u32(RTA_OIF, r.interfaceIndex());
        }
        if (r.preferredSource() != null) {
            w.address(RTA_PREFSRC, r.preferredSource(), length);
        }
        if (r.metric() != 0) {
            w.u32(RTA_PRIORITY, r.metric());
        }
        if (table >= 256) {
            w.u32(RTA_TABLE, table);
        }
    }

    static Route decodeRoute(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        int family = p.get(0) & 0xff;
        int prefix = p.get(1) & 0xff;
        int headerTable = p.get(4) & 0xff;
        int scope = p.get(6) & 0xff;
        Attributes a = m.attributesAfter(RTMSG_LENGTH);
        int length = family == AF_INET ? 4 : 16;
        return new Route(
                a.has(RTA_DST) ? a.address(RTA_DST, length) : null, prefix,
                a.has(RTA_GATEWAY) ? a.address(RTA_GATEWAY, length) : null,
                a.u32(RTA_OIF, 0),
                a.has(RTA_PREFSRC) ? a.address(RTA_PREFSRC, length) : null,
                a.u32(RTA_PRIORITY, 0),
                a.u32(RTA_TABLE, headerTable),
                Scope.ofNumber(scope), family == AF_INET6);
    }

    /** Route type from the header: only unicast routes are {@link Route}s. */
    static boolean isUnicastRoute(NetlinkMessage m) {
        return (m.payload().get(7) & 0xff) == RTN_UNICAST && isInet(m);
    }
}
