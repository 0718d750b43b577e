package io.lvsj.realserver;

import io.lvsj.ipvs.TunnelType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lvsj.lab.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RealServerStateTest {

    @Test
    void roundTripsThroughItsText() {
        RealServerState s = new RealServerState(new RealServerConfig(List.of(
                new Vip(ip("192.0.2.10"), new Vip.Dr("lo")),
                new Vip(ip("192.0.2.22"), new Vip.Tun(TunnelType.GUE, 6080))), List.of("eth0")),
                List.of(new Change.Sysctl("arp", "net.ipv4.conf.eth0.arp_ignore", "0", "1"),
                        new Change.LinkCreated("tun:lvsj-ipip", "lvsj-ipip"),
                        new Change.LinkUp("tun:lvsj-ipip", "lvsj-ipip"),
                        new Change.AddressAdded("vip:192.0.2.10", "lo", ip("192.0.2.10"), 32),
                        new Change.GuePort("gue:6080", 6080)));
        assertEquals(s, RealServerState.parse(s.text(), "f"));
        assertEquals("""
                # lvsj-realserver: what start set up, so that stop undoes exactly that. Do not edit.
                vip dr 192.0.2.10 dev lo
                vip tun 192.0.2.22 gue port 6080
                vip arp-interface eth0
                sysctl arp net.ipv4.conf.eth0.arp_ignore 0 1
                link tun:lvsj-ipip lvsj-ipip
                up tun:lvsj-ipip lvsj-ipip
                address vip:192.0.2.10 lo 192.0.2.10/32
                fou gue:6080 6080
                """, s.text());
    }

    @Test
    void aBrokenLineIsAnErrorWithItsPlace() {
        assertEquals("/run/lvsj/realserver/net-1.state:2: not a state line: link x",
                assertThrows(ConfigException.class, () -> RealServerState.parse("vip dr 192.0.2.1\nlink x\n",
                        "/run/lvsj/realserver/net-1.state")).getMessage());
    }
}
