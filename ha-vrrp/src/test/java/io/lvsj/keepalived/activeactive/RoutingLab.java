package io.lvsj.keepalived.activeactive;

import io.lvsj.lab.LabNamespace;

import java.util.ArrayList;
import java.util.List;

/**
 * The routing side of active-active directors, each machine a network namespace: an upstream
 * router whose {@code lan} bridge (192.0.2.1/24) the directors' {@code eth0} (192.0.2.2, .3,
 * ...) plug into, each director with its {@code vip0} for {@code vip_bind_dev}. Real servers
 * and a client are added by the tests that need them.
 *
 * <pre>
 *   client 198.51.100.2 --- router 198.51.100.1 | lan 192.0.2.1 --+-- director d: eth0 192.0.2.(d+1), vip0
 *                                                                  +-- real server r: eth0 192.0.2.(10+r)
 * </pre>
 */
final class RoutingLab implements AutoCloseable {
    static final String VIP = "203.0.113.10";
    final LabNamespace router;
    final List<LabNamespace> directors = new ArrayList<>();
    private final List<LabNamespace> others = new ArrayList<>();
    private int ports;

    RoutingLab(int directorCount) {
        router = LabNamespace.create("aa-rtr");
        router.run("ip", "link", "add", "lan", "type", "bridge").requireSuccess();
        router.run("ip", "link", "set", "lan", "up").requireSuccess();
        router.run("ip", "addr", "add", "192.0.2.1/24", "dev", "lan").requireSuccess();
        router.run("sysctl", "-qw", "net.ipv4.ip_forward=1").requireSuccess();
        // hash flows by ports too, so one client's connections spread over the directors
        router.run("sysctl", "-qw", "net.ipv4.fib_multipath_hash_policy=1").requireSuccess();
        for (int d = 1; d <= directorCount; d++) {
            LabNamespace director = LabNamespace.create("aa-d" + d + "-");
            directors.add(director);
            plug(director, "eth0", "192.0.2." + (d + 1) + "/24");
            vipInterface(director);
        }
    }

    /** Director {@code d}, from 1. */
    LabNamespace director(int d) {
        return directors.get(d - 1);
    }

    static String directorAddress(int d) {
        return "192.0.2." + (d + 1);
    }

    /**
     * {@code vip0}: a dummy where the kernel has one (the lab), else one end of a veth pair with
     * both ends up, so that it has carrier as a dummy does (FRR's zebra wants it).
     */
    private static void vipInterface(LabNamespace director) {
        if (director.run("ip", "link", "add", "vip0", "type", "dummy").status() != 0) {
            director.run("ip", "link", "add", "vip0", "type", "veth", "peer", "name", "vip0p").requireSuccess();
            director.run("ip", "link", "set", "vip0p", "up").requireSuccess();
        }
        director.run("ip", "link", "set", "vip0", "up").requireSuccess();
    }

    /** A real server on the lan for DR: its address, the VIP on lo, and the router as its gateway. */
    LabNamespace addRealServer(int r) {
        LabNamespace rs = LabNamespace.create("aa-r" + r + "-");
        others.add(rs);
        plug(rs, "eth0", "192.0.2." + (10 + r) + "/24");
        rs.run("ip", "addr", "add", VIP + "/32", "dev", "lo").requireSuccess();
        rs.run("sysctl", "-qw", "net.ipv4.conf.all.arp_ignore=1").requireSuccess();
        rs.run("sysctl", "-qw", "net.ipv4.conf.all.arp_announce=2").requireSuccess();
        rs.run("ip", "route", "add", "default", "via", "192.0.2.1").requireSuccess();
        return rs;
    }

    static String realServerAddress(int r) {
        return "192.0.2." + (10 + r);
    }

    /** The client, on a link of its own to the router (198.51.100.0/24). */
    LabNamespace addClient() {
        LabNamespace client = LabNamespace.create("aa-c");
        others.add(client);
        client.run("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "cl", "netns", router.name())
                .requireSuccess();
        client.run("ip", "link", "set", "eth0", "up").requireSuccess();
        client.run("ip", "addr", "add", "198.51.100.2/24", "dev", "eth0").requireSuccess();
        client.run("ip", "route", "add", "default", "via", "198.51.100.1").requireSuccess();
        router.run("ip", "link", "set", "cl", "up").requireSuccess();
        router.run("ip", "addr", "add", "198.51.100.1/24", "dev", "cl").requireSuccess();
        return client;
    }

    /** A veth from {@code node}'s {@code device} to a port of the router's lan bridge. */
    private void plug(LabNamespace node, String device, String address) {
        String port = "p" + (++ports);
        router.run("ip", "link", "add", port, "type", "veth", "peer", "name", device, "netns", node.name())
                .requireSuccess();
        router.run("ip", "link", "set", port, "master", "lan").requireSuccess();
        router.run("ip", "link", "set", port, "up").requireSuccess();
        node.run("ip", "link", "set", device, "up").requireSuccess();
        node.run("ip", "addr", "add", address, "dev", device).requireSuccess();
    }

    @Override
    public void close() {
        others.forEach(LabNamespace::close);
        directors.forEach(LabNamespace::close);
        router.close();
    }
}
