package io.lvsj.keepalived.vrrp.io;

import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.rtnl.InterfaceAddress;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** VIPs become the rtnetlink address keepalived's {@code netlink_ipaddress} sends. */
class RtnlHostNetworkTest {
    @Test
    void anIpv6HostVipIsSentDeprecatedWithAValidLifetimeOfForever() throws Exception {
        InterfaceAddress a = RtnlHostNetwork.interfaceAddress(VirtualAddress.of(InetAddress.getByName("2001:db8::1")), 7);
        assertEquals(0, a.preferredLifetime());
        assertEquals(InterfaceAddress.FOREVER, a.validLifetime());
        assertEquals(InterfaceAddress.FLAG_NODAD, a.flags());
        assertEquals(7, a.interfaceIndex());
    }

    @Test
    void ipv4AndWiderIpv6VipsKeepTheKernelsLifetimes() throws Exception {
        InterfaceAddress v4 = RtnlHostNetwork.interfaceAddress(VirtualAddress.of(InetAddress.getByName("192.0.2.1")), 7);
        InterfaceAddress v6 = RtnlHostNetwork.interfaceAddress(VirtualAddress.of(InetAddress.getByName("2001:db8::1"), 64), 7);
        assertEquals(InterfaceAddress.FOREVER, v4.preferredLifetime());
        assertEquals(0, v4.flags());
        assertEquals(InterfaceAddress.FOREVER, v6.preferredLifetime());
        assertNull(v4.peer());
    }

    @Test
    void aPeerIsSentAsTheOtherEnd() throws Exception {
        VirtualAddress v = new VirtualAddress(InetAddress.getByName("192.0.2.1"), 32, null, 0, null, null, false,
                InetAddress.getByName("192.0.2.2"), 0, VirtualAddress.FOREVER);
        assertEquals(InetAddress.getByName("192.0.2.2"), RtnlHostNetwork.interfaceAddress(v, 3).peer());
    }
}
