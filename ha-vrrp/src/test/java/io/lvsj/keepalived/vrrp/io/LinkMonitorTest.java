package io.lvsj.keepalived.vrrp.io;

import io.lvsj.lab.LabNamespace;
import io.lvsj.rtnl.InterfaceAddress;
import io.lvsj.rtnl.Link;
import io.lvsj.rtnl.MacAddress;
import io.lvsj.rtnl.Route;
import io.lvsj.rtnl.RtnlEvent;
import io.lvsj.rtnl.Scope;
import io.lvsj.sys.NetNamespace;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The adapter from ipvs-netlink's notifications to the VRRP shell's listener: each kind of
 * event mapped (pure), then the whole monitor against the host kernel in a namespace of its own.
 */
class LinkMonitorTest {
    /** What the listener heard, as text, in order. */
    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

    private final LinkMonitor.Listener listener = new LinkMonitor.Listener() {
        @Override
        public void linkChanged(HostNetwork.Link link) {
            heard.add("changed " + describe(link));
        }

        @Override
        public void linkRemoved(HostNetwork.Link link) {
            heard.add("removed " + describe(link));
        }

        @Override
        public void addressChanged(HostNetwork.Address a, boolean added) {
            heard.add((added ? "added " : "deleted ") + a.index() + " " + HexFormat.of().formatHex(a.address()) + "/"
                    + a.prefixLength() + " scope " + a.scope() + " flags " + a.flags() + " label " + a.label());
        }

        @Override
        public void resync() {
            heard.add("resync");
        }
    };

    private static String describe(HostNetwork.Link l) {
        return l.index() + " " + l.name() + " up=" + l.isUp() + " mac " + HexFormat.of().formatHex(l.mac());
    }

    @Test
    void mapsEveryEventTheVrrpShellCaresAbout() throws Exception {
        Link eth = new Link(3, "eth0", Link.FLAG_UP | Link.FLAG_RUNNING, MacAddress.parse("02:00:00:00:00:01"), 1500,
                "veth", 6, Link.TYPE_ETHER);
        Link lo = new Link(1, "lo", Link.FLAG_UP | Link.FLAG_RUNNING | Link.FLAG_LOOPBACK, null, 65536, "", 0,
                Link.TYPE_LOOPBACK);
        InterfaceAddress vip = new InterfaceAddress(3, InetAddress.getByName("192.0.2.1"), 24, Scope.LINK, "eth0:v",
                null, 0x80);
        InterfaceAddress v6 = InterfaceAddress.of(3, InetAddress.getByName("fe80::1"), 64);
        for (RtnlEvent e : List.of(new RtnlEvent.LinkChanged(eth), new RtnlEvent.LinkChanged(lo),
                new RtnlEvent.AddressAdded(vip), new RtnlEvent.AddressRemoved(v6),
                new RtnlEvent.RouteAdded(new Route(null, 0, null, 3, null, 0, Route.TABLE_MAIN, Scope.GLOBAL, false)),
                new RtnlEvent.LinkRemoved(eth), new RtnlEvent.Overrun())) {
            LinkMonitor.deliver(e, listener);
        }
        assertEquals(List.of(
                "changed 3 eth0 up=true mac 020000000001",
                "changed 1 lo up=true mac 000000000000",
                "added 3 c0000201/24 scope 253 flags 128 label eth0:v",
                "deleted 3 fe800000000000000000000000000001/64 scope 0 flags 0 label ",
                "removed 3 eth0 up=true mac 020000000001",
                "resync"), List.copyOf(heard));
    }

    @Test
    void hearsTheKernelAndStopsWhenClosed() throws Exception {
        try (LabNamespace ns = LabNamespace.create("lvsj-linkmon")) {
            LinkMonitor monitor = NetNamespace.named(ns.name()).call(() -> LinkMonitor.open(listener));
            Thread thread = Thread.ofPlatform().name("link-monitor-test").start(monitor);
            try {
                ns.run("ip", "link", "add", "vr0", "address", "02:00:5e:00:01:01", "type", "veth", "peer", "name", "vr1")
                        .requireSuccess();
                String added = await(s -> s.startsWith("changed ") && s.contains(" vr0 "));
                assertTrue(added.endsWith(" vr0 up=false mac 02005e000101"), added);
                int index = Integer.parseInt(added.split(" ")[1]);

                ns.run("ip", "addr", "add", "192.0.2.5/24", "dev", "vr0").requireSuccess();
                await(s -> s.equals("added " + index + " c0000205/24 scope 0 flags 128 label vr0"));
                ns.run("ip", "addr", "del", "192.0.2.5/24", "dev", "vr0").requireSuccess();
                await(s -> s.startsWith("deleted " + index + " c0000205/24 "));

                ns.run("ip", "link", "del", "vr0").requireSuccess();
                await(s -> s.startsWith("removed " + index + " vr0 "));
            } finally {
                monitor.close();
                thread.join(2000);
            }
            assertFalse(thread.isAlive(), "the monitor thread ends within a fifth of a second of close()");
        }
    }

    private String await(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> others = new java.util.ArrayList<>();
        while (System.nanoTime() < deadline) {
            String s = heard.poll(100, TimeUnit.MILLISECONDS);
            if (s != null) {
                if (wanted.test(s)) {
                    return s;
                }
                others.add(s);
            }
        }
        return fail("not heard; heard instead: " + others);
    }
}
