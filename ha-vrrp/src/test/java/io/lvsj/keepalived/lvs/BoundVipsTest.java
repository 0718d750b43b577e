package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.IpProtocol;
import io.lvsj.ipvs.ServiceKey;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which VIPs {@code vip_bind_dev} wants where: Alibaba's keepalived's rule, with its reference count. */
class BoundVipsTest {
    static final InetAddress VIP = Fixtures.ip("203.0.113.10");
    static final InetAddress VIP6 = Fixtures.ip("2001:db8::10");

    static VirtualServerSpec vs(ServiceKey key, String device) {
        return VirtualServerSpec.of(key, ServiceTemplate.of("mh"), List.of(RealServerSpec.of(Fixtures.RS1, 80, Forwarding.DR)))
                .withVipBindDevice(Optional.ofNullable(device));
    }

    @Test
    void aVirtualServerUpHasItsAddressOnItsInterface() {
        VirtualServerSpec web = vs(ServiceKey.tcp(VIP, 80), "vip0");
        assertEquals(Set.of(new BoundVip("vip0", VIP)), BoundVips.wanted(List.of(web), id -> true));
        assertEquals(Set.of(), BoundVips.wanted(List.of(web), id -> false));
        assertEquals(Set.of(new BoundVip("vip0", VIP)), BoundVips.configured(List.of(web)));
    }

    @Test
    void anAddressTwoVirtualServersShareStaysWhileEitherIsUp() {
        VirtualServerSpec http = vs(ServiceKey.tcp(VIP, 80), "vip0");
        VirtualServerSpec https = vs(ServiceKey.tcp(VIP, 443), "vip0");
        List<VirtualServerSpec> config = List.of(http, https);
        assertEquals(Set.of(new BoundVip("vip0", VIP)), BoundVips.wanted(config, id -> id.equals(https.id())));
        assertEquals(Set.of(), BoundVips.wanted(config, id -> false));
    }

    @Test
    void withoutTheKeywordOrWithAFwmarkNothingIsBound() {
        VirtualServerSpec plain = vs(ServiceKey.tcp(VIP, 80), null);
        VirtualServerSpec mark = vs(ServiceKey.fwmark(7, AddressFamily.INET), "vip0");
        assertEquals(Set.of(), BoundVips.wanted(List.of(plain, mark), id -> true));
    }

    @Test
    void aGroupBindsEachOfItsAddressesAsAHostRoute() {
        VirtualServerSpec group = new VirtualServerSpec(VirtualServerId.ofGroup("g", IpProtocol.TCP), "[g]:0",
                List.of(ServiceKey.tcp(VIP, 80), new ServiceKey.Inet(IpProtocol.TCP, VIP6, 80),
                        ServiceKey.fwmark(7, AddressFamily.INET)),
                ServiceTemplate.of("mh"), List.of(RealServerSpec.of(Fixtures.RS1, 80, Forwarding.DR)), Optional.empty(), 1, 0, Optional.empty(),
                Optional.empty(), false, false, Optional.empty(), Optional.of("vip0"));
        Set<BoundVip> wanted = BoundVips.wanted(List.of(group), id -> true);
        assertEquals(Set.of(new BoundVip("vip0", VIP), new BoundVip("vip0", VIP6)), wanted);
        assertEquals(List.of(32, 128), wanted.stream().map(BoundVip::prefixLength).toList());
        assertEquals("2001:db8::10/128 on vip0", new BoundVip("vip0", VIP6).toString());
    }
}
