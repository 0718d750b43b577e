package io.lvsj.keepalived.config;

import java.util.OptionalInt;

/**
 * How IPVS forwards to a real server: {@code lvs_method NAT|DR|TUN [type ipip|gue|gre]
 * [port N] [nocsum|csum|remcsum]} (legacy name {@code lb_kind}), or {@code FNAT}: FullNAT,
 * keepalived-j's extension with Alibaba LVS's and DPVS's keyword (NAT in IPVS, plus source NAT
 * to the virtual server's {@code laddr_group_name} local addresses).
 */
public record Forwarding(Method method, TunnelType tunnelType, OptionalInt tunnelPort, TunnelChecksum checksum) {

    public enum Method {
        NAT, DR, TUN, FNAT;

        /** NAT and FullNAT: IPVS translates the destination, so a real server may listen on another port. */
        public boolean isNat() {
            return this == NAT || this == FNAT;
        }
    }

    public enum TunnelType { IPIP, GUE, GRE }

    public enum TunnelChecksum { NOCSUM, CSUM, REMCSUM }

    /** Each method with no tunnel options, shared: every virtual and real server has one. */
    private static final Forwarding[] PLAIN = new Forwarding[Method.values().length];

    static {
        for (Method method : Method.values()) {
            PLAIN[method.ordinal()] = new Forwarding(method, TunnelType.IPIP, OptionalInt.empty(), TunnelChecksum.NOCSUM);
        }
    }

    public static final Forwarding NAT = of(Method.NAT);

    public static Forwarding of(Method method) {
        return PLAIN[method.ordinal()];
    }

    /** {@code forwarding}, or the shared instance equal to it. */
    public static Forwarding canonical(Forwarding forwarding) {
        Forwarding plain = of(forwarding.method());
        // the fields compared one by one: a record's equals goes through method handles, slow
        // before the JIT has inlined them (100,000 virtual servers: 15 ms)
        boolean same = plain.tunnelType == forwarding.tunnelType && plain.tunnelPort.equals(forwarding.tunnelPort)
                && plain.checksum == forwarding.checksum;
        return same ? plain : forwarding;
    }
}
