package io.lvsj.netlink;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generic netlink family as the kernel's controller describes it. Its id is dynamic, so
 * clients resolve it by name once per socket.
 */
public record GenericFamily(String name, int id, int version, Map<String, Integer> multicastGroups) {

    /**
     * Asks the controller for family {@code name}. Resolving a missing family makes the kernel
     * try to load its module ({@code net-pf-16-proto-16-family-NAME}).
     *
     * @throws NetlinkException ENOENT when the kernel has no such family
     */
    public static GenericFamily resolve(NetlinkChannel channel, String name) {
        return channel.query("resolve generic netlink family " + name, Netlink.GENL_ID_CTRL, 0,
                w -> w.genlHeader(Netlink.CTRL_CMD_GETFAMILY, 1).string(Netlink.CTRL_ATTR_FAMILY_NAME, name),
                GenericFamily::decode);
    }

    static GenericFamily decode(NetlinkMessage message) {
        Attributes a = message.genlAttributes();
        Map<String, Integer> groups = new LinkedHashMap<>();
        Attributes list = a.nested(Netlink.CTRL_ATTR_MCAST_GROUPS);
        if (list != null) {
            for (Attributes.Attribute group : list.all()) {
                Attributes g = group.nested();
                groups.put(g.string(Netlink.CTRL_ATTR_MCAST_GRP_NAME), g.u32(Netlink.CTRL_ATTR_MCAST_GRP_ID));
            }
        }
        return new GenericFamily(a.string(Netlink.CTRL_ATTR_FAMILY_NAME), a.u16(Netlink.CTRL_ATTR_FAMILY_ID),
                a.u32(Netlink.CTRL_ATTR_VERSION, 0), Map.copyOf(groups));
    }
}
