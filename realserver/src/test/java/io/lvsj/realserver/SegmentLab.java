package io.lvsj.realserver;

import io.lvsj.lab.LabNamespace;
import io.lvsj.lab.Command;
import io.lvsj.lab.BackgroundProcess;
import io.lvsj.lab.LabTools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One L2 segment (a bridge in a namespace of its own) with a client, the director (the test's
 * namespace) and real servers, each a namespace with one port on it: the topology of direct
 * routing, where real servers answer clients themselves.
 * <pre>
 *   client 203.0.113.2   director 203.0.113.1   real server i 203.0.113.(3+i)   VIP 203.0.113.10
 *          2001:db8:a::2          2001:db8:a::1                 2001:db8:a::(3+i)   2001:db8:a::10
 * </pre>
 * Each real server runs whoami-server on port 80 ("PEER LOCAL rsI").
 */
final class SegmentLab implements AutoCloseable {
    static final String VIP = "203.0.113.10";
    static final String VIP6 = "2001:db8:a::10";

    final LabNamespace director;
    final LabNamespace lan = LabNamespace.create("rs-lan");
    final LabNamespace client;
    final List<LabNamespace> realServers = new ArrayList<>();
    private final List<BackgroundProcess> servers = new ArrayList<>();

    SegmentLab(LabNamespace director, int count) {
        this.director = director;
        lan.run("ip", "link", "add", "lan", "type", "bridge").requireSuccess();
        lan.run("ip", "link", "set", "lan", "up").requireSuccess();
        client = LabNamespace.create("rs-c");
        attach(client, "port-c", "203.0.113.2");
        attach(director, "port-d", "203.0.113.1");
        for (int i = 0; i < count; i++) {
            LabNamespace rs = LabNamespace.create("rs-r" + i + "-");
            realServers.add(rs);
            attach(rs, "port-r" + i, "203.0.113." + (3 + i));
            servers.add(LabTools.startIn(rs, LabTools.path("whoami-server"), "80", "rs" + i));
        }
    }

    private void attach(LabNamespace ns, String port, String address) {
        lan.run("ip", "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns.name()).requireSuccess();
        lan.run("ip", "link", "set", port, "master", "lan").requireSuccess();
        lan.run("ip", "link", "set", port, "up").requireSuccess();
        ns.run("ip", "link", "set", "eth0", "up").requireSuccess();
        ns.run("ip", "addr", "add", address + "/24", "dev", "eth0").requireSuccess();
        String v6 = "2001:db8:a::" + address.substring(address.lastIndexOf('.') + 1);
        ns.run("ip", "addr", "add", v6 + "/64", "dev", "eth0", "nodad").requireSuccess();
    }

    /** The MAC address of a namespace's port on the segment. */
    static String mac(LabNamespace ns) {
        return ns.run("cat", "/sys/class/net/eth0/address").requireSuccess().stdout().strip();
    }

    /** bin/lvsj-realserver run inside {@code ns}, with the lab's /run for its state. */
    static Command.Result realServerTool(LabNamespace ns, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = repository().resolve("bin/lvsj-realserver").toString();
        System.arraycopy(args, 0, argv, 1, args.length);
        return ns.run(argv);
    }

    /**
     * The client's neighbour entry for {@code address} after one TCP connection attempt to its
     * port 80 ({@code ip neigh} text): the MAC of whoever answered ARP for it, or none.
     */
    String clientNeighbourAfterConnecting(String address) {
        client.run("ip", "neigh", "flush", "dev", "eth0").requireSuccess();
        client.run(LabTools.path("whoami-client"), "count", address, "80", "1");
        return client.run("ip", "neigh", "show", address, "dev", "eth0").stdout().strip();
    }

    /** {@code n} connections from the client to VIP:port: how many each real server name answered. */
    Map<String, Long> count(int port, int n) {
        return count(VIP, "203.0.113.2", port, n);
    }

    /** {@code n} connections from the client to {@code vip:port}; every real server must see {@code client} talk to the VIP. */
    Map<String, Long> count(String vip, String clientAddress, int port, int n) {
        Command.Result r = client.run(LabTools.path("whoami-client"), "count", vip, String.valueOf(port),
                String.valueOf(n));
        if (r.status() != 0) {
            throw new AssertionError("whoami-client count: " + r.stdout() + r.stderr());
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] w = line.split(" ");
            if (w.length == 4) {
                if (!w[1].equals(clientAddress) || !w[2].equals(vip)) {
                    throw new AssertionError("a real server saw " + line + ", not the client talking to the VIP");
                }
                out.merge(w[3], Long.parseLong(w[0]), Long::sum);
            }
        }
        return out;
    }

    static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("bin/lvsj-realserver"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("bin/lvsj-realserver not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @Override
    public void close() {
        LabTools.closeAll(servers);
        realServers.forEach(LabNamespace::close);
        client.close();
        lan.close();
    }
}
