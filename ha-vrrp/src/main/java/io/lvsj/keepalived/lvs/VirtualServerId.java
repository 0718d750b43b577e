package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.IpProtocol;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.keepalived.check.Addresses;

import java.util.Locale;
import java.util.Objects;

/**
 * What a reload matches a virtual server by, as keepalived's {@code vs_iseq} does: protocol,
 * address and port; or firewall mark and family; or group name and protocol. A virtual server
 * whose id is unchanged keeps its quorum state and the state of its unchanged real servers.
 */
public record VirtualServerId(String value) {
    public VirtualServerId {
        Objects.requireNonNull(value, "value");
    }

    /** The id of a virtual server that is one service. */
    public static VirtualServerId of(ServiceKey key) {
        return new VirtualServerId(switch (key) {
            case ServiceKey.Inet inet -> "[" + Addresses.text(inet.address()) + "]:" + protocol(inet.protocol()) + ":"
                    + inet.port();
            case ServiceKey.Fwmark fw -> "FWM " + Integer.toUnsignedString(fw.mark())
                    + (fw.family() == io.lvsj.ipvs.AddressFamily.INET6 ? " IPv6" : "");
        });
    }

    /** The id of a virtual server made of a group's services. */
    public static VirtualServerId ofGroup(String group, IpProtocol protocol) {
        return new VirtualServerId("group " + group + ":" + (protocol == null ? "fwmark" : protocol(protocol)));
    }

    private static String protocol(IpProtocol protocol) {
        String name = protocol.name();
        return name == null ? Integer.toString(protocol.number()) : name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
