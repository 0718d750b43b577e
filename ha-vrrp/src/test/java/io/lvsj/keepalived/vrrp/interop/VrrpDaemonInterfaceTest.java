package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.vrrp.VrrpState;
import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An instance whose interface does not exist when the daemon starts waits in FAULT and
 * follows the interface's life: created and up, it elects (here it is alone, so it becomes
 * MASTER and installs its VIP); deleted, FAULT again; created once more with a new ifindex,
 * it is wired afresh. keepalived 2.2.7 with {@code dynamic_interfaces} does the same
 * (observed in a namespace: "Configuration specifies interface eth5 which doesn't currently
 * exist - will use if created", FAULT, then BACKUP and MASTER once it was created).
 */
@Tag("interop")
class VrrpDaemonInterfaceTest {
    static final InetAddress VIP = Segment.ip("198.51.100.100");

    @Test
    void anInstanceWaitsInFaultForItsInterfaceAndFollowsItsLife() {
        try (Lan lan = Lan.create(1); VipWatch vips = new VipWatch(lan.nodes)) {
            String ns = lan.node(1);
            VirtualRouterConfig instance = VirtualRouterConfig.builder("VI_9", "cr9", 59).priority(150)
                    .virtualAddresses(List.of(VirtualAddress.of(VIP, 24))).build();
            JavaRouter router = new JavaRouter(ns);
            router.start(VrrpConfig.of(List.of(instance)));
            try {
                assertEquals(VrrpState.FAULT, router.state("VI_9"));
                assertTrue(router.log().contains(
                        "Configuration specifies interface cr9 which doesn't currently exist - will use if created"),
                        router.log());
                VipWatch.sleep(500);
                assertEquals(List.of(), vips.holders(VIP));

                createInterface(ns);
                vips.awaitSole(VIP, 1, 8000);
                assertEquals(VrrpState.MASTER, router.state("VI_9"));

                Shell.must("ip", "-n", ns, "link", "del", "cr9");
                awaitState(router, VrrpState.FAULT);

                createInterface(ns);
                vips.awaitSole(VIP, 1, 8000);
                assertEquals(VrrpState.MASTER, router.state("VI_9"));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- keepalived-j\n" + router.log(), e);
            } finally {
                router.stop();
            }
        }
    }

    /** A veth pair cr9/cr9p, with an address on cr9, both up. */
    private static void createInterface(String ns) {
        Shell.must("ip", "-n", ns, "link", "add", "cr9", "type", "veth", "peer", "name", "cr9p");
        Shell.must("ip", "-n", ns, "addr", "add", "198.51.100.1/24", "dev", "cr9");
        Shell.must("ip", "-n", ns, "link", "set", "cr9p", "up");
        Shell.must("ip", "-n", ns, "link", "set", "cr9", "up");
    }

    private static void awaitState(JavaRouter router, VrrpState expected) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (router.state("VI_9") != expected) {
            if (System.nanoTime() > deadline) {
                assertEquals(expected, router.state("VI_9"));
            }
            VipWatch.sleep(20);
        }
    }
}
