package io.lvsj.keepalived.vrrp.wire;

/** How the checksum of a VRRPv3 advert over IPv4 is computed (IPv6 always uses the RFC 2460 pseudo-header). */
public enum V3Checksum {
    /** keepalived's default since 1.3.6: an IPv4 pseudo-header with the packet's real destination. */
    PSEUDO_HEADER,
    /**
     * keepalived before 1.3.6: the pseudo-header always names 224.0.0.18, even for unicast.
     * Builds with {@code OLD_CHKSUM_COMPAT} (Debian's 2.2.7) switch to it when a unicast peer uses it.
     */
    PSEUDO_HEADER_MULTICAST_GROUP,
    /** No pseudo-header, as in v2: {@code v3_checksum_as_v2} (keepalived 2.2.8+, RFC 9568, Cisco, Juniper). */
    NO_PSEUDO_HEADER
}
