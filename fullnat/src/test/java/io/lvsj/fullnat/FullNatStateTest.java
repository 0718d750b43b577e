package io.lvsj.fullnat;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lvsj.fullnat.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FullNatStateTest {

    @Test
    void roundTripsThroughItsText() {
        FullNatState s = new FullNatState(FirewallBackend.IPTABLES_LEGACY,
                twoServices().withLocalAddress(WEB6, LIP6).withRealServer(WEB6, RS6),
                List.of(new FullNatState.AddedAddress("eth1", LIP1, 32), new FullNatState.AddedAddress("eth1", LIP6, 128)),
                List.of(new FullNatState.ChangedSysctl("net.ipv4.vs.conntrack", "0", "1")));
        String text = s.text("test");
        assertEquals(s, FullNatState.parse(text, "f"));
        assertEquals("""
                # test
                firewall iptables-legacy
                sysctl net.ipv4.vs.conntrack 0 1
                address eth1 198.51.100.11/32
                address eth1 2001:db8:1::11/128
                laddr tcp 203.0.113.10 80 198.51.100.11
                laddr tcp 203.0.113.10 80 198.51.100.12
                dest tcp 203.0.113.10 80 198.51.100.2 80
                dest tcp 203.0.113.10 80 198.51.100.3 8080
                laddr udp 203.0.113.10 53 198.51.100.13
                dest udp 203.0.113.10 53 198.51.100.2 53
                laddr tcp 2001:db8::10 443 2001:db8:1::11
                dest tcp 2001:db8::10 443 2001:db8:1::2 443
                """, text);
    }

    @Test
    void aLineItDoesNotKnowIsAnErrorWithItsPlace() {
        FullNatException e = assertThrows(FullNatException.class,
                () -> FullNatState.parse("# x\nfirewall nftables\naddress eth1 nowhere/32\n", "/run/lvsj/fullnat/net-1.state"));
        assertEquals("/run/lvsj/fullnat/net-1.state:3: not a FullNAT state line: address eth1 nowhere/32", e.getMessage());
        assertThrows(FullNatException.class, () -> FullNatState.parse("firewall pf\n", "f"));
    }
}
