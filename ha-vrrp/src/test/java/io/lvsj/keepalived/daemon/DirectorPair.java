package io.lvsj.keepalived.daemon;

import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.lab.LabNamespace;
import io.lvsj.sys.NetNamespace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Two directors in front of real servers, each a network namespace, as a real NAT director
 * pair is cabled: a front segment (client and both directors) and a back segment (both
 * directors and the real servers), each a bridge in a "switch" namespace. The VRRP master
 * holds the service VIP on the front and the real servers' gateway on the back.
 *
 * <pre>
 *   client 203.0.113.100 ─┐ front                     back ┌─ rs0 198.51.100.11
 *                          ├─ dir1 .2 / dir2 .3 ─ .2 / .3 ─┼─ rs1 198.51.100.12
 *   VIP 203.0.113.10 ──────┘ (on the master)  gw .1 ───────┴─ rs2 198.51.100.13
 * </pre>
 */
public final class DirectorPair implements AutoCloseable {
    public static final InetAddress VIP = ip("203.0.113.10");

    public final LabNamespace fabric;
    public final LabNamespace client;
    public final List<LabNamespace> directors = new ArrayList<>();
    public final List<LabNamespace> realServers = new ArrayList<>();
    public final NetworkContext clientNet;
    public final List<NetworkContext> realServerNets = new ArrayList<>();
    private int ports;

    public DirectorPair(int realServerCount) {
        fabric = LabNamespace.create("dm-sw");
        fabric.run("ip", "link", "add", "front", "type", "bridge").requireSuccess();
        fabric.run("ip", "link", "add", "back", "type", "bridge").requireSuccess();
        fabric.run("ip", "link", "set", "front", "up").requireSuccess();
        fabric.run("ip", "link", "set", "back", "up").requireSuccess();
        client = LabNamespace.create("dm-c");
        plug(client, "eth0", "front");
        client.run("ip", "addr", "add", "203.0.113.100/24", "dev", "eth0").requireSuccess();
        for (int d = 1; d <= 2; d++) {
            LabNamespace director = LabNamespace.create("dm-d" + d + "-");
            plug(director, "eth0", "front");
            plug(director, "eth1", "back");
            director.run("ip", "addr", "add", "203.0.113." + (d + 1) + "/24", "dev", "eth0").requireSuccess();
            director.run("ip", "addr", "add", "198.51.100." + (d + 1) + "/24", "dev", "eth1").requireSuccess();
            director.run("sysctl", "-qw", "net.ipv4.ip_forward=1").requireSuccess();
            directors.add(director);
        }
        for (int i = 0; i < realServerCount; i++) {
            LabNamespace rs = LabNamespace.create("dm-r" + i + "-");
            plug(rs, "eth0", "back");
            rs.run("ip", "addr", "add", realServer(i).getHostAddress() + "/24", "dev", "eth0").requireSuccess();
            rs.run("ip", "route", "add", "default", "via", "198.51.100.1").requireSuccess();
            realServers.add(rs);
            realServerNets.add(NetworkContext.in(NetNamespace.named(rs.name())));
        }
        clientNet = NetworkContext.in(NetNamespace.named(client.name()));
    }

    /** Real server {@code i}'s address. */
    public static InetAddress realServer(int i) {
        return ip("198.51.100." + (11 + i));
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
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

    /** Director {@code d} (1 or 2). */
    public LabNamespace director(int d) {
        return directors.get(d - 1);
    }

    /** Whether director {@code d} holds {@code address} on any interface. */
    public boolean holds(int d, String address) {
        return director(d).run("ip", "-o", "addr", "show").stdout().contains(" " + address + "/");
    }

    /** The director a machine failure takes away: its links go down (its process is killed separately). */
    public void unplug(int d) {
        director(d).run("ip", "link", "set", "eth0", "down").requireSuccess();
        director(d).run("ip", "link", "set", "eth1", "down").requireSuccess();
    }

    /** An HTTP GET through the VIP from the client; returns the body, or throws. */
    public String get() throws IOException {
        try (SocketChannel channel = clientNet.openStream(VIP)) {
            Socket s = channel.socket();
            s.connect(new InetSocketAddress(VIP, 80), 2000);
            s.setSoTimeout(3000);
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.ISO_8859_1);
            int body = response.indexOf("\r\n\r\n");
            return body < 0 ? "" : response.substring(body + 4);
        }
    }

    @Override
    public void close() {
        clientNet.close();
        realServerNets.forEach(NetworkContext::close);
        realServers.forEach(LabNamespace::close);
        directors.forEach(LabNamespace::close);
        client.close();
        fabric.close();
    }
}
