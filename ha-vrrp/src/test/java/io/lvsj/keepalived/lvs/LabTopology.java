package io.lvsj.keepalived.lvs;

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
 * The lab network for the checker's kernel tests: a client, the director (the test's own
 * namespace, with IPVS) and real servers, each a namespace, joined by veth pairs.
 *
 * <pre>
 *   client 203.0.113.2 --- 203.0.113.1 director (VIP 203.0.113.10 on lo)
 *                                      198.51.100.(4i+1) --- 198.51.100.(4i+2) real server i
 * </pre>
 *
 * Real servers route everything through the director. Their sockets are opened from the test
 * JVM through a {@link NetworkContext} of their namespace, so no server process is started.
 */
final class LabTopology implements AutoCloseable {
    static final InetAddress VIP = ip("203.0.113.10");
    static final InetAddress CLIENT = ip("203.0.113.2");

    final LabNamespace director;
    final LabNamespace client;
    final List<LabNamespace> realServers = new ArrayList<>();
    final NetworkContext directorNet;
    final NetworkContext clientNet;
    final List<NetworkContext> realServerNets = new ArrayList<>();

    private LabTopology(LabNamespace director, int count) {
        this.director = director;
        this.client = LabNamespace.create("ck-c");
        link(client, "eth0", director, "ck-front");
        client.run("ip", "addr", "add", "203.0.113.2/24", "dev", "eth0").requireSuccess();
        client.run("ip", "route", "add", "default", "via", "203.0.113.1").requireSuccess();
        director.run("ip", "addr", "add", "203.0.113.1/24", "dev", "ck-front").requireSuccess();
        director.run("ip", "addr", "add", "203.0.113.10/32", "dev", "lo").requireSuccess();
        director.run("sysctl", "-qw", "net.ipv4.ip_forward=1").requireSuccess();
        for (int i = 0; i < count; i++) {
            LabNamespace rs = LabNamespace.create("ck-r" + i + "-");
            link(director, "ck-rs" + i, rs, "eth0");
            director.run("ip", "addr", "add", "198.51.100." + (4 * i + 1) + "/30", "dev", "ck-rs" + i).requireSuccess();
            rs.run("ip", "addr", "add", "198.51.100." + (4 * i + 2) + "/30", "dev", "eth0").requireSuccess();
            rs.run("ip", "route", "add", "default", "via", "198.51.100." + (4 * i + 1)).requireSuccess();
            realServers.add(rs);
            realServerNets.add(NetworkContext.in(NetNamespace.named(rs.name())));
        }
        directorNet = NetworkContext.in(NetNamespace.named(director.name()));
        clientNet = NetworkContext.in(NetNamespace.named(client.name()));
    }

    static LabTopology build(LabNamespace director, int realServers) {
        return new LabTopology(director, realServers);
    }

    /** Real server {@code i}'s address. */
    static InetAddress realServer(int i) {
        return ip("198.51.100." + (4 * i + 2));
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static void link(LabNamespace a, String ifA, LabNamespace b, String ifB) {
        a.run("ip", "link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", b.name()).requireSuccess();
        a.run("ip", "link", "set", ifA, "up").requireSuccess();
        b.run("ip", "link", "set", ifB, "up").requireSuccess();
    }

    /**
     * Makes real server {@code i} answer for the VIP itself (DR and tunnels): the VIP on a
     * non-ARPing device. Its replies come from the VIP and, in this topology, return through
     * the director, which must then accept packets from its own address.
     */
    void acceptVip(int i, String device) {
        director.run("sysctl", "-qw", "net.ipv4.conf.all.accept_local=1").requireSuccess();
        director.run("sysctl", "-qw", "net.ipv4.conf.ck-rs" + i + ".accept_local=1").requireSuccess();
        director.run("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0").requireSuccess();
        director.run("sysctl", "-qw", "net.ipv4.conf.ck-rs" + i + ".rp_filter=0").requireSuccess();
        LabNamespace rs = realServers.get(i);
        rs.run("sysctl", "-qw", "net.ipv4.conf.all.arp_ignore=1").requireSuccess();
        rs.run("sysctl", "-qw", "net.ipv4.conf.all.arp_announce=2").requireSuccess();
        rs.run("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0").requireSuccess();
        rs.run("ip", "link", "set", device, "up").requireSuccess();
        rs.run("sysctl", "-qw", "net.ipv4.conf." + device + ".rp_filter=0").requireSuccess();
        rs.run("ip", "addr", "add", "203.0.113.10/32", "dev", device).requireSuccess();
    }

    /** An HTTP GET through the VIP from the client; returns the body, or throws. */
    String get(int port) throws IOException {
        try (SocketChannel channel = clientNet.openStream(VIP)) {
            Socket s = channel.socket();
            s.connect(new InetSocketAddress(VIP, port), 3000);
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.ISO_8859_1);
            int body = response.indexOf("\r\n\r\n");
            return body < 0 ? "" : response.substring(body + 4);
        }
    }

    /** Bodies of {@code n} GETs through the VIP. */
    List<String> gets(int port, int n) throws IOException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(get(port));
        }
        return out;
    }

    @Override
    public void close() {
        for (NetworkContext n : realServerNets) {
            n.close();
        }
        directorNet.close();
        clientNet.close();
        for (LabNamespace rs : realServers) {
            rs.close();
        }
        client.close();
    }
}
