package io.lvsj.syncd.lab;

import io.lvsj.lab.BackgroundProcess;
import io.lvsj.lab.LabNamespace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Directors in front of real servers, each a network namespace, cabled as a NAT director
 * group is: a front segment (the client and every director) and a back segment (every
 * director and the real servers), each a bridge in a "switch" namespace. The active director
 * of a group holds its VIP on the front and its real servers' gateway on the back; a takeover
 * moves both, as VRRP would.
 *
 * <pre>
 *   client 203.0.113.100 ── front ── directors: eth0 203.0.113.(20+n) ── eth1 198.51.100.(20+n) ── back ── real servers
 * </pre>
 */
public final class SyncTopology implements AutoCloseable {
    public final LabNamespace fabric;
    public final LabNamespace client;
    private final Map<String, LabNamespace> nodes = new LinkedHashMap<>();
    private final List<LabNamespace> all = new ArrayList<>();
    private int ports;
    private int directors;

    public SyncTopology() {
        fabric = add(LabNamespace.create("ls-sw"));
        for (String bridge : List.of("front", "back")) {
            fabric.run("ip", "link", "add", bridge, "type", "bridge").requireSuccess();
            fabric.run("ip", "link", "set", bridge, "up").requireSuccess();
        }
        client = add(LabNamespace.create("ls-c"));
        plug(client, "eth0", "front");
        client.run("ip", "addr", "add", "203.0.113.100/24", "dev", "eth0").requireSuccess();
    }

    private LabNamespace add(LabNamespace ns) {
        all.add(ns);
        return ns;
    }

    /** A director named {@code name} on both segments; returns its namespace. */
    public LabNamespace director(String name) {
        int n = 20 + ++directors;
        LabNamespace d = add(LabNamespace.create("ls-" + name + "-"));
        plug(d, "eth0", "front");
        plug(d, "eth1", "back");
        d.run("ip", "addr", "add", "203.0.113." + n + "/24", "dev", "eth0").requireSuccess();
        d.run("ip", "addr", "add", "198.51.100." + n + "/24", "dev", "eth1").requireSuccess();
        d.run("ip", "route", "add", "224.0.0.0/4", "dev", "eth1").requireSuccess();
        d.run("sysctl", "-qw", "net.ipv4.ip_forward=1").requireSuccess();
        nodes.put(name, d);
        return d;
    }

    /** The back-segment address of the director made {@code index}-th (1-based). */
    public static String backAddress(int index) {
        return "198.51.100." + (20 + index);
    }

    /**
     * A real server at {@code address} on the back segment whose gateway is {@code gateway},
     * or, when {@code gateway} is {@code null}, with no route off its segment (a FullNAT real
     * server: it answers the director's local address, never the client).
     */
    public LabNamespace realServer(String name, String address, String gateway) {
        LabNamespace rs = add(LabNamespace.create("ls-" + name + "-"));
        plug(rs, "eth0", "back");
        rs.run("ip", "addr", "add", address + "/24", "dev", "eth0").requireSuccess();
        if (gateway != null) {
            rs.run("ip", "route", "add", "default", "via", gateway).requireSuccess();
        }
        nodes.put(name, rs);
        return rs;
    }

    public LabNamespace node(String name) {
        return nodes.get(name);
    }

    /** A veth from {@code node}'s {@code device} to a port of {@code bridge}. */
    private void plug(LabNamespace node, String device, String bridge) {
        String port = "p" + (++ports);
        fabric.run("ip", "link", "add", port, "type", "veth", "peer", "name", device, "netns", node.name())
                .requireSuccess();
        fabric.run("ip", "link", "set", port, "master", bridge).requireSuccess();
        fabric.run("ip", "link", "set", port, "up").requireSuccess();
        node.run("ip", "link", "set", device, "up").requireSuccess();
    }

    /** The director dies as a machine does: its links go down (its processes are killed by the caller). */
    public void unplug(LabNamespace director) {
        director.run("ip", "link", "set", "eth0", "down").requireSuccess();
        director.run("ip", "link", "set", "eth1", "down").requireSuccess();
    }

    /**
     * {@code director} takes over a group: the VIP on its front, the gateway on its back, and
     * the client and {@code realServer} forget the old director's MAC (as a gratuitous ARP
     * would make them).
     */
    public void takeOver(LabNamespace director, String vip, String gateway, LabNamespace realServer) {
        director.run("ip", "addr", "add", vip + "/24", "dev", "eth0").requireSuccess();
        director.run("ip", "addr", "add", gateway + "/24", "dev", "eth1").requireSuccess();
        client.run("ip", "neigh", "flush", "dev", "eth0").requireSuccess();
        realServer.run("ip", "neigh", "flush", "dev", "eth0").requireSuccess();
    }

    /** NAT service {@code vip:80} to {@code realServer:port}, round robin. */
    public static void service(LabNamespace director, String vip, String realServer, int port) {
        director.ipvsadm("-A", "-t", vip + ":80", "-s", "rr").requireSuccess();
        director.ipvsadm("-a", "-t", vip + ":80", "-r", realServer + ":" + port, "-m").requireSuccess();
    }

    /** How many connections to {@code vip} the director's kernel has in ESTABLISHED state. */
    public static int established(LabNamespace director, String vip) {
        int n = 0;
        for (String line : director.ipvsadm("-Lnc").stdout().split("\n")) {
            if (line.contains(" ESTABLISHED ") && line.contains(" " + vip + ":80 ")) {
                n++;
            }
        }
        return n;
    }

    /** Whether {@code address} is on one of the director's interfaces. */
    public static boolean holds(LabNamespace director, String address) {
        return director.run("ip", "-o", "addr", "show").stdout().contains(" " + address + "/");
    }

    /** The kernel sync daemons the director runs, as {@code ipvsadm -L --daemon} lists them. */
    public static String daemons(LabNamespace director) {
        return director.ipvsadm("-L", "--daemon").stdout();
    }

    /** Debian's keepalived with {@code conf}, in the foreground, logging to the console; files in {@code dir}. */
    public static BackgroundProcess debianKeepalived(LabNamespace director, Path dir, String conf) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, conf);
        return BackgroundProcess.start(List.of("ip", "netns", "exec", director.name(), "/usr/sbin/keepalived", "-P",
                "-n", "-l", "-D", "-G", "-f", file.toString(), "-p", dir.resolve("keepalived.pid").toString(),
                "-r", dir.resolve("vrrp.pid").toString()), dir.resolve("keepalived.log"));
    }

    public static Duration await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            Thread.sleep(250);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        for (LabNamespace ns : all.reversed()) {
            ns.close();
        }
    }
}
