package io.lvsj.realserver;

import io.lvsj.ipvs.TunnelType;
import io.lvsj.rtnl.NewLink;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.lvsj.lab.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanTest {
    private static final Plan.Host BARE = new Plan.Host(Map.of("lo", true, "eth0", true), Map.of());

    @Test
    void arpSettingsComeBeforeTheVipAppears() {
        RealServerConfig c = new RealServerConfig(List.of(new Vip(ip("192.0.2.10"), new Vip.Dr("lo"))), List.of());
        assertEquals(List.of(
                new Step.Sysctl("arp", "net.ipv4.conf.all.arp_ignore", Plan.ANY_ARP_IGNORE, "1"),
                new Step.Sysctl("arp", "net.ipv4.conf.all.arp_announce", Set.of("2"), "2"),
                new Step.AddAddress("vip:192.0.2.10", "lo", ip("192.0.2.10"))), Plan.steps(c, BARE));
    }

    @Test
    void ipv6DirectRoutingNeedsNoArpSettings() {
        RealServerConfig c = new RealServerConfig(List.of(new Vip(ip("2001:db8::10"), new Vip.Dr("vip0"))), List.of("eth0"));
        assertEquals(List.of(
                new Step.CreateLink("dev:vip0", new NewLink.Dummy("vip0")),
                new Step.Up("dev:vip0", "vip0"),
                new Step.AddAddress("vip:2001:db8::10", "vip0", ip("2001:db8::10"))), Plan.steps(c, BARE));
    }

    @Test
    void tunnelsGetTheirDeviceReversePathSettingsAndPort() {
        RealServerConfig c = new RealServerConfig(List.of(
                new Vip(ip("192.0.2.20"), new Vip.Tun(TunnelType.GUE, 6080)),
                new Vip(ip("192.0.2.21"), new Vip.Tun(TunnelType.IPIP, 0))), List.of());
        assertEquals(List.of(
                new Step.Sysctl("arp", "net.ipv4.conf.all.arp_ignore", Plan.ANY_ARP_IGNORE, "1"),
                new Step.Sysctl("arp", "net.ipv4.conf.all.arp_announce", Set.of("2"), "2"),
                new Step.CreateLink("tun:lvsj-ipip", new NewLink.Tunnel("lvsj-ipip", NewLink.TunnelKind.IPIP)),
                new Step.Up("tun:lvsj-ipip", "lvsj-ipip"),
                new Step.Sysctl("tun:lvsj-ipip", "net.ipv4.conf.lvsj-ipip.rp_filter", Set.of("0"), "0"),
                new Step.Sysctl("rp", "net.ipv4.conf.all.rp_filter", Set.of("0", "2"), "2"),
                new Step.AddAddress("vip:192.0.2.20", "lvsj-ipip", ip("192.0.2.20")),
                new Step.AddAddress("vip:192.0.2.21", "lvsj-ipip", ip("192.0.2.21")),
                new Step.OpenGuePort("gue:6080", 6080)), Plan.steps(c, BARE));
    }

    @Test
    void whatIsThereAlreadyIsNotDoneAgain() {
        RealServerConfig c = new RealServerConfig(List.of(new Vip(ip("192.0.2.21"), new Vip.Tun(TunnelType.GRE, 0))),
                List.of());
        Plan.Host ready = new Plan.Host(Map.of("lo", true, "lvsj-gre", true),
                Map.<String, Set<InetAddress>>of("lvsj-gre", Set.of(ip("192.0.2.21"))));
        List<Step> steps = Plan.steps(c, ready);
        assertTrue(steps.stream().allMatch(s -> s instanceof Step.Sysctl), steps.toString());
        assertEquals(Set.of("arp", "tun:lvsj-gre", "rp", "vip:192.0.2.21"), Plan.purposes(c));
    }
}
