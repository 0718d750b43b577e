package io.lvsj.keepalived.vrrp.io;

import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.netlink.Attributes;
import io.lvsj.netlink.MessageWriter;
import io.lvsj.netlink.Netlink;
import io.lvsj.netlink.NetlinkChannel;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.netlink.NetlinkMessage;
import io.lvsj.netlink.NetlinkSocket;
import io.lvsj.netlink.sys.Errno;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link HostNetwork} over rtnetlink with the ipvs-netlink codec: link and address dumps,
 * RTM_NEWADDR and RTM_DELADDR. The socket belongs to the namespace of the thread that opens it.
 */
public final class NetlinkHostNetwork implements HostNetwork {
    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_LABEL = 3;
    static final int IFA_BROADCAST = 4;
    static final int IFA_CACHEINFO = 6;
    static final int IFA_FLAGS = 8;
    static final int IFA_F_NODAD = 0x02;

    private final NetlinkChannel channel;

    private NetlinkHostNetwork(NetlinkChannel channel) {
        this.channel = channel;
    }

    /** Opens a route netlink socket in the calling thread's namespace. */
    public static NetlinkHostNetwork open() {
        return new NetlinkHostNetwork(new NetlinkChannel(NetlinkSocket.open(Netlink.NETLINK_ROUTE)));
    }

    @Override
    public List<Link> links() {
        List<Link> links = new ArrayList<>();
        channel.dump("list interfaces", RTM_GETLINK, w -> w.raw(new byte[16]), m -> links.add(link(m)));
        return links;
    }

    /** Decodes an RTM_NEWLINK (dump reply or notification). */
    static Link link(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        int index = p.getInt(4);
        int flags = p.getInt(8);
        Attributes a = m.attributesAfter(16);
        byte[] mac = a.has(IFLA_ADDRESS) ? a.bytes(IFLA_ADDRESS) : new byte[6];
        return new Link(index, a.string(IFLA_IFNAME, "?"), flags, mac);
    }

    @Override
    public List<Address> addresses() {
        List<Address> addresses = new ArrayList<>();
        channel.dump("list addresses", RTM_GETADDR, w -> w.raw(new byte[8]), m -> addresses.add(address(m)));
        return addresses;
    }

    /** Decodes an RTM_NEWADDR/RTM_DELADDR. */
    static Address address(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        int prefix = p.get(1) & 0xff;
        int flags = p.get(2) & 0xff;
        int scope = p.get(3) & 0xff;
        int index = p.getInt(4);
        Attributes a = m.attributesAfter(8);
        byte[] bytes = a.has(IFA_LOCAL) ? a.bytes(IFA_LOCAL) : a.bytes(IFA_ADDRESS);
        if (a.has(IFA_FLAGS)) {
            flags = a.u32(IFA_FLAGS);
        }
        return new Address(index, bytes, prefix, scope, flags, a.string(IFA_LABEL, null));
    }

    @Override
    public void addAddress(VirtualAddress v, int ifindex) {
        try {
            channel.execute("add address " + v.address().getHostAddress() + "/" + v.prefixLength(), RTM_NEWADDR,
                    Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, w -> body(w, v, ifindex));
        } catch (NetlinkException e) {
            if (e.errno() != Errno.EEXIST.number()) {
                throw e;
            }
        }
    }

    @Override
    public void deleteAddress(VirtualAddress v, int ifindex) {
        try {
            channel.execute("delete address " + v.address().getHostAddress() + "/" + v.prefixLength(), RTM_DELADDR, 0,
                    w -> body(w, v, ifindex));
        } catch (NetlinkException e) {
            if (e.errno() != Errno.EADDRNOTAVAIL.number() && e.errno() != Errno.ENODEV.number()) {
                throw e;
            }
        }
    }

    private static void body(MessageWriter w, VirtualAddress v, int ifindex) {
        boolean ipv4 = v.address() instanceof Inet4Address;
        int flags = ipv4 ? 0 : IFA_F_NODAD;
        ByteBuffer header = ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder());
        header.put((byte) (ipv4 ? 2 : 10)).put((byte) v.prefixLength()).put((byte) flags).put((byte) v.scope());
        header.putInt(ifindex);
        w.raw(header.array());
        byte[] address = v.address().getAddress();
        w.bytes(IFA_LOCAL, address);
        w.bytes(IFA_ADDRESS, address);
        if (v.broadcast() != null) {
            w.bytes(IFA_BROADCAST, v.broadcast().getAddress());
        }
        if (ipv4 && v.label() != null) {
            w.string(IFA_LABEL, v.label());
        }
        if (!ipv4 && v.prefixLength() == 128) {
            // keepalived: a /128 VIP is deprecated (preferred_lft 0) so it is never chosen as a source.
            ByteBuffer cache = ByteBuffer.allocate(16).order(java.nio.ByteOrder.nativeOrder());
            cache.putInt(0).putInt(-1).putInt(0).putInt(0);
            w.bytes(IFA_CACHEINFO, cache.array());
        }
        w.u32(IFA_FLAGS, flags);
    }

    @Override
    public void close() {
        channel.close();
    }
}
