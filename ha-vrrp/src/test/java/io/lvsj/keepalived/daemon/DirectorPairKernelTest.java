package io.lvsj.keepalived.daemon;

import io.lvsj.keepalived.check.testserver.HttpServer;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A director pair, each director running one {@code bin/keepalived-j} process with VRRP and
 * the health checkers from the same keepalived.conf (only the priority differs), with real
 * HTTP traffic from a client through the VIP (NAT to three real servers):
 * <ul>
 *   <li>the master holds the VIP and the real servers' gateway, and its IPVS table serves;</li>
 *   <li>the backup's checkers have populated its table too, and its kernel sync daemon is the
 *       backup while the master's is the master ({@code lvs_sync_daemon});</li>
 *   <li>a real server that dies is removed on the master (and on the backup);</li>
 *   <li>when the master dies (process killed, links down), the backup takes the VIP, its
 *       table serves at once, and its sync daemon becomes master.</li>
 * </ul>
 */
@KernelTest
class DirectorPairKernelTest {
    static final Set<String> THREE = table("198.51.100.11", "198.51.100.12", "198.51.100.13");
    static final Set<String> WITHOUT_RS1 = table("198.51.100.11", "198.51.100.13");

    static Set<String> table(String... realServers) {
        Set<String> lines = new TreeSet<>();
        lines.add("-A -t 203.0.113.10:80 -s rr");
        for (String rs : realServers) {
            lines.add("-a -t 203.0.113.10:80 -r " + rs + ":80 -m -w 1");
        }
        return lines;
    }

    static Set<String> table(LabNamespace director) {
        return new TreeSet<>(Arrays.asList(director.savedTable().split("\n")));
    }

    static String config(int priority) {
        return """
                global_defs {
                  router_id lab
                  lvs_sync_daemon eth1 VI_1
                }
                vrrp_instance VI_1 {
                  state BACKUP
                  interface eth0
                  virtual_router_id 51
                  priority %d
                  advert_int 1
                  virtual_ipaddress {
                    203.0.113.10/24 dev eth0
                    198.51.100.1/24 dev eth1
                  }
                }
                virtual_server 203.0.113.10 80 {
                  delay_loop 1
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                %s}
                """.formatted(priority, realServers());
    }

    static String realServers() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            s.append("  real_server ").append(DirectorPair.realServer(i).getHostAddress()).append(" 80 {\n")
                    .append("    HTTP_GET {\n      url {\n        path /\n        status_code 200\n      }\n")
                    .append("      connect_timeout 1\n      retry 0\n    }\n  }\n");
        }
        return s.toString();
    }

    static HttpServer web(DirectorPair pair, int i) throws Exception {
        return pair.realServerNets.get(i).call(() -> HttpServer.plain(
                new InetSocketAddress(DirectorPair.realServer(i), 80), line -> HttpServer.response(200, "rs" + i)));
    }

    static Duration await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError("timed out after " + limit + " waiting for: " + what);
            }
            Thread.sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    Set<String> answers(DirectorPair pair, int requests) throws Exception {
        Set<String> who = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            who.add(pair.get());
        }
        return who;
    }

    @Test
    void vrrpAndCheckersInOneProcessFailOverWithTheService() throws Exception {
        Path dir = Files.createTempDirectory("kd-pair");
        List<KeepalivedJ> daemons = new ArrayList<>();
        try (DirectorPair pair = new DirectorPair(3)) {
            List<HttpServer> web = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                web.add(web(pair, i));
            }
            for (int d = 1; d <= 2; d++) {
                Path conf = dir.resolve("dir" + d + ".conf");
                Files.writeString(conf, config(d == 1 ? 150 : 100));
                daemons.add(KeepalivedJ.start(pair.director(d).name(), conf, dir.resolve("dir" + d)));
            }
            KeepalivedJ master = daemons.get(0);
            KeepalivedJ backup = daemons.get(1);
            master.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(120));
            backup.awaitLog("Startup complete", Duration.ofSeconds(120));
            for (KeepalivedJ k : daemons) {
                assertTrue(Files.exists(k.directory().resolve("keepalived_vrrp.pid")), "VRRP runs");
                assertTrue(Files.exists(k.directory().resolve("keepalived_checkers.pid")), "the checkers run");
                String pid = Long.toString(k.pid());
                assertEquals(pid, Files.readString(k.directory().resolve("keepalived_vrrp.pid")).strip(), "one process");
                assertEquals(pid, Files.readString(k.directory().resolve("keepalived_checkers.pid")).strip());
            }

            // the master holds the VIPs; both tables are populated by their own checkers
            assertTrue(pair.holds(1, "203.0.113.10") && pair.holds(1, "198.51.100.1"), "the master has both VIPs");
            assertFalse(pair.holds(2, "203.0.113.10") || pair.holds(2, "198.51.100.1"), "the backup has neither");
            await("the master's table", Duration.ofSeconds(60), () -> table(pair.director(1)).equals(THREE));
            await("the backup's table", Duration.ofSeconds(60), () -> table(pair.director(2)).equals(THREE));
            assertEquals(Set.of("rs0", "rs1", "rs2"), answers(pair, 6), "the master balances over all three");
            await("sync daemons follow VRRP", Duration.ofSeconds(20),
                    () -> syncDaemon(pair.director(1)).contains("master sync daemon")
                            && syncDaemon(pair.director(2)).contains("backup sync daemon"));

            // a real server dies: HTTP_GET fails and the master (and the backup) remove it
            web.get(1).close();
            Duration removed = await("rs1 removed on the master", Duration.ofSeconds(30),
                    () -> table(pair.director(1)).equals(WITHOUT_RS1));
            await("rs1 removed on the backup", Duration.ofSeconds(30),
                    () -> table(pair.director(2)).equals(WITHOUT_RS1));
            assertTrue(master.log().contains("Removing service [198.51.100.12]:tcp:80 from VS [203.0.113.10]:tcp:80"),
                    master.log());
            assertEquals(Set.of("rs0", "rs2"), answers(pair, 4));
            System.out.println("rs1 removed on the master " + removed.toMillis() + " ms after it died");

            // the master dies: its process is killed and its links go down
            master.kill();
            pair.unplug(1);
            Duration takeover = await("the backup takes the VIPs", Duration.ofSeconds(30),
                    () -> pair.holds(2, "203.0.113.10") && pair.holds(2, "198.51.100.1"));
            System.out.println("backup holds the VIPs " + takeover.toMillis() + " ms after the master died");
            backup.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(5));
            assertEquals(WITHOUT_RS1, table(pair.director(2)), "the new master's table was already there");
            await("traffic through the new master", Duration.ofSeconds(20), () -> {
                try {
                    return answers(pair, 4).equals(Set.of("rs0", "rs2"));
                } catch (Exception e) {
                    return false;
                }
            });
            await("its sync daemon is now the master", Duration.ofSeconds(20),
                    () -> syncDaemon(pair.director(2)).contains("master sync daemon"));

            assertEquals(0, backup.stop(), backup.log());
            assertEquals(Set.of(""), table(pair.director(2)), "a stopped keepalived-j removes what it added");
            assertFalse(pair.holds(2, "203.0.113.10"), "and its VIPs");
            assertEquals("", syncDaemon(pair.director(2)).strip(), "and stops the sync daemon");
            for (HttpServer s : web) {
                s.close();
            }
        } finally {
            for (KeepalivedJ k : daemons) {
                k.close();
                System.out.println("---- " + k.directory() + "\n" + k.log());
            }
        }
    }

    static String syncDaemon(LabNamespace director) {
        return director.ipvsadm("-L", "--daemon").stdout();
    }
}
