package io.lvsj.keepalived.vrrp.config;

import java.util.Objects;

/**
 * The interface keepalived creates for an instance on top of its {@code interface}, which
 * then carries its adverts and VIPs: {@code use_vmac} (a macvlan with the VRRP virtual MAC)
 * or {@code use_ipvlan} (an ipvlan sharing the parent's MAC).
 */
public sealed interface VirtualLink {
    /** The link's name ({@code vrrp.51} unless configured). */
    String name();

    /**
     * {@code use_vmac [NAME] [MAC]}: a private-mode macvlan with {@code mac}, by default the
     * VRRP virtual router MAC 00:00:5e:00:01:VRID (00:00:5e:00:02:VRID for IPv6).
     *
     * @param transmitOnBase {@code vmac_xmit_base}: adverts leave through the parent interface
     */
    record Macvlan(String name, byte[] mac, boolean transmitOnBase) implements VirtualLink {
        public Macvlan {
            Objects.requireNonNull(name, "name");
            if (mac.length != 6) {
                throw new IllegalArgumentException("a MAC address has 6 bytes");
            }
            mac = mac.clone();
        }

        @Override
        public byte[] mac() {
            return mac.clone();
        }

        /** The VRRP virtual router MAC of {@code vrid} (RFC 5798 §7.3). */
        public static byte[] virtualRouterMac(int vrid, boolean ipv4) {
            return new byte[]{0, 0, 0x5e, 0, (byte) (ipv4 ? 1 : 2), (byte) vrid};
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Macvlan m && m.name.equals(name) && java.util.Arrays.equals(m.mac, mac)
                    && m.transmitOnBase == transmitOnBase;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, java.util.Arrays.hashCode(mac), transmitOnBase);
        }
    }

    /**
     * {@code use_ipvlan [NAME] [ADDRESS[/LEN]] [bridge|private|vepa]}: an L2 ipvlan, with
     * {@code address} (or {@code null}) added to it, the source of an IPv4 instance's adverts.
     */
    record Ipvlan(String name, VirtualAddress address, Mode mode) implements VirtualLink {
        /** The ipvlan's flags. */
        public enum Mode { BRIDGE, PRIVATE, VEPA }

        public Ipvlan {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mode, "mode");
        }
    }
}
