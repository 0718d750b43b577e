package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.TunnelType;

import java.util.Objects;

/**
 * How IPVS reaches a real (or sorry) server: {@code lvs_method NAT|DR|TUN [type ipip|gue|gre]
 * [port N] [nocsum|csum|remcsum]}.
 */
public record Forwarding(ForwardingMethod method, TunnelType tunnelType, int tunnelPort, int tunnelFlags) {
    public static final Forwarding NAT = of(ForwardingMethod.MASQ);
    public static final Forwarding DR = of(ForwardingMethod.DROUTE);
    public static final Forwarding TUN = of(ForwardingMethod.TUNNEL);

    public Forwarding {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(tunnelType, "tunnelType");
    }

    public static Forwarding of(ForwardingMethod method) {
        return new Forwarding(method, TunnelType.IPIP, 0, TunnelType.FLAG_NOCSUM);
    }

    public static Forwarding tunnel(TunnelType type, int port, int flags) {
        return new Forwarding(ForwardingMethod.TUNNEL, type, port, flags);
    }
}
