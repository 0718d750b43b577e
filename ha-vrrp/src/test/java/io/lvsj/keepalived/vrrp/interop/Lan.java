package io.lvsj.keepalived.vrrp.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routers on one Ethernet segment, each a network namespace whose {@code eth0} is a veth
 * into a bridge living in a switch namespace, plus a client namespace. Node {@code i}
 * (1-based) has MAC 02:00:00:00:LL:0i, 192.0.2.i/24 and 2001:db8::i/64; the client is .200.
 * Every name starts with {@code vr-}; {@link #close()} deletes the namespaces (and with them
 * the links).
 */
final class Lan implements AutoCloseable {
    private static final AtomicInteger NEXT = new AtomicInteger();

    final String id;
    final List<String> nodes = new ArrayList<>();
    final String client;
    final String switchNs;
    final int lanNumber;

    private Lan(int lanNumber, int count) {
        this.lanNumber = lanNumber;
        this.id = "vr-" + ProcessHandle.current().pid() % 10000 + "-" + lanNumber;
        this.switchNs = id + "-sw";
        this.client = id + "-c";
        for (int i = 1; i <= count; i++) {
            nodes.add(id + "-" + i);
        }
    }

    static Lan create(int count) {
        Lan lan = new Lan(NEXT.incrementAndGet() % 100, count);
        try {
            lan.build();
            return lan;
        } catch (RuntimeException | AssertionError e) {
            lan.close();
            throw e;
        }
    }

    private void build() {
        Shell.must("ip", "netns", "add", switchNs);
        Shell.must("ip", "-n", switchNs, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
        Shell.must("ip", "-n", switchNs, "link", "set", "br0", "up");
        List<String> all = new ArrayList<>(nodes);
        all.add(client);
        for (int i = 0; i < all.size(); i++) {
            String ns = all.get(i);
            int host = i < nodes.size() ? i + 1 : 200;
            Shell.must("ip", "netns", "add", ns);
            Shell.must("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.accept_dad=0",
                    "net.ipv6.conf.all.accept_dad=0");
            String port = "p" + host;
            Shell.must("ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", port, "netns", switchNs);
            Shell.must("ip", "-n", ns, "link", "set", "eth0", "address", mac(host));
            Shell.must("ip", "-n", ns, "addr", "add", "192.0.2." + host + "/24", "dev", "eth0");
            Shell.must("ip", "-n", ns, "addr", "add", "2001:db8::" + Integer.toHexString(host) + "/64", "dev", "eth0",
                    "nodad");
            Shell.must("ip", "-n", ns, "link", "set", "lo", "up");
            Shell.must("ip", "-n", ns, "link", "set", "eth0", "up");
            Shell.must("ip", "-n", switchNs, "link", "set", port, "master", "br0");
            Shell.must("ip", "-n", switchNs, "link", "set", port, "up");
        }
    }

    String mac(int host) {
        return String.format("02:00:00:00:%02x:%02x", lanNumber, host);
    }

    byte[] macBytes(int host) {
        return new byte[]{2, 0, 0, 0, (byte) lanNumber, (byte) host};
    }

    /** The namespace of node {@code i} (1-based). */
    String node(int i) {
        return nodes.get(i - 1);
    }

    /** The bridge port of node {@code i}, for cutting it off the segment. */
    void unplug(int i) {
        Shell.must("ip", "-n", switchNs, "link", "set", "p" + i, "down");
    }

    void plug(int i) {
        Shell.must("ip", "-n", switchNs, "link", "set", "p" + i, "up");
    }

    @Override
    public void close() {
        for (String ns : nodes) {
            Shell.quiet("ip", "netns", "del", ns);
        }
        Shell.quiet("ip", "netns", "del", client);
        Shell.quiet("ip", "netns", "del", switchNs);
    }
}
