package io.lvsj.nft;

import io.lvsj.lab.LabNamespace;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.sys.Errno;
import io.lvsj.sys.NetNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nftables netlink against the host kernel (nftables is complete there) in a namespace, with {@code nft} as the oracle. */
class NftClientTest {
    private LabNamespace ns;
    private NftClient nft;

    @BeforeEach
    void createNamespaceWithATable() {
        ns = LabNamespace.create("lvsj-nft");
        ns.runWithInput("""
                add table ip t
                add set ip t vips { type ipv4_addr; }
                add table ip6 t
                add set ip6 t ll { type ipv6_addr . iface_index; }
                add map ip6 t m { type iface_index : iface_index; }
                """, "nft", "-f", "-").requireSuccess();
        nft = NftClient.open(NetNamespace.named(ns.name()));
    }

    @AfterEach
    void removeNamespace() {
        nft.close();
        ns.close();
    }

    private String list(String family, String set) {
        return ns.run("nft", "list", set.equals("m") ? "map" : "set", family, "t", set).requireSuccess().stdout();
    }

    @Test
    void addsAndDeletesSetElementsInOneTransaction() throws Exception {
        List<NftClient.Element> vips = List.of(NftClient.Element.of(InetAddress.getByName("192.0.2.1").getAddress()),
                NftClient.Element.of(InetAddress.getByName("192.0.2.2").getAddress()));
        nft.addElements(NftClient.Family.IP, "t", "vips", vips, true);
        assertTrue(list("ip", "vips").contains("elements = { 192.0.2.1, 192.0.2.2 }"), list("ip", "vips"));
        NetlinkException again = assertThrows(NetlinkException.class,
                () -> nft.addElements(NftClient.Family.IP, "t", "vips", vips.subList(0, 1), true));
        assertEquals(Errno.EEXIST.number(), again.errno());
        nft.deleteElements(NftClient.Family.IP, "t", "vips", vips);
        assertFalse(list("ip", "vips").contains("elements"), list("ip", "vips"));
    }

    @Test
    void concatenatedKeysAndMapsTakeInterfaceIndexes() throws Exception {
        byte[] key = new byte[20];
        System.arraycopy(InetAddress.getByName("fe80::1").getAddress(), 0, key, 0, 16);
        key[16] = 1; // lo is ifindex 1, in host byte order
        nft.addElements(NftClient.Family.IP6, "t", "ll", List.of(NftClient.Element.of(key)), true);
        assertTrue(list("ip6", "ll").contains("fe80::1 . \"lo\""), list("ip6", "ll"));
        nft.addElements(NftClient.Family.IP6, "t", "m", List.of(new NftClient.Element(new byte[]{1, 0, 0, 0},
                new byte[]{1, 0, 0, 0})), false);
        assertTrue(list("ip6", "m").contains("\"lo\" : \"lo\""), list("ip6", "m"));
    }

    @Test
    void findsAndDeletesTables() {
        assertTrue(nft.hasTable(NftClient.Family.IP, "t"));
        assertFalse(nft.hasTable(NftClient.Family.IP, "absent"));
        nft.deleteTable(NftClient.Family.IP, "t");
        assertFalse(nft.hasTable(NftClient.Family.IP, "t"));
        assertTrue(nft.hasTable(NftClient.Family.IP6, "t"));
    }
}
