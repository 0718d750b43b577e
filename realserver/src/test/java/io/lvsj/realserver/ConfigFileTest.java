package io.lvsj.realserver;

import io.lvsj.ipvs.TunnelType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lvsj.lab.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigFileTest {

    @Test
    void readsEveryKindOfVip() {
        RealServerConfig c = ConfigFile.parse("""
                # real server 1
                dr  192.0.2.10
                dr  192.0.2.11 dev vip0   # a dummy
                dr  2001:db8::10
                tun 192.0.2.20 ipip
                tun 192.0.2.21 gre
                tun 192.0.2.22 gue port 6080
                tun 2001:db8::20 ipip
                arp-interface eth0
                """, "rs.conf");
        assertEquals(List.of(
                new Vip(ip("192.0.2.10"), new Vip.Dr("lo")),
                new Vip(ip("192.0.2.11"), new Vip.Dr("vip0")),
                new Vip(ip("2001:db8::10"), new Vip.Dr("lo")),
                new Vip(ip("192.0.2.20"), new Vip.Tun(TunnelType.IPIP, 0)),
                new Vip(ip("192.0.2.21"), new Vip.Tun(TunnelType.GRE, 0)),
                new Vip(ip("192.0.2.22"), new Vip.Tun(TunnelType.GUE, 6080)),
                new Vip(ip("2001:db8::20"), new Vip.Tun(TunnelType.IPIP, 0))), c.vips());
        assertEquals(List.of("eth0"), c.arpInterfaces());
    }

    @Test
    void mistakesNameTheFileAndLine() {
        assertEquals("rs.conf:2: 'www.example.com' is not an IPv4 or IPv6 address", error("dr 192.0.2.1\ndr www.example.com\n"));
        assertEquals("rs.conf:1: 'vxlan' is not a tunnel type (ipip, gre, gue)", error("tun 192.0.2.1 vxlan"));
        assertEquals("rs.conf:1: a gue tunnel needs 'port N'", error("tun 192.0.2.1 gue"));
        assertEquals("rs.conf:1: '0' is not a port (1 to 65535)", error("tun 192.0.2.1 gue port 0"));
        assertEquals("rs.conf:1: unknown keyword 'vip' (dr, tun, arp-interface)", error("vip 192.0.2.1"));
        assertEquals("rs.conf:1: '224.0.0.18' cannot be a VIP (unspecified, multicast or loopback)", error("dr 224.0.0.18"));
        assertEquals("rs.conf: VIP 192.0.2.1 is given twice", error("dr 192.0.2.1\ntun 192.0.2.1 ipip"));
        assertEquals("rs.conf: VIP 2001:db8::1: an IPv6 real server is reached by an IPv6 tunnel (ipip); GRE and GUE"
                + " tunnels here are IPv4", error("tun 2001:db8::1 gre"));
        assertEquals("rs.conf: 'a/b' is not an interface name (1 to 15 characters, no '/' or space)",
                error("dr 192.0.2.1 dev a/b"));
    }

    private static String error(String text) {
        return assertThrows(ConfigException.class, () -> ConfigFile.parse(text, "rs.conf")).getMessage();
    }
}
