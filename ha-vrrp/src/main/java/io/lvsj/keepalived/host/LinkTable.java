package io.lvsj.keepalived.host;

import io.lvsj.keepalived.config.host.NetInterface;
import io.lvsj.rtnl.Link;
import io.lvsj.rtnl.RtnlClient;
import io.lvsj.sys.NetNamespace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The network interfaces of a namespace, as keepalived's configuration check sees them: one
 * rtnetlink link dump (keepalived's {@code kernel_netlink_read_interfaces}).
 */
final class LinkTable {
    private LinkTable() {
    }

    static Map<String, NetInterface> read(NetNamespace namespace) {
        Map<String, NetInterface> links = new LinkedHashMap<>();
        try (RtnlClient rtnl = namespace == null ? RtnlClient.open() : RtnlClient.open(namespace)) {
            for (Link link : rtnl.links()) {
                links.put(link.name(), of(link));
            }
        }
        return links;
    }

    static NetInterface of(Link link) {
        return new NetInterface(link.name(), link.index(), link.isLoopback(), (link.flags() & Link.FLAG_MULTICAST) != 0,
                link.type() == Link.TYPE_ETHER, link.mtu() == 0 ? 1500 : link.mtu(), link.kind());
    }
}
