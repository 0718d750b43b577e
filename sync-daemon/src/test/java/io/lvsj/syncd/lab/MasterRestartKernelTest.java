package io.lvsj.syncd.lab;

import io.lvsj.lab.BackgroundProcess;
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
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.lvsj.syncd.lab.SyncTopology.await;
import static io.lvsj.syncd.lab.SyncTopology.established;
import static io.lvsj.syncd.lab.SyncTopology.holds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: a restart of the master director's keepalived-j, as an RPM upgrade or
 * {@code systemctl restart keepalived-j} does it (SIGTERM, wait for the exit, start again),
 * while a client holds established connections through the VIP, with lvs-syncd on both
 * directors ({@code kernel-daemons follow}, keepalived-j's {@code lvs_sync_daemon lvsync0}).
 *
 * <p>The stop hands the VIPs to the backup at once (a priority 0 advert) and removes the
 * master's IPVS services; the backup serves every connection only because lvs-syncd gave its
 * kernel each one (without sync the backup's kernel knows none of them, and the client's next
 * segment is answered with a reset: the count after the stop is what would drop). The
 * restarted keepalived-j comes back as backup, lvs-syncd gives its kernel's backup daemon the
 * table, and with its higher priority it preempts: every connection must carry data again.
 * Both directors' VIPs are sampled all along: at no sample do both hold the VIP for longer
 * than a takeover takes, and at the end exactly one holds it.
 */
@KernelTest
class MasterRestartKernelTest {
    static final int CONNECTIONS = 100;
    static final String VIP = "203.0.113.10";
    static final String GW = "198.51.100.1";
    static final String REAL_SERVER = "198.51.100.11";

    static String keepalivedConf(String router, int priority) {
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
                virtual_server %s 80 {
                  delay_loop 1
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                  real_server %s 8080 {
                    TCP_CHECK {
                      connect_timeout 1
                    }
                  }
                }
                """.formatted(router, priority, VIP, GW, VIP, REAL_SERVER);
    }

    /** The checkout's {@code bin/keepalived-j} in {@code director}'s namespace, as its unit runs it (in the foreground). */
    static BackgroundProcess keepalivedJ(LabNamespace director, Path conf, Path dir) throws IOException {
        Files.createDirectories(dir);
        return BackgroundProcess.start("keepalived-j " + dir.getFileName(), List.of("ip", "netns", "exec",
                        director.name(), Syncd.repositoryRoot().resolve("bin/keepalived-j").toString(),
                        "-n", "-l", "-D", "-G", "-f", conf.toString(),
                        "-p", dir.resolve("keepalived.pid").toString(),
                        "-r", dir.resolve("keepalived_vrrp.pid").toString(),
                        "-c", dir.resolve("keepalived_checkers.pid").toString()),
                dir.resolve("keepalived-j.log"), Map.of("TMPDIR", dir.toString()));
    }

    /** Samples both directors' VIPs every 100 ms; the longest run of samples in which both held it. */
    static final class DoubleVipWatch implements AutoCloseable {
        final AtomicInteger longestBoth = new AtomicInteger();
        final AtomicInteger samples = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        DoubleVipWatch(LabNamespace a, LabNamespace b) {
            thread = Thread.ofPlatform().daemon().start(() -> {
                int run = 0;
                while (running.get()) {
                    run = holds(a, VIP) && holds(b, VIP) ? run + 1 : 0;
                    longestBoth.accumulateAndGet(run, Math::max);
                    samples.incrementAndGet();
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }

    @Test
    void restartingTheMastersKeepalivedJLosesNoEstablishedConnection(LabNamespace unused) throws Exception {
        Path dir = Files.createTempDirectory("master-restart");
        Path key = dir.resolve("cluster.key");
        ClusterKey.generate().write(key);
        List<Syncd> daemons = new ArrayList<>();
        List<BackgroundProcess> keepaliveds = new ArrayList<>();
        try (SyncTopology net = new SyncTopology();
             // up before keepalived-j starts, so its TCP_CHECK finds the real server at once
             EchoServer echo = new EchoServer(NetNamespace.named(net.realServer("rs", REAL_SERVER, GW).name()),
                     new InetSocketAddress(InetAddress.ofLiteral(REAL_SERVER), 8080))) {
            LabNamespace k1 = net.director("k1");
            LabNamespace k2 = net.director("k2");
            Files.writeString(dir.resolve("k1.conf"), keepalivedConf("k1", 150));
            Files.writeString(dir.resolve("k2.conf"), keepalivedConf("k2", 100));
            // lvs-syncd first (its unit runs before keepalived-j's): it makes the sync link lvsync0
            for (int i = 1; i <= 2; i++) {
                daemons.add(Syncd.start("k" + i, (i == 1 ? k1 : k2).name(), dir.resolve("syncd" + i), key,
                        "bind " + SyncTopology.backAddress(i) + "\ncluster lab-restart\nkernel-daemons follow\n"));
                daemons.getLast().awaitLog("lvs-syncd ready", Duration.ofSeconds(120));
            }
            keepaliveds.add(keepalivedJ(k1, dir.resolve("k1.conf"), dir.resolve("k1")));
            keepaliveds.add(keepalivedJ(k2, dir.resolve("k2.conf"), dir.resolve("k2")));
            await("k1 MASTER with the VIPs, k2 backup", Duration.ofSeconds(120),
                    () -> holds(k1, VIP) && holds(k1, GW) && !holds(k2, VIP)
                            && k1.ipvsadm("-Ln").stdout().contains(REAL_SERVER + ":8080")
                            && k2.ipvsadm("-Ln").stdout().contains(REAL_SERVER + ":8080"));
            await("the kernel's sync daemons on the sync link", Duration.ofSeconds(60),
                    () -> k1.ipvsadm("-L", "--daemon").stdout().contains("master sync daemon (mcast=lvsync0")
                            && k2.ipvsadm("-L", "--daemon").stdout().contains("backup sync daemon (mcast=lvsync0"));
            try (ClientConnections conns = ClientConnections.open(NetNamespace.named(net.client.name()),
                         new InetSocketAddress(InetAddress.ofLiteral(VIP), 80), CONNECTIONS);
                 DoubleVipWatch watch = new DoubleVipWatch(k1, k2)) {
                await("k2 to learn every connection through lvs-syncd", Duration.ofSeconds(60),
                        () -> established(k2, VIP) == CONNECTIONS);

                // systemctl restart: SIGTERM, the exit, a new process
                long stopAt = System.nanoTime();
                assertEquals(0, keepaliveds.getFirst().stop(Duration.ofSeconds(60)), keepaliveds.getFirst().log());
                assertTrue(keepaliveds.getFirst().log().contains("Stopping"), keepaliveds.getFirst().log());
                Duration takeover = await("k2 to take the VIPs", Duration.ofSeconds(30),
                        () -> holds(k2, VIP) && holds(k2, GW) && !holds(k1, VIP));
                int onBackup = conns.exchange("on-k2", Duration.ofSeconds(20));
                keepaliveds.add(keepalivedJ(k1, dir.resolve("k1.conf"), dir.resolve("k1-restarted")));
                Duration back = await("the restarted k1 to take the VIPs back", Duration.ofSeconds(120),
                        () -> holds(k1, VIP) && holds(k1, GW) && !holds(k2, VIP) && !holds(k2, GW));
                long restartMs = (System.nanoTime() - stopAt) / 1_000_000;
                int onRestarted = conns.exchange("on-k1-again", Duration.ofSeconds(20));
                Thread.sleep(2000); // a VIP left behind on k2 would show by now
                System.out.printf("master restart: k2 took over %d ms after the stop, %d of %d connections carried"
                                + " data there; k1 was master again %d ms later (%d ms after the stop), %d of %d"
                                + " connections carried data; both held the VIP for at most %d of %d samples (100 ms)%n",
                        takeover.toMillis(), onBackup, CONNECTIONS, back.toMillis(), restartMs, onRestarted,
                        CONNECTIONS, watch.longestBoth.get(), watch.samples.get());
                assertEquals(CONNECTIONS, onBackup, "every connection carries data through the backup after the stop");
                assertEquals(CONNECTIONS, onRestarted, "every connection carries data through the restarted master");
                assertTrue(holds(k1, VIP) && !holds(k2, VIP) && !holds(k2, GW), "the VIPs are on k1 alone");
                assertTrue(watch.longestBoth.get() <= 10, "both directors held the VIP for "
                        + watch.longestBoth.get() + " samples in a row (100 ms each)");
                System.out.println("---- k1's lvs-syncd after the restart\n" + daemons.getFirst().status());
            }
            assertEquals(0, keepaliveds.getLast().stop(Duration.ofSeconds(60)), keepaliveds.getLast().log());
        } finally {
            for (BackgroundProcess k : keepaliveds) {
                k.close();
                System.out.println("---- keepalived-j\n" + k.log());
            }
            for (Syncd s : daemons) {
                s.close();
                System.out.println("---- lvs-syncd " + s.name() + "\n" + s.log());
            }
        }
    }
}
