package io.lvsj.syncd.lab;

import io.lvsj.lab.BackgroundProcess;
import io.lvsj.lab.Command;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import io.lvsj.sys.NetNamespace;
import io.lvsj.syncd.cluster.ClusterKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.lvsj.syncd.lab.SyncTopology.await;
import static io.lvsj.syncd.lab.SyncTopology.debianKeepalived;
import static io.lvsj.syncd.lab.SyncTopology.established;
import static io.lvsj.syncd.lab.SyncTopology.holds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FullNAT connections survive the master's death when lvs-syncd relays their conntrack
 * entries, and (same run, same directors) break when it does not. Two directors do FullNAT
 * by the stock recipe for two services: IPVS NAT, {@code net.ipv4.vs.conntrack=1}, and
 * iptables-legacy source NAT to a local address per service, {@code --random-fully} as LVS-J's
 * FullNAT makes it. The real servers have no route to the client. Debian's keepalived moves
 * the VIPs (front) and the LIPs (back) by VRRP. lvs-syncd runs on both directors and relays
 * the IPVS connections of both services; its {@code fullnat-service} line names service C
 * only, so only C's conntrack entries reach the backup. The client holds 100 established
 * connections through each VIP: half made before the backup's lvs-syncd starts (it gets them
 * by state transfer), half after (it gets them as the master's kernel reports them). The
 * master dies (keepalived and lvs-syncd SIGKILLed, links cut); after keepalived's takeover
 * every connection of C still carries data both ways, and those of N are gone: the backup's
 * own source NAT picked other ports.
 */
@KernelTest
class LvsSyncdFullNatKernelTest {
    static final int CONNECTIONS = 100;
    static final String VIP_C = "203.0.113.10";
    static final String VIP_N = "203.0.113.20";
    static final String RS_C = "198.51.100.11";
    static final String RS_N = "198.51.100.12";
    static final String LIP_C = "198.51.100.50";
    static final String LIP_N = "198.51.100.60";

    static String keepalived(String router, int priority) {
        return """
                global_defs {
                  router_id %s
                }
                vrrp_instance VI_1 {
                  state BACKUP
                  interface eth0
                  virtual_router_id 61
                  priority %d
                  advert_int 1
                  virtual_ipaddress {
                    %s/24 dev eth0
                    %s/24 dev eth0
                    %s/24 dev eth1
                    %s/24 dev eth1
                  }
                }
                """.formatted(router, priority, VIP_C, VIP_N, LIP_C, LIP_N);
    }

    static String syncd(int director) {
        return "bind " + SyncTopology.backAddress(director) + "\ncluster lab-fullnat\nstate-timeout 120\n"
                + "fullnat-service tcp " + VIP_C + ":80\nlocal-address " + LIP_C + "\n";
    }

    /** FullNAT by the stock recipe: an IPVS NAT service and source NAT of its connections to the LIP. */
    static void fullNat(LabNamespace director, String vip, String realServer, String lip) {
        SyncTopology.service(director, vip, realServer, 8080);
        director.run("iptables-legacy", "-t", "nat", "-A", "POSTROUTING", "-m", "ipvs", "--vaddr", vip + "/32",
                "--vport", "80", "-j", "SNAT", "--to-source", lip, "--random-fully").requireSuccess();
    }

    /** Entries of {@code vip}'s connections in the director's conntrack table whose replies go to {@code lip}. */
    static int tracked(LabNamespace director, String vip, String lip) {
        int n = 0;
        for (String line : director.run("conntrack", "-L", "-p", "tcp", "-d", vip).stdout().split("\n")) {
            if (line.contains(" ESTABLISHED ") && line.contains(" dst=" + lip + " ")) {
                n++;
            }
        }
        return n;
    }

    @Test
    void fullNatConnectionsSurviveTheMastersDeathWithConntrackSyncAndBreakWithout(LabNamespace unused)
            throws Exception {
        Path dir = Files.createTempDirectory("lvs-syncd-fullnat");
        Path key = dir.resolve("cluster.key");
        ClusterKey.generate().write(key);
        List<Syncd> daemons = new ArrayList<>();
        List<BackgroundProcess> keepaliveds = new ArrayList<>();
        try (SyncTopology net = new SyncTopology()) {
            LabNamespace d1 = net.director("d1");
            LabNamespace d2 = net.director("d2");
            LabNamespace rsC = net.realServer("rsc", RS_C, null);
            LabNamespace rsN = net.realServer("rsn", RS_N, null);
            for (LabNamespace d : List.of(d1, d2)) {
                d.run("sysctl", "-qw", "net.ipv4.vs.conntrack=1").requireSuccess();
                fullNat(d, VIP_C, RS_C, LIP_C);
                fullNat(d, VIP_N, RS_N, LIP_N);
            }
            daemons.add(Syncd.start("d1", d1.name(), dir.resolve("syncd1"), key, syncd(1)));
            daemons.getLast().awaitLog("lvs-syncd ready", Duration.ofSeconds(120));
            keepaliveds.add(debianKeepalived(d1, dir.resolve("d1"), keepalived("d1", 150)));
            await("d1 MASTER with the VIPs and LIPs", Duration.ofSeconds(60), () -> holds(d1, VIP_C) && holds(d1, LIP_N));
            keepaliveds.add(debianKeepalived(d2, dir.resolve("d2"), keepalived("d2", 100)));
            NetNamespace client = NetNamespace.named(net.client.name());
            InetSocketAddress serviceC = new InetSocketAddress(InetAddress.ofLiteral(VIP_C), 80);
            InetSocketAddress serviceN = new InetSocketAddress(InetAddress.ofLiteral(VIP_N), 80);
            int half = CONNECTIONS / 2;
            try (EchoServer echoC = new EchoServer(NetNamespace.named(rsC.name()), new InetSocketAddress(InetAddress.ofLiteral(RS_C), 8080));
                 EchoServer echoN = new EchoServer(NetNamespace.named(rsN.name()), new InetSocketAddress(InetAddress.ofLiteral(RS_N), 8080));
                 ClientConnections earlyC = ClientConnections.open(client, serviceC, half);
                 ClientConnections earlyN = ClientConnections.open(client, serviceN, half)) {
                // the backup's lvs-syncd starts late: the first half reaches it by state transfer
                daemons.add(Syncd.start("d2", d2.name(), dir.resolve("syncd2"), key, syncd(2)));
                daemons.getLast().awaitLog("lvs-syncd ready", Duration.ofSeconds(120));
                await("d2 to have the early half", Duration.ofSeconds(30), () -> tracked(d2, VIP_C, LIP_C) == half);
                try (ClientConnections lateC = ClientConnections.open(client, serviceC, CONNECTIONS - half);
                     ClientConnections lateN = ClientConnections.open(client, serviceN, CONNECTIONS - half)) {
                    assertEquals(CONNECTIONS, tracked(d1, VIP_C, LIP_C), "FullNAT: the master's replies go to the LIP");
                    Duration synced = await("d2 to have every IPVS connection of both services and C's conntrack entries",
                            Duration.ofSeconds(60), () -> established(d2, VIP_C) == CONNECTIONS
                                    && established(d2, VIP_N) == CONNECTIONS && tracked(d2, VIP_C, LIP_C) == CONNECTIONS);
                    System.out.println("d2 had all " + CONNECTIONS + " conntrack entries of C " + synced.toMillis()
                            + " ms after the late half was made");
                    assertEquals(0, tracked(d2, VIP_N, LIP_N), "N's entries are not relayed: it is no fullnat-service");
                    String before = d1.run("conntrack", "-L", "-p", "tcp", "-d", VIP_C).stdout().lines().findFirst().orElse("");
                    String port = before.replaceAll(".* dport=(\\d+) .*", "$1");
                    System.out.println("on d1: " + before + "\non d2: " + d2.run("conntrack", "-L", "-p", "tcp", "-d", VIP_C,
                            "--reply-port-dst", port).stdout().strip());
                    failOver(net, d1, d2, dir, daemons, List.of(earlyC, lateC), List.of(earlyN, lateN));
                }
            }
        } finally {
            for (String k : List.of("d1", "d2")) {
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
        }
    }

    /** d1 dies as a machine does; keepalived on d2 takes over; C's connections live on, N's do not. */
    private static void failOver(SyncTopology net, LabNamespace d1, LabNamespace d2, Path dir, List<Syncd> daemons,
                                 List<ClientConnections> viaC, List<ClientConnections> viaN) throws Exception {
        for (String pid : List.of("keepalived.pid", "vrrp.pid")) {
            Command.run("kill", "-9", Files.readString(dir.resolve("d1").resolve(pid)).strip()).requireSuccess();
        }
        daemons.getFirst().kill();
        net.unplug(d1);
        Duration takeover = await("keepalived on d2 to take the VIPs and LIPs", Duration.ofSeconds(60),
                () -> holds(d2, VIP_C) && holds(d2, LIP_C) && holds(d2, LIP_N));
        int aliveC = exchange(viaC, "after-d1");
        int aliveN = exchange(viaN, "after-d1");
        System.out.printf("FullNAT failover %d ms after d1 died: %d of %d connections survive with conntrack"
                + " sync, %d of %d without%n", takeover.toMillis(), aliveC, CONNECTIONS, aliveN, CONNECTIONS);
        String status = daemons.getLast().status();
        System.out.println("---- d2 status\n" + status);
        assertEquals(CONNECTIONS, aliveC, "with conntrack sync every FullNAT connection survives");
        // --random-fully: the backup's own source NAT keeps a connection's port by a 1 in 64,000 chance
        assertTrue(aliveN <= 2, "without it they break: " + aliveN + " survived");
        assertEquals(CONNECTIONS, exchange(viaC, "again"), "and go on working");
        assertTrue(status.contains("conntrack relay: 1 service, 1 local address"), status);
        assertTrue(status.contains("conntrack entries: " + CONNECTIONS), status);
        assertTrue(status.contains(", " + CONNECTIONS / 2 + " by state transfer"), status);
    }

    private static int exchange(List<ClientConnections> groups, String word) throws IOException {
        int alive = 0;
        for (ClientConnections g : groups) {
            alive += g.exchange(word, Duration.ofSeconds(20));
        }
        return alive;
    }
}
