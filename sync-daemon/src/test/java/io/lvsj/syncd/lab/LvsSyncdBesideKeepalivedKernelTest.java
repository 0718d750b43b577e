package io.lvsj.syncd.lab;

import io.lvsj.lab.BackgroundProcess;
import io.lvsj.lab.Command;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import io.lvsj.sys.NetNamespace;
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
import static io.lvsj.syncd.lab.SyncTopology.daemons;
import static io.lvsj.syncd.lab.SyncTopology.debianKeepalived;
import static io.lvsj.syncd.lab.SyncTopology.established;
import static io.lvsj.syncd.lab.SyncTopology.holds;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * lvs-syncd beside Debian's keepalived 2.2.7: keepalived runs VRRP and, with
 * {@code lvs_sync_daemon lvsync0 VI_1}, the kernel's sync daemon on the sync link (master
 * while its instance is MASTER, backup otherwise); lvs-syncd ({@code kernel-daemons follow})
 * relays whatever runs there. The master dies (keepalived SIGKILLed, links cut), keepalived on
 * the backup takes the VIPs by VRRP and turns its sync daemon to master, and every connection
 * the client held still carries data both ways.
 */
@KernelTest
class LvsSyncdBesideKeepalivedKernelTest {
    static final int CONNECTIONS = 100;
    static final String VIP = "203.0.113.10";
    static final String GW = "198.51.100.1";

    static String keepalived(String router, int priority) {
        return """
                global_defs {
                  router_id %s
                  lvs_sync_daemon lvsync0 VI_1
                }
                vrrp_instance VI_1 {
                  state BACKUP
                  interface eth0
                  virtual_router_id 51
                  priority %d
                  advert_int 1
                  virtual_ipaddress {
                    %s/24 dev eth0
                    %s/24 dev eth1
                  }
                }
                """.formatted(router, priority, VIP, GW);
    }

    @Test
    void debianKeepalivedSwitchesTheSyncDaemonAndLvsSyncdRelaysIt(LabNamespace unused) throws Exception {
        Path dir = Files.createTempDirectory("lvs-syncd-keepalived");
        Path key = dir.resolve("cluster.key");
        ClusterKey.generate().write(key);
        List<Syncd> daemons = new ArrayList<>();
        List<BackgroundProcess> keepaliveds = new ArrayList<>();
        try (SyncTopology net = new SyncTopology()) {
            LabNamespace k1 = net.director("k1");
            LabNamespace k2 = net.director("k2");
            LabNamespace rs = net.realServer("rs", "198.51.100.11", GW);
            for (LabNamespace d : List.of(k1, k2)) {
                SyncTopology.service(d, VIP, "198.51.100.11", 8080);
            }
            // lvs-syncd first: it makes the sync link that keepalived's sync daemon runs on
            for (int i = 1; i <= 2; i++) {
                LabNamespace d = i == 1 ? k1 : k2;
                daemons.add(Syncd.start("k" + i, d.name(), dir.resolve("syncd" + i), key,
                        "bind " + SyncTopology.backAddress(i) + "\ncluster lab-keepalived\nkernel-daemons follow\n"));
                daemons.getLast().awaitLog("lvs-syncd ready", Duration.ofSeconds(120));
            }
            keepaliveds.add(debianKeepalived(k1, dir.resolve("k1"), keepalived("k1", 150)));
            await("k1 MASTER with the VIPs", Duration.ofSeconds(60), () -> holds(k1, VIP) && holds(k1, GW));
            keepaliveds.add(debianKeepalived(k2, dir.resolve("k2"), keepalived("k2", 100)));
            await("keepalived's sync daemons on the sync link", Duration.ofSeconds(60),
                    () -> daemons(k1).contains("master sync daemon (mcast=lvsync0")
                            && daemons(k2).contains("backup sync daemon (mcast=lvsync0"));
            try (EchoServer echo = new EchoServer(NetNamespace.named(rs.name()),
                    new InetSocketAddress(InetAddress.ofLiteral("198.51.100.11"), 8080));
                 ClientConnections conns = ClientConnections.open(NetNamespace.named(net.client.name()),
                         new InetSocketAddress(InetAddress.ofLiteral(VIP), 80), CONNECTIONS)) {
                await("k2 to learn every connection through lvs-syncd", Duration.ofSeconds(60),
                        () -> established(k2, VIP) == CONNECTIONS);

                // the master dies: keepalived (both processes) SIGKILLed, lvs-syncd too, links cut
                for (String pid : List.of("keepalived.pid", "vrrp.pid")) {
                    Command.run("kill", "-9", Files.readString(dir.resolve("k1").resolve(pid)).strip()).requireSuccess();
                }
                daemons.getFirst().kill();
                net.unplug(k1);
                Duration takeover = await("keepalived on k2 to take the VIPs", Duration.ofSeconds(60),
                        () -> holds(k2, VIP) && holds(k2, GW));
                int alive = conns.exchange("after-k1", Duration.ofSeconds(20));
                System.out.printf("beside Debian's keepalived: k2 took over %d ms after k1 died; %d of %d connections"
                        + " survive%n", takeover.toMillis(), alive, CONNECTIONS);
                assertEquals(CONNECTIONS, alive, "every connection survives keepalived's failover");
                await("keepalived to turn k2's sync daemon to master", Duration.ofSeconds(30),
                        () -> daemons(k2).contains("master sync daemon (mcast=lvsync0"));
                // lvs-syncd reads the kernel's daemons on its housekeeping tick: it follows within one
                await("lvs-syncd on k2 to follow the kernel's new master daemon", Duration.ofSeconds(10),
                        () -> daemons.getLast().status().contains("kernel master daemon: on the sync link"));
            }
        } finally {
            for (String k : List.of("k1", "k2")) {
                for (String pid : List.of("keepalived.pid", "vrrp.pid")) {
                    Path file = dir.resolve(k).resolve(pid);
                    if (Files.exists(file)) {
                        Command.run("kill", "-9", Files.readString(file).strip());
                    }
                }
            }
            for (BackgroundProcess k : keepaliveds) {
                k.close();
            }
            for (Syncd s : daemons) {
                s.close();
                System.out.println("---- lvs-syncd " + s.name() + "\n" + s.log());
            }
            for (String k : List.of("k1", "k2")) {
                Path log = dir.resolve(k).resolve("keepalived.log");
                if (Files.exists(log)) {
                    System.out.println("---- keepalived " + k + "\n" + Files.readString(log));
                }
            }
        }
    }
}
