package io.lvsj.realserver;

import io.lvsj.ipvs.TunnelType;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code lvsj-realserver start} sets up: the VIPs, and the interfaces that get the ARP
 * settings (none named: {@code all}, which the kernel combines with every interface's own).
 */
public record RealServerConfig(List<Vip> vips, List<String> arpInterfaces) {

    public RealServerConfig {
        vips = List.copyOf(vips);
        arpInterfaces = List.copyOf(arpInterfaces);
        Set<java.net.InetAddress> seen = new HashSet<>();
        for (Vip v : vips) {
            if (!seen.add(v.address())) {
                throw new ConfigException("VIP " + Addresses.text(v.address()) + " is given twice");
            }
            if (v.ipv6() && v.mode() instanceof Vip.Tun t && t.type() != TunnelType.IPIP) {
                throw new ConfigException("VIP " + Addresses.text(v.address()) + ": an IPv6 real server is reached by"
                        + " an IPv6 tunnel (ipip); GRE and GUE tunnels here are IPv4");
            }
            if (v.mode() instanceof Vip.Dr dr) {
                checkDevice(dr.device());
            }
        }
        arpInterfaces.forEach(RealServerConfig::checkDevice);
    }

    public boolean isEmpty() {
        return vips.isEmpty();
    }

    /** The names of the devices this tool makes ({@code lvsj-ipip}...): fixed, so stop knows them. */
    static String tunnelDevice(Vip v) {
        Vip.Tun t = (Vip.Tun) v.mode();
        if (v.ipv6()) {
            return "lvsj-ip6tnl";
        }
        return t.type() == TunnelType.GRE ? "lvsj-gre" : "lvsj-ipip";
    }

    private static void checkDevice(String name) {
        Objects.requireNonNull(name, "device");
        if (name.isEmpty() || name.length() > 15 || name.contains("/") || name.contains(" ") || name.equals(".")
                || name.equals("..")) {
            throw new ConfigException("'" + name + "' is not an interface name (1 to 15 characters, no '/' or space)");
        }
    }
}
