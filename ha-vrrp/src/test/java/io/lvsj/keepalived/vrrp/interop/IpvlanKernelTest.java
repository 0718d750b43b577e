package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.lab.KernelTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.lvsj.keepalived.vrrp.interop.LocalStateInteropTest.GLOBAL;
import static io.lvsj.keepalived.vrrp.interop.LocalStateInteropTest.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code use_ipvlan} as keepalived makes it: Debian's keepalived and the keepalived-j command
 * line run the same keepalived.conf in one namespace and must leave the same kernel state
 * ({@link LocalStateInteropTest#compare}). The host's kernel has no ipvlan (CONFIG_IPVLAN off:
 * "Unknown device type"), the lab's has it as a module, so this comparison runs in the lab.
 */
@KernelTest
class IpvlanKernelTest {

    /**
     * An IPv4 instance with its own ipvlan name, address and mode, an IPv6 one with keepalived's
     * defaults: the L2 ipvlans and their addresses, the VIPs on the parent (where keepalived
     * 2.2.7 puts them), adverts from the ipvlan; nothing left after stop.
     */
    @Test
    void useIpvlanMakesTheLinkKeepalivedMakes() {
        LocalStateInteropTest.compare("use-ipvlan", GLOBAL
                        + instance("VI_4", 83, "  use_ipvlan ipv83 192.0.2.183/24 bridge\n"
                        + "  virtual_ipaddress {\n    192.0.2.83/24\n  }\n")
                        + instance("VI_6", 84, "  use_ipvlan\n  virtual_ipaddress {\n    2001:db8::84/64\n  }\n"),
                (ns, dir) -> { }, "Entering MASTER STATE", Set.of("VI_6"), (keepalived, ours) -> {
                    assertTrue(ours.running().contains("ipv83@eth0:"), ours.running());
                    assertTrue(ours.running().contains("ipvlan mode l2 bridge"), ours.running());
                    assertTrue(ours.running().contains("ipv83 inet 192.0.2.183/24"), ours.running());
                    assertTrue(ours.running().contains("eth0 inet 192.0.2.83/24"), ours.running());
                    assertTrue(ours.running().contains("eth0 inet6 2001:db8::84/64"), ours.running());
                    assertFalse(ours.stopped().contains("ipvlan"), "no ipvlan left: " + ours.stopped());
                    assertFalse(ours.log().contains("send advert error"), ours.log());
                    // keepalived looks for the new ipvlan's link-local address, often before netlink
                    // has told it of one: then it starts the IPv6 instance in FAULT and leaves it for
                    // BACKUP when told (a race: when the address is there in time it starts in BACKUP
                    // as keepalived-j does); keepalived-j makes the link first and starts the
                    // instance from its address.
                    List<String> theirs = keepalived.stateLinesByInstance().get("(VI_6)");
                    List<String> lastTwo = theirs.subList(theirs.size() - 2, theirs.size());
                    assertTrue(lastTwo.equals(List.of("(VI_6) Entering BACKUP STATE", "(VI_6) Entering MASTER STATE"))
                            || theirs.equals(List.of("(VI_6) Entering BACKUP STATE (init)", "(VI_6) Entering MASTER STATE")),
                            keepalived.log());
                    assertEquals(List.of("(VI_6) Entering BACKUP STATE (init)", "(VI_6) Entering MASTER STATE"),
                            ours.stateLinesByInstance().get("(VI_6)"), ours.log());
                });
    }
}
