package io.lvsj.keepalived.vrrp.config;

import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Configs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** keepalived.conf text, parsed as {@code keepalived-j} reads it, mapped onto what the VRRP engine runs. */
class ModelMappingTest {
    @TempDir
    Path dir;

    static String instance(String body) {
        return "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority 100\n" + body + "}\n";
    }

    ModelMapping.Mapped map(String text) {
        ConfigReport report = Configs.parseText(dir, text);
        assertEquals(0, report.testExitStatus(), Configs.describe(report));
        return ModelMapping.map(report.config());
    }

    List<VirtualAddress> vips(String addresses) {
        return map(instance("  virtual_ipaddress {\n" + addresses + "  }\n")).config().instances().getFirst()
                .virtualAddresses();
    }

    @Test
    void anIpv6HostAddressIsDeprecatedAndWithoutDadAsKeepalivedAddsIt() throws Exception {
        List<VirtualAddress> v = vips("    2001:db8::10/128\n    2001:db8::11/64\n    2001:db8::12/128 preferred_lft forever\n"
                + "    2001:db8::13/128 -nodad\n    2001:db8::14/64 home noprefixroute\n");
        assertEquals(0, v.get(0).preferredLifetime());
        assertEquals(VirtualAddress.FLAG_NODAD, v.get(0).flags());
        assertEquals(VirtualAddress.FOREVER, v.get(1).preferredLifetime());
        assertEquals(VirtualAddress.FOREVER, v.get(2).preferredLifetime());
        assertEquals(0, v.get(3).flags(), "-nodad: duplicate address detection stays on");
        assertEquals(InetAddress.getByName("2001:db8::13"), v.get(3).address());
        assertEquals(0x10 | 0x200 | VirtualAddress.FLAG_NODAD, v.get(4).flags(), "home, noprefixroute, nodad");
    }

    @Test
    void aPeerIsCarriedOver() throws Exception {
        List<VirtualAddress> v = vips("    192.0.2.10 peer 192.0.2.20\n    192.0.2.11/24\n");
        assertEquals(InetAddress.getByName("192.0.2.20"), v.get(0).peer());
        assertNull(v.get(1).peer());
        assertEquals(0, v.get(1).flags());
        assertEquals(VirtualAddress.FOREVER, v.get(1).preferredLifetime(), "IPv4 has no preferred lifetime");
    }
}
