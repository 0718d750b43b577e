package io.lvsj.syncd.lab;

import io.lvsj.sys.NetNamespace;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import io.lvsj.syncd.cluster.ClusterKey;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.lvsj.syncd.lab.SyncTopology.await;
import static io.lvsj.syncd.lab.SyncTopology.established;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Connections that survive a director's death, with lvs-syncd and with the kernel's own sync
 * side by side in one run. Two groups of three NAT directors serve one client: group L syncs
 * through lvs-syncd (multicast cluster on the back segment), group K through the kernel's own
 * sync daemons (master on d1, backups on d2 and d3, on the back segment). The client holds
 * 200 established connections through each group's VIP. The third director of each group
 * starts only after the connections were made (a late join). Then the first director dies
 * (lvs-syncd SIGKILLed, links cut) and the second takes over; then the second dies and the
 * late one takes over. After each takeover every connection must carry an echo both ways.
 */
@KernelTest
class LvsSyncdFailoverKernelTest {
    static final int CONNECTIONS = 200;
    static final String VIP_L = "203.0.113.10";
    static final String VIP_K = "203.0.113.20";
    static final String GW_L = "198.51.100.1";
    static final String GW_K = "198.51.100.2";

    static String multicastConfig(int director) {
        return "bind " + SyncTopology.backAddress(director) + "\ncluster lab-failover\nstate-timeout 120\n";
    }

