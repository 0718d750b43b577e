package io.lvsj.rtnl;

import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import io.lvsj.sys.NetNamespace;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rtnetlink features the host kernel lacks (dummy, ipvlan), in the lab's kernel. */
@KernelTest
class RtnlClientKernelTest {

    @Test
    void createsDummyAndIpvlanLinks(LabNamespace ns) {
        try (RtnlClient rtnl = RtnlClient.open(NetNamespace.named(ns.name()))) {
            rtnl.addLink(new NewLink.Dummy("uplink0"));
            Link parent = rtnl.link("uplink0").orElseThrow();
            assertEquals("dummy", parent.kind());
            ns.run("/run/lvsj-modprobe", "ipvlan").requireSuccess();
            rtnl.addLink(new NewLink.Ipvlan("vip0", parent.index(), NewLink.IpvlanMode.L2));
            Link child = rtnl.link("vip0").orElseThrow();
            assertEquals("ipvlan", child.kind());
            assertEquals(parent.mac(), child.mac(), "an ipvlan shares its parent's MAC");
            String shown = ns.run("ip", "-d", "link", "show", "vip0").requireSuccess().stdout();
            assertTrue(shown.contains("ipvlan  mode l2 bridge"), shown);
            rtnl.addLink(new NewLink.Ipvlan("vip1", parent.index(), NewLink.IpvlanMode.L2, NewLink.IpvlanFlags.PRIVATE));
            String privateOne = ns.run("ip", "-d", "link", "show", "vip1").requireSuccess().stdout();
            assertTrue(privateOne.contains("ipvlan  mode l2 private"), privateOne);
        }
    }
}
