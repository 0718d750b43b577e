package io.lvsj.keepalived.config;

import java.util.OptionalInt;

/**
 * How IPVS forwards to a real server: {@code lvs_method NAT|DR|TUN [type ipip|gue|gre]
 * [port N] [nocsum|csum|remcsum]} (legacy name {@code lb_kind}).
 */
public record Forwarding(Method method, TunnelType tunnelType, OptionalInt tunnelPort, TunnelChecksum checksum) {

    public enum Method { NAT, DR, TUN }

    public enum TunnelType { IPIP, GUE, GRE }

    public enum TunnelChecksum { NOCSUM, CSUM, REMCSUM }

    public static final Forwarding NAT = of(Method.NAT);

    public static Forwarding of(Method method) {
        return new Forwarding(method, TunnelType.IPIP, OptionalInt.empty(), TunnelChecksum.NOCSUM);
    }
}