    @Test
    void connectionsSurviveFailoverAndALateJoinWithLvsSyncdButNotALateJoinWithTheKernelsSync(LabNamespace unused)
            throws Exception {
        Path dir = Files.createTempDirectory("lvs-syncd-failover");
        Path key = dir.resolve("cluster.key");
        ClusterKey.generate().write(key);
        List<Syncd> daemons = new ArrayList<>();
        try (SyncTopology net = new SyncTopology()) {
            LabNamespace d1 = net.director("d1");
            LabNamespace d2 = net.director("d2");
            LabNamespace d3 = net.director("d3");
            LabNamespace k1 = net.director("k1");
            LabNamespace k2 = net.director("k2");
            LabNamespace k3 = net.director("k3");
            LabNamespace rsL = net.realServer("rsl", "198.51.100.11", GW_L);
            LabNamespace rsK = net.realServer("rsk", "198.51.100.12", GW_K);
            for (LabNamespace d : List.of(d1, d2, d3)) {
                SyncTopology.service(d, VIP_L, "198.51.100.11", 8080);
            }
            for (LabNamespace d : List.of(k1, k2, k3)) {
                SyncTopology.service(d, VIP_K, "198.51.100.12", 8080);
            }
            net.takeOver(d1, VIP_L, GW_L, rsL);
            net.takeOver(k1, VIP_K, GW_K, rsK);
            k1.ipvsadm("--start-daemon", "master", "--mcast-interface", "eth1", "--syncid", "20").requireSuccess();
            k2.ipvsadm("--start-daemon", "backup", "--mcast-interface", "eth1", "--syncid", "20").requireSuccess();

            Syncd s1 = Syncd.start("d1", d1.name(), dir.resolve("d1"), key, multicastConfig(1));
            daemons.add(s1);
            s1.awaitLog("lvs-syncd ready", Duration.ofSeconds(120));
            Syncd s2 = Syncd.start("d2", d2.name(), dir.resolve("d2"), key, multicastConfig(2));
            daemons.add(s2);
            Duration joined = s2.awaitLog("lvs-syncd ready", Duration.ofSeconds(120));
            System.out.println("d2's lvs-syncd ready " + joined.toMillis() + " ms after start");

            try (EchoServer echoL = new EchoServer(NetNamespace.named(rsL.name()), new InetSocketAddress(InetAddress.ofLiteral("198.51.100.11"), 8080));
                 EchoServer echoK = new EchoServer(NetNamespace.named(rsK.name()), new InetSocketAddress(InetAddress.ofLiteral("198.51.100.12"), 8080));
                 ClientConnections viaL = ClientConnections.open(NetNamespace.named(net.client.name()),
                         new InetSocketAddress(InetAddress.ofLiteral(VIP_L), 80), CONNECTIONS);
                 ClientConnections viaK = ClientConnections.open(NetNamespace.named(net.client.name()),
                         new InetSocketAddress(InetAddress.ofLiteral(VIP_K), 80), CONNECTIONS)) {
                Duration synced = await("d2 and k2 to learn every connection", Duration.ofSeconds(60),
                        () -> established(d2, VIP_L) == CONNECTIONS && established(k2, VIP_K) == CONNECTIONS);
                System.out.println("the backups knew all " + CONNECTIONS + " connections " + synced.toMillis()
                        + " ms after they were made (lvs-syncd on d2, the kernel's sync on k2)");

                // the late joiners start now, after the connections were made
                k3.ipvsadm("--start-daemon", "backup", "--mcast-interface", "eth1", "--syncid", "20").requireSuccess();
                Syncd s3 = Syncd.start("d3", d3.name(), dir.resolve("d3"), key, multicastConfig(3));
                daemons.add(s3);
                Duration late = s3.awaitLog("lvs-syncd ready", Duration.ofSeconds(120));
                System.out.println("late d3 ready " + late.toMillis() + " ms after start: " + s3.log().lines()
                        .filter(l -> l.contains("Received the connection table") || l.contains("Injected")).toList());
                await("d3's kernel to have the table", Duration.ofSeconds(30), () -> established(d3, VIP_L) == CONNECTIONS);
                assertEquals(0, established(k3, VIP_K), "the kernel's sync gives a late backup nothing");

                // the first director dies; the second takes over
                s1.kill();
                net.unplug(d1);
                net.unplug(k1);
                net.takeOver(d2, VIP_L, GW_L, rsL);
                net.takeOver(k2, VIP_K, GW_K, rsK);
                int lFirst = viaL.exchange("after-d1", Duration.ofSeconds(20));
                int kFirst = viaK.exchange("after-k1", Duration.ofSeconds(20));
                System.out.printf("failover to the backup that ran all along: %d of %d connections survive with"
                        + " lvs-syncd, %d of %d with the kernel's sync alone%n", lFirst, CONNECTIONS, kFirst, CONNECTIONS);

                // the second dies; the late joiner takes over
                s2.kill();
                net.unplug(d2);
                net.unplug(k2);
                net.takeOver(d3, VIP_L, GW_L, rsL);
                net.takeOver(k3, VIP_K, GW_K, rsK);
                int lLate = viaL.exchange("after-d2", Duration.ofSeconds(20));
                int kLate = viaK.exchange("after-k2", Duration.ofSeconds(20));
                System.out.printf("failover to the backup that started late: %d of %d connections survive with"
                        + " lvs-syncd, %d of %d with the kernel's sync alone%n", lLate, CONNECTIONS, kLate, CONNECTIONS);

                assertEquals(CONNECTIONS, lFirst, "lvs-syncd: every connection survives the failover");
                assertEquals(CONNECTIONS, lLate, "lvs-syncd: every connection survives onto the late joiner");
                assertEquals(0, kLate, "the kernel's sync alone: none survive onto the late joiner");
                System.out.println("---- d3 status\n" + s3.status());
                assertEquals(0, s3.stop(), "SIGTERM stops lvs-syncd cleanly");
                assertEquals("master sync daemon (mcast=lvsync0, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n"
                                + "backup sync daemon (mcast=lvsync0, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n",
                        d3.ipvsadm("-L", "--daemon").stdout(), "and leaves the kernel's sync daemons running");
            }
        } finally {
            for (Syncd s : daemons) {
                s.close();
                System.out.println("---- lvs-syncd " + s.name() + "\n" + s.log());
            }
        }
    }
}
