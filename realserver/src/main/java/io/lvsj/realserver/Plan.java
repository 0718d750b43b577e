package io.lvsj.realserver;

import io.lvsj.ipvs.TunnelType;
import io.lvsj.rtnl.NewLink;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a configuration needs from the host, in the order it must happen: the ARP settings
 * before any IPv4 DR VIP appears (or the host would answer ARP for it in between and clients
 * would cache the wrong MAC), devices before their settings and addresses, GUE ports last.
 * Pure: the host is described by the links it has (up or not) and the addresses on each.
 *
 * <ul>
 *   <li>Any IPv4 VIP: {@code arp_ignore=1} (answer ARP only for addresses of the receiving
 *       interface) and {@code arp_announce=2} (never use the VIP as an ARP source), on
 *       {@code all} or on the interfaces named. Linux answers ARP for every local address on
 *       every interface by default, a tunnel VIP too: a real server on the clients' segment
 *       would take the VIP's traffic from the director.
 *   <li>DR, IPv4: the VIP as a /32 on {@code lo} or a dummy.
 *   <li>DR, IPv6: the VIP as a /128 on {@code lo} or a dummy, without duplicate address
 *       detection and never preferred as a source; Linux answers neighbour solicitations only
 *       for addresses of the receiving interface, so none go out for it.
 *   <li>TUN: a receive-anything tunnel device ({@code lvsj-ipip}, {@code lvsj-gre},
 *       {@code lvsj-ip6tnl}), the VIP on it, reverse-path filtering off on it and loose (not
 *       strict) on {@code all} (decapsulated packets come in on the tunnel from a client the
 *       routes lead elsewhere), and for GUE the UDP port.
 * </ul>
 */
final class Plan {
    static final Set<String> ANY_ARP_IGNORE = Set.of("1", "2", "3", "4", "5", "6", "7", "8");

    private Plan() {
    }

    /** The host as the plan needs to see it. */
    record Host(Map<String, Boolean> linksUp, Map<String, Set<InetAddress>> addresses) {
        boolean hasAddress(String device, InetAddress a) {
            return addresses.getOrDefault(device, Set.of()).contains(a);
        }
    }

    /** The purposes a configuration needs: a change recorded for any other is undone. */
    static Set<String> purposes(RealServerConfig config) {
        Set<String> out = new LinkedHashSet<>();
        for (Step s : steps(config, new Host(Map.of(), Map.of()))) {
            out.add(s.purpose());
        }
        return out;
    }

    static List<Step> steps(RealServerConfig config, Host host) {
        List<Step> steps = new ArrayList<>();
        if (config.vips().stream().anyMatch(v -> !v.ipv6())) {
            List<String> interfaces = config.arpInterfaces().isEmpty() ? List.of("all") : config.arpInterfaces();
            for (String i : interfaces) {
                steps.add(new Step.Sysctl("arp", "net.ipv4.conf." + sysctlName(i) + ".arp_ignore", ANY_ARP_IGNORE, "1"));
                steps.add(new Step.Sysctl("arp", "net.ipv4.conf." + sysctlName(i) + ".arp_announce", Set.of("2"), "2"));
            }
        }
        Set<String> devices = new LinkedHashSet<>();
        for (Vip v : config.vips()) {
            String device = device(v);
            if (!devices.add(device)) {
                continue;
            }
            String purpose = (v.mode() instanceof Vip.Dr ? "dev:" : "tun:") + device;
            if (!host.linksUp().containsKey(device) && !device.equals("lo")) {
                NewLink link = v.mode() instanceof Vip.Dr ? new NewLink.Dummy(device)
                        : new NewLink.Tunnel(device, v.ipv6() ? NewLink.TunnelKind.IP6TNL
                        : ((Vip.Tun) v.mode()).type() == TunnelType.GRE ? NewLink.TunnelKind.GRE : NewLink.TunnelKind.IPIP);
                steps.add(new Step.CreateLink(purpose, link));
            }
            if (!host.linksUp().getOrDefault(device, false)) {
                steps.add(new Step.Up(purpose, device));
            }
            if (v.mode() instanceof Vip.Tun && !v.ipv6()) {
                steps.add(new Step.Sysctl(purpose, "net.ipv4.conf." + sysctlName(device) + ".rp_filter", Set.of("0"), "0"));
            }
        }
        if (config.vips().stream().anyMatch(v -> !v.ipv6() && v.mode() instanceof Vip.Tun)) {
            steps.add(new Step.Sysctl("rp", "net.ipv4.conf.all.rp_filter", Set.of("0", "2"), "2"));
        }
        for (Vip v : config.vips()) {
            if (!host.hasAddress(device(v), v.address())) {
                steps.add(new Step.AddAddress("vip:" + Addresses.text(v.address()), device(v), v.address()));
            }
        }
        Set<Integer> ports = new LinkedHashSet<>();
        for (Vip v : config.vips()) {
            if (v.mode() instanceof Vip.Tun t && t.type() == TunnelType.GUE && ports.add(t.port())) {
                steps.add(new Step.OpenGuePort("gue:" + t.port(), t.port()));
            }
        }
        return steps;
    }

    /** The device a VIP sits on. */
    static String device(Vip v) {
        return v.mode() instanceof Vip.Dr dr ? dr.device() : RealServerConfig.tunnelDevice(v);
    }

    /** sysctl writes a dot inside an interface name as a slash. */
    private static String sysctlName(String device) {
        return device.replace('.', '/');
    }
}
