package io.lvsj.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab network for FullNAT and real-server tests: a client, the director (the test's own
 * namespace) and real servers on an inner segment (a bridge in the director), each a
 * namespace. The real servers have no route to the client's subnet: only FullNAT (or DR/TUN,
 * which answer the client directly) can serve it.
 * <pre>
 *   client 203.0.113.2, 2001:db8:c::2 --- front: 203.0.113.1, 2001:db8:c::1  director (VIPs on lo)
 *                                         inner: 198.51.100.1, 2001:db8:1::1 (bridge)
 *                                            |--- real server i: 198.51.100.(2+i), 2001:db8:1::(2+i)
 * </pre>
 * Each real server runs whoami-server on port 80, which answers "PEER LOCAL rsI".
 */
public final class FullNatLab implements AutoCloseable {
    public static final String VIP = "203.0.113.10";
    public static final String VIP6 = "2001:db8:f::10";
    public static final String CLIENT = "203.0.113.2";

    public final LabNamespace director;
    public final LabNamespace client;
    public final List<LabNamespace> realServers = new ArrayList<>();
    private final List<BackgroundProcess> servers = new ArrayList<>();

    private FullNatLab(LabNamespace director, int count) {
        this.director = director;
        this.client = LabNamespace.create("fn-c");
        try {
            link(client, "eth0", director, "front");
            client.run("ip", "addr", "add", CLIENT + "/24", "dev", "eth0").requireSuccess();
            client.run("ip", "addr", "add", "2001:db8:c::2/64", "dev", "eth0", "nodad").requireSuccess();
            client.run("ip", "route", "add", "default", "via", "203.0.113.1").requireSuccess();
            client.run("ip", "-6", "route", "add", "default", "via", "2001:db8:c::1").requireSuccess();
            director.run("ip", "addr", "add", "203.0.113.1/24", "dev", "front").requireSuccess();
            director.run("ip", "addr", "add", "2001:db8:c::1/64", "dev", "front", "nodad").requireSuccess();
            director.run("ip", "addr", "add", VIP + "/32", "dev", "lo").requireSuccess();
            director.run("ip", "addr", "add", VIP6 + "/128", "dev", "lo", "nodad").requireSuccess();
            director.run("ip", "link", "add", "inner", "type", "bridge").requireSuccess();
            director.run("ip", "link", "set", "inner", "up").requireSuccess();
            director.run("ip", "addr", "add", "198.51.100.1/24", "dev", "inner").requireSuccess();
            director.run("ip", "addr", "add", "2001:db8:1::1/64", "dev", "inner", "nodad").requireSuccess();
            for (int i = 0; i < count; i++) {
                addRealServer();
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    public static FullNatLab build(LabNamespace director, int realServers) {
        return new FullNatLab(director, realServers);
    }

    /** Adds one more real server (running whoami-server) and returns its index. */
    public int addRealServer() {
        int i = realServers.size();
        LabNamespace rs = LabNamespace.create("fn-r" + i + "-");
        realServers.add(rs);
        String port = "rs" + i;
        link(director, port, rs, "eth0");
        director.run("ip", "link", "set", port, "master", "inner").requireSuccess();
        rs.run("ip", "addr", "add", realServer(i) + "/24", "dev", "eth0").requireSuccess();
        rs.run("ip", "addr", "add", realServer6(i) + "/64", "dev", "eth0", "nodad").requireSuccess();
        servers.add(LabTools.startIn(rs, LabTools.path("whoami-server"), "80", "rs" + i));
        return i;
    }

    public static String realServer(int i) {
        return "198.51.100." + (2 + i);
    }

    public static String realServer6(int i) {
        return "2001:db8:1::" + Integer.toHexString(2 + i);
    }

    /**
     * {@code n} connections from the client to {@code host:port}, one after another: how many
     * times each "PEER LOCAL NAME" line came back. Fails if any connection failed.
     */
    public Map<String, Long> count(String host, int port, int n) {
        Command.Result r = client.run(LabTools.path("whoami-client"), "count", host, String.valueOf(port),
                String.valueOf(n));
        if (r.status() != 0) {
            throw new AssertionError("whoami-client count: " + r.stdout() + r.stderr());
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.startsWith("failed")) {
                int space = line.indexOf(' ');
                out.put(line.substring(space + 1), Long.parseLong(line.substring(0, space)));
            }
        }
        return out;
    }

    /**
     * One connection kept alive (an echo every 100 ms) for {@code seconds}: its log's first
     * line is "PEER LOCAL NAME", and it exits 0 when the connection lived that long.
     */
    public BackgroundProcess hold(String host, int port, int seconds) {
        return LabTools.startIn(client, LabTools.path("whoami-client"), "hold", host, String.valueOf(port),
                String.valueOf(seconds));
    }

    private static void link(LabNamespace a, String ifA, LabNamespace b, String ifB) {
        a.run("ip", "link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", b.name()).requireSuccess();
        a.run("ip", "link", "set", ifA, "up").requireSuccess();
        b.run("ip", "link", "set", ifB, "up").requireSuccess();
    }

    @Override
    public void close() {
        LabTools.closeAll(servers);
        realServers.forEach(LabNamespace::close);
        client.close();
    }
}
