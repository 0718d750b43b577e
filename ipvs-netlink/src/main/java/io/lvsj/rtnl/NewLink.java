package io.lvsj.rtnl;

import java.util.Objects;

/**
 * A link to create ({@code ip link add}). keepalived's {@code use_vmac} makes a macvlan with
 * the VRRP virtual MAC on the VRRP interface, {@code use_ipvlan} an ipvlan; veth and dummy
 * links are for building test networks.
 */
public sealed interface NewLink {

    /** The new link's name, at most 15 characters. */
    String name();

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 15) {
            throw new IllegalArgumentException("interface name must be 1..15 characters: '" + name + "'");
        }
        return name;
    }

    /** macvlan modes ({@code MACVLAN_MODE_*}). */
    enum MacvlanMode {
        PRIVATE(1), VEPA(2), BRIDGE(4), PASSTHRU(8), SOURCE(16);

        final int number;

        MacvlanMode(int number) {
            this.number = number;
        }
    }

    /** ipvlan modes ({@code IPVLAN_MODE_*}). */
    enum IpvlanMode {
        L2(0), L3(1), L3S(2);

        final int number;

        IpvlanMode(int number) {
            this.number = number;
        }
    }

    /**
     * A macvlan on {@code parentIndex}; {@code mac} may be {@code null} for a random one.
     */
    record Macvlan(String name, int parentIndex, MacAddress mac, MacvlanMode mode) implements NewLink {
        public Macvlan {
            checkName(name);
            Objects.requireNonNull(mode, "mode");
        }
    }

    /** ipvlan flags ({@code IPVLAN_F_*}): how its slaves reach each other. */
    enum IpvlanFlags {
        BRIDGE(0), PRIVATE(1), VEPA(2);

        final int number;

        IpvlanFlags(int number) {
            this.number = number;
        }
    }

    /** An ipvlan on {@code parentIndex} (it shares the parent's MAC). */
    record Ipvlan(String name, int parentIndex, IpvlanMode mode, IpvlanFlags flags) implements NewLink {
        public Ipvlan {
            checkName(name);
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(flags, "flags");
        }

        /** In bridge mode, the kernel's default. */
        public Ipvlan(String name, int parentIndex, IpvlanMode mode) {
            this(name, parentIndex, mode, IpvlanFlags.BRIDGE);
        }
    }

    /** A veth pair, both ends in this namespace. */
    record Veth(String name, String peerName) implements NewLink {
        public Veth {
            checkName(name);
            checkName(peerName);
        }
    }

    /** A dummy link (absent from some kernels: the host kernel here has none). */
    record Dummy(String name) implements NewLink {
        public Dummy {
            checkName(name);
        }
    }

    /** Tunnel drivers a real server decapsulates IPVS's tunnelled packets with. */
    enum TunnelKind {
        /** IPv4 in IPv4 (IPVS's ipip, and GUE once fou has taken the UDP header off). */
        IPIP("ipip", 19),
        /** GRE over IPv4. */
        GRE("gre", 18),
        /** IPv6 (or IPv4) in IPv6: IPVS's tunnel to an IPv6 real server. */
        IP6TNL("ip6tnl", 19);

        final String kind;
        /** {@code IFLA_IPTUN_COLLECT_METADATA} / {@code IFLA_GRE_COLLECT_METADATA}. */
        final int collectMetadata;

        TunnelKind(String kind, int collectMetadata) {
            this.kind = kind;
            this.collectMetadata = collectMetadata;
        }

        /** The driver name ({@code ip link add ... type KIND}). */
        public String kind() {
            return kind;
        }
    }

    /**
     * A receive-anything tunnel ({@code ip link add NAME type KIND external}): it takes every
     * packet of its kind that no more specific tunnel claims, from any director to any local
     * address, so a real server needs no tunnel per director.
     */
    record Tunnel(String name, TunnelKind tunnel) implements NewLink {
        public Tunnel {
            checkName(name);
            Objects.requireNonNull(tunnel, "tunnel");
        }
    }
}
