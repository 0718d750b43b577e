package io.lvsj.keepalived.config.host;

import io.lvsj.netlink.Attributes;
import io.lvsj.netlink.Netlink;
import io.lvsj.netlink.NetlinkChannel;
import io.lvsj.netlink.NetlinkMessage;
import io.lvsj.netlink.NetlinkSocket;
import io.lvsj.sys.NetNamespace;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The network interfaces of a namespace, from one rtnetlink {@code RTM_GETLINK} dump (what
 * keepalived's {@code kernel_netlink_read_interfaces} reads before checking a configuration).
 */
final class LinkTable {
    private static final int RTM_GETLINK = 18;
    private static final int IFINFOMSG_LENGTH = 16;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_MTU = 4;
    private static final int IFLA_LINKINFO = 18;
    private static final int IFLA_INFO_KIND = 1;
    private static final int IFF_LOOPBACK = 0x8;
    private static final int IFF_MULTICAST = 0x1000;
    private static final int ARPHRD_ETHER = 1;
    private static final int ARPHRD_LOOPBACK = 772;

    private LinkTable() {
    }

    static Map<String, NetInterface> read(NetNamespace namespace) {
        Map<String, NetInterface> links = new LinkedHashMap<>();
        try (NetlinkChannel channel = new NetlinkChannel(NetlinkSocket.open(Netlink.NETLINK_ROUTE, namespace))) {
            channel.dump("list network interfaces", RTM_GETLINK, w -> w.raw(new byte[IFINFOMSG_LENGTH]),
                    message -> {
                        NetInterface link = decode(message);
                        links.put(link.name(), link);
                    });
        }
        return links;
    }

    static NetInterface decode(NetlinkMessage message) {
        ByteBuffer p = message.payload();
        int type = p.getShort(2) & 0xffff;
        int index = p.getInt(4);
        int flags = p.getInt(8);
        Attributes attributes = message.attributesAfter(IFINFOMSG_LENGTH);
        String name = attributes.string(IFLA_IFNAME, "");
        int mtu = attributes.u32(IFLA_MTU, 1500);
        String kind = attributes.has(IFLA_LINKINFO) ? attributes.nested(IFLA_LINKINFO).string(IFLA_INFO_KIND, "") : "";
        return new NetInterface(name, index, type == ARPHRD_LOOPBACK || (flags & IFF_LOOPBACK) != 0,
                (flags & IFF_MULTICAST) != 0, type == ARPHRD_ETHER, mtu, kind);
    }
}
