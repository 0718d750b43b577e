package io.lvsj.syncd.lab;

import io.lvsj.sys.NetNamespace;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import io.lvsj.syncd.cluster.ClusterKey;
import io.lvsj.syncd.wire.SyncConnection;
import io.lvsj.syncd.wire.SyncDatagram;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.lvsj.syncd.lab.SyncTopology.await;
import static io.lvsj.syncd.lab.SyncTopology.established;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sync across a router, and a third node without the key. Director e1 is on segment A
 * (192.0.2.0/24, with the client), director e2 on segment B (198.51.100.0/24); a router joins
 * them, so the kernel's link-local multicast sync could not reach e2. lvs-syncd's TCP transport
 * does. Then an intruder on segment A runs lvs-syncd with another key and forges a sync
 * datagram two ways: as a kernel would send it onto the segment, and through its own
 * lvs-syncd into the cluster. Neither puts the forged connection into e1's or e2's table;
 * a plain kernel backup daemon listening on the segment (the kernel's own sync, for
 * comparison) takes it at once.
 */
@KernelTest
class LvsSyncdAcrossL3KernelTest {
    static final String VIP = "192.0.2.10";
    static final int CONNECTIONS = 50;
    private int ports;

    private void plug(LabNamespace fabric, LabNamespace node, String device, String bridge) {
        String port = "q" + (++ports);
        fabric.run("ip", "link", "add", port, "type", "veth", "peer", "name", device, "netns", node.name()).requireSuccess();
        fabric.run("ip", "link", "set", port, "master", bridge).requireSuccess();
        fabric.run("ip", "link", "set", port, "up").requireSuccess();
        node.run("ip", "link", "set", device, "up").requireSuccess();
    }

    private static void address(LabNamespace ns, String cidr, String device, String gateway) {
        ns.run("ip", "addr", "add", cidr, "dev", device).requireSuccess();
        if (gateway != null) {
            ns.run("ip", "route", "add", "default", "via", gateway).requireSuccess();
        }
    }

    static String tcpConfig(String bind) {
        return "transport tcp\nbind " + bind + "\npeer 192.0.2.11\npeer 198.51.100.12\ncluster lab-l3\n";
    }

    /** A sync v1 datagram for a connection nobody made: 192.0.2.66:6666 to the VIP. */
    static byte[] forged() {
        SyncConnection c = SyncConnection.of(6, 0, 1, InetAddress.ofLiteral("192.0.2.66"), 6666,
                InetAddress.ofLiteral(VIP), 80, InetAddress.ofLiteral("203.0.113.11"), 8080, 0, 900);
        return SyncDatagram.encode(0, List.of(c.encode()), 1472).getFirst();
    }

    /** Multicasts {@code datagram} to the kernel's sync group out of {@code device} of {@code ns}. */
    static void multicast(LabNamespace ns, String device, byte[] datagram) {
        NetNamespace.named(ns.name()).call(() -> {
            try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
                ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName(device));
                ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
                ch.send(ByteBuffer.wrap(datagram), new InetSocketAddress(InetAddress.ofLiteral("224.0.0.81"), 8848));
            }
            return null;
        });
    }

    static boolean lists(LabNamespace director, String address) {
        return director.ipvsadm("-Lnc").stdout().contains(address);
    }

    @Test
    void syncCrossesARouterAndANodeWithoutTheKeyCannotInjectAnything(LabNamespace fabric) throws Exception {
        Path dir = Files.createTempDirectory("lvs-syncd-l3");
        Path key = dir.resolve("cluster.key");
        Path otherKey = dir.resolve("other.key");
        ClusterKey.generate().write(key);
        ClusterKey.generate().write(otherKey);
        List<LabNamespace> nodes = new ArrayList<>();
        List<Syncd> daemons = new ArrayList<>();
        try {
            for (String b : List.of("segA", "segB", "back")) {
                fabric.run("ip", "link", "add", b, "type", "bridge").requireSuccess();
                fabric.run("ip", "link", "set", b, "up").requireSuccess();
            }
            LabNamespace router = LabNamespace.create("l3-rt");
            LabNamespace client = LabNamespace.create("l3-c");
            LabNamespace e1 = LabNamespace.create("l3-e1-");
            LabNamespace e2 = LabNamespace.create("l3-e2-");
            LabNamespace rs = LabNamespace.create("l3-rs");
            LabNamespace intruder = LabNamespace.create("l3-x");
            LabNamespace kernelBackup = LabNamespace.create("l3-kb");
            nodes.addAll(List.of(router, client, e1, e2, rs, intruder, kernelBackup));
            plug(fabric, router, "eth0", "segA");
            plug(fabric, router, "eth1", "segB");
            address(router, "192.0.2.1/24", "eth0", null);
            address(router, "198.51.100.1/24", "eth1", null);
            router.run("sysctl", "-qw", "net.ipv4.ip_forward=1").requireSuccess();
            plug(fabric, client, "eth0", "segA");
            address(client, "192.0.2.100/24", "eth0", "192.0.2.1");
            plug(fabric, e1, "eth0", "segA");
            plug(fabric, e1, "eth1", "back");
            address(e1, "192.0.2.11/24", "eth0", "192.0.2.1");
            address(e1, VIP + "/24", "eth0", null);
            address(e1, "203.0.113.1/24", "eth1", null);
            e1.run("sysctl", "-qw", "net.ipv4.ip_forward=1").requireSuccess();
            plug(fabric, e2, "eth0", "segB");
            address(e2, "198.51.100.12/24", "eth0", "198.51.100.1");
            plug(fabric, rs, "eth0", "back");
            address(rs, "203.0.113.11/24", "eth0", "203.0.113.1");
            plug(fabric, intruder, "eth0", "segA");
            address(intruder, "192.0.2.66/24", "eth0", "192.0.2.1");
            plug(fabric, kernelBackup, "eth0", "segA");
            address(kernelBackup, "192.0.2.77/24", "eth0", "192.0.2.1");
            for (LabNamespace d : List.of(e1, e2, kernelBackup)) {
                SyncTopology.service(d, VIP, "203.0.113.11", 8080);
            }
            kernelBackup.ipvsadm("--start-daemon", "backup", "--mcast-interface", "eth0").requireSuccess();

            Syncd s1 = Syncd.start("e1", e1.name(), dir.resolve("e1"), key, tcpConfig("192.0.2.11"));
            daemons.add(s1);
            s1.awaitLog("lvs-syncd ready", Duration.ofSeconds(120));
            Syncd s2 = Syncd.start("e2", e2.name(), dir.resolve("e2"), key, tcpConfig("198.51.100.12"));
            daemons.add(s2);
            s2.awaitLog("lvs-syncd ready", Duration.ofSeconds(120));
            await("e1 and e2 in one cluster across the router", Duration.ofSeconds(30),
                    () -> s1.status().contains("members: 2 "));

            try (EchoServer echo = new EchoServer(NetNamespace.named(rs.name()), new InetSocketAddress(InetAddress.ofLiteral("203.0.113.11"), 8080));
                 ClientConnections conns = ClientConnections.open(NetNamespace.named(client.name()),
                         new InetSocketAddress(InetAddress.ofLiteral(VIP), 80), CONNECTIONS)) {
                Duration synced = await("e2, behind the router, to learn every connection", Duration.ofSeconds(60),
                        () -> established(e2, VIP) == CONNECTIONS);
                System.out.println("across the router: e2's kernel had all " + CONNECTIONS + " connections "
                        + synced.toMillis() + " ms after they were made");
                assertEquals(0, established(kernelBackup, VIP), "the kernel's own sync does not see e1's connections");

                // the intruder: lvs-syncd with another key, on e1's segment
                Syncd x = Syncd.start("intruder", intruder.name(), dir.resolve("x"), otherKey, tcpConfig("192.0.2.66")
                        .replace("peer 192.0.2.11\n", "peer 192.0.2.11\npeer 192.0.2.66\n"));
                daemons.add(x);
                x.awaitLog("lvs-syncd ready", Duration.ofSeconds(120));
                assertTrue(x.status().contains("members: 1 (intruder)"), x.status());
                multicast(intruder, "eth0", forged());          // as a kernel master would, onto the segment
                multicast(intruder, "lvsync0", forged());       // through its own lvs-syncd, into the cluster
                await("the intruder to relay its forgery", Duration.ofSeconds(20),
                        () -> x.statusNumber("to cluster") >= 1);
                await("the kernel backup on the segment to take the forgery", Duration.ofSeconds(20),
                        () -> lists(kernelBackup, "192.0.2.66:6666"));
                await("e1 and e2 to refuse the intruder", Duration.ofSeconds(20),
                        () -> s1.statusNumber("refused (no cluster key)") > 0 && s2.statusNumber("refused (no cluster key)") > 0);
                Thread.sleep(3000);
                assertFalse(lists(e1, "192.0.2.66"), "the forgery is not in e1's table");
                assertFalse(lists(e2, "192.0.2.66"), "nor in e2's");
                assertTrue(s1.status().contains("members: 2 (e1, e2)"), s1.status());
                assertTrue(s1.log().contains("a peer without the cluster key is refused"), s1.log());
                assertEquals(CONNECTIONS, conns.exchange("still", Duration.ofSeconds(20)));

                // SIGHUP: a bad file changes nothing; a good one redoes what changed and keeps the table
                s2.reload(tcpConfig("198.51.100.12") + "multicast-ttl 0\n");
                s2.awaitLog("Reload failed, keeping the running configuration", Duration.ofSeconds(30));
                assertTrue(s2.log().contains("lvs-syncd.conf:9: 0 is not a TTL (1..255)"), s2.log());
                s2.reload(tcpConfig("198.51.100.12") + "state-timeout 30\n");
                s2.awaitLog("Reload finished", Duration.ofSeconds(60));
                await("e2 back in the cluster", Duration.ofSeconds(30), () -> s1.status().contains("members: 2 "));
                assertTrue(s2.statusNumber("connections") >= CONNECTIONS, "the table is kept:\n" + s2.status());
                System.out.println("---- e2 status\n" + s2.status());
            }
        } finally {
            for (Syncd s : daemons) {
                s.close();
                System.out.println("---- lvs-syncd " + s.name() + "\n" + s.log());
            }
            for (LabNamespace ns : nodes.reversed()) {
                ns.close();
            }
        }
    }
}
