package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.check.testserver.TcpServer;
import io.lvsj.keepalived.daemon.KeepalivedJ;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.lvsj.keepalived.lvs.HealthcheckersKernelTest.Conversation;
import static io.lvsj.keepalived.lvs.HealthcheckersKernelTest.echo;
import static io.lvsj.keepalived.lvs.LabCheckers.await;
import static io.lvsj.keepalived.lvs.LabCheckers.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real {@code bin/keepalived-j -n -l -f CONF} process as the director's daemon, with real
 * traffic: while a client holds long-lived connections and keeps opening new ones, a SIGHUP
 * that adds one real server and removes another leaves the connections to the untouched
 * server (and through another virtual server) working, their IPVS entries untouched, and every
 * new connection answered; with keepalived-j's {@code drain_on_reload}, the removed server's
 * connection lives on too. SIGTERM removes what the daemon added. The checker side runs the
 * FIFO readers: notify_fifo_script and lvs_notify_fifo_script read the checkers' lines, start
 * again at the reload and end at the stop, with their FIFOs.
 */
@KernelTest
class DaemonReloadKernelTest {
    static final Set<String> SERVERS_0_1 = lines("-A -t 203.0.113.10:7000 -s rr",
            "-a -t 203.0.113.10:7000 -r 198.51.100.2:7000 -m -w 1", "-a -t 203.0.113.10:7000 -r 198.51.100.6:7000 -m -w 1");
    static final Set<String> SERVERS_0_2 = lines("-A -t 203.0.113.10:7000 -s rr",
            "-a -t 203.0.113.10:7000 -r 198.51.100.2:7000 -m -w 1", "-a -t 203.0.113.10:7000 -r 198.51.100.10:7000 -m -w 1");

    /**
     * A second virtual server that no reload here touches: port 7001, to rs2's port 7001. (Not
     * rs2:7000, which the reload adds to port 7000: the client may open a connection to
     * VIP:7000 from the source port its 7001 connection uses, and the two would then be the
     * same connection at rs2:7000.)
     */
    static final String UNTOUCHED = "virtual_server 203.0.113.10 7001 {\n  delay_loop 1\n  lb_algo wlc\n"
            + "  lb_kind NAT\n  protocol TCP\n  real_server 198.51.100.10 7001 {\n    TCP_CHECK {\n"
            + "      connect_timeout 1\n      retry 0\n    }\n  }\n}\n";
    static final Set<String> UNTOUCHED_LINES = lines("-A -t 203.0.113.10:7001 -s wlc",
            "-a -t 203.0.113.10:7001 -r 198.51.100.10:7001 -m -w 1");

    static Set<String> with(Set<String> table, Set<String> more) {
        Set<String> all = new java.util.TreeSet<>(table);
        all.addAll(more);
        return all;
    }

    static String config(String extra, int... servers) {
        StringBuilder sb = new StringBuilder("virtual_server 203.0.113.10 7000 {\n  delay_loop 1\n  lb_algo rr\n"
                + "  lb_kind NAT\n  protocol TCP\n").append(extra);
        for (int i : servers) {
            sb.append("  real_server ").append(LabTopology.realServer(i).getHostAddress()).append(" 7000 {\n")
                    .append("    TCP_CHECK {\n      connect_timeout 1\n      retry 0\n      warmup 0\n    }\n  }\n");
        }
        return sb.append("}\n").toString();
    }

    /** notify_fifo and lvs_notify_fifo in {@code dir}, each with reader.sh reading it into ALL|LVS.reader. */
    static String fifos(Path dir) {
        return "global_defs {\n  notify_fifo " + dir + "/all.fifo\n  notify_fifo_script \"/bin/sh " + dir
                + "/reader.sh all\"\n  lvs_notify_fifo " + dir + "/lvs.fifo\n  lvs_notify_fifo_script \"/bin/sh "
                + dir + "/reader.sh lvs\"\n}\n";
    }

    static String reader(Path dir, String name) {
        Path f = dir.resolve(name + ".reader");
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sighupAddsAndRemovesServersWithoutBreakingTheOthers(LabNamespace director) throws Exception {
        Path dir = Files.createTempDirectory("kd-reload");
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(dir.resolve("reader.sh"), "echo \"start $1 pid $$\" >> \"${2%/*}/$1.reader\"\n"
                + "exec cat \"$2\" >> \"${2%/*}/$1.reader\"\n");
        Files.writeString(conf, fifos(dir) + config("", 0, 1) + UNTOUCHED);
        try (LabTopology t = LabTopology.build(director, 3);
             KeepalivedJ daemon = KeepalivedJ.start(director.name(), conf, dir.resolve("run"))) {
            List<TcpServer> servers = List.of(echo(t, 0, 7000), echo(t, 1, 7000), echo(t, 2, 7000),
                    echo(t, 2, 7001));
            daemon.awaitLog("Startup complete", Duration.ofSeconds(120));
            assertTrue(Files.exists(dir.resolve("run/keepalived_checkers.pid")), "the checkers run");
            assertFalse(Files.exists(dir.resolve("run/keepalived_vrrp.pid")), "nothing for VRRP: it is not started");
            assertEquals(Long.toString(daemon.pid()), Files.readString(dir.resolve("run/keepalived.pid")).strip());
            await("both servers in", Duration.ofSeconds(60),
                    () -> table(director).equals(with(SERVERS_0_1, UNTOUCHED_LINES)));
            await("both readers to start", Duration.ofSeconds(30),
                    () -> reader(dir, "all").startsWith("start all") && reader(dir, "lvs").startsWith("start lvs"));
            Conversation other = new Conversation(t, 7001);
            assertEquals("rs2", other.say("hello"));
            List<Conversation> held = new ArrayList<>();
            List<String> owners = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Conversation c = new Conversation(t, 7000);
                held.add(c);
                owners.add(c.say("hello"));
            }
            assertEquals(2, owners.stream().filter("rs0"::equals).count());

            // a client that keeps opening connections throughout the reload
            List<String> fresh = new CopyOnWriteArrayList<>();
            AtomicBoolean going = new AtomicBoolean(true);
            Thread client = Thread.ofVirtual().start(() -> {
                while (going.get()) {
                    try (Conversation c = new Conversation(t, 7000)) {
                        int port = ((java.net.InetSocketAddress) c.channel.getLocalAddress()).getPort();
                        String who = c.say("new");
                        fresh.add(who != null ? who : "unanswered, to " + destinationOf(director, port));
                    } catch (Exception e) {
                        fresh.add("failed: " + e.getMessage());
                    }
                }
            });
            Thread.sleep(1000);
            Files.writeString(conf, fifos(dir) + config("", 0, 2) + UNTOUCHED);
            int before = fresh.size();
            daemon.signal("HUP");
            await("reloaded", Duration.ofSeconds(30), () -> table(director).equals(with(SERVERS_0_2, UNTOUCHED_LINES)));
            int reloaded = fresh.size();
            String removed = "RS [198.51.100.6]:tcp:7000 [203.0.113.10]:tcp:7000 DOWN\n\0";
            await("the readers to start again and read the removed server's line", Duration.ofSeconds(30),
                    () -> List.of("all", "lvs").stream().allMatch(name -> reader(dir, name).split("start " + name).length == 3
                            && reader(dir, name).contains(removed)));
            Thread.sleep(4000); // longer than a conversation's 3 s timeout: connections are made after the reload
            going.set(false);
            client.join();

            for (int i = 0; i < held.size(); i++) {
                if (owners.get(i).equals("rs0")) {
                    assertEquals("rs0", held.get(i).say("still there?"), "a connection to the untouched server lives on");
                }
            }
            assertEquals("rs2", other.say("still there?"), "a connection through the untouched virtual server lives on");
            String listing = director.ipvsadm("-Ln").requireSuccess().stdout();
            assertTrue(listing.lines().anyMatch(l -> l.contains("198.51.100.2:7000") && l.trim().split("\\s+")[4]
                    .equals("2")), "the untouched destination still counts its 2 held connections:\n" + listing);
            assertTrue(listing.lines().dropWhile(l -> !l.contains("203.0.113.10:7001")).skip(1).findFirst()
                    .map(l -> l.contains("198.51.100.10:7001") && l.trim().split("\\s+")[4].equals("1")).orElse(false),
                    "the untouched virtual server's destination still counts its connection:\n" + listing);
            // The client is sequential, so one connection at most is under way when rs1 goes; if it
            // went to rs1 it breaks, as it does with keepalived (without drain_on_reload).
            // Every other new connection, during the reload and after it, is answered.
            List<String> during = fresh.subList(before, fresh.size());
            List<String> unanswered = during.stream().filter(w -> !w.matches("rs[012]")).toList();
            assertTrue(unanswered.isEmpty() || unanswered.equals(List.of("unanswered, to 198.51.100.6:7000")),
                    "every new connection was answered but one in flight to the removed server: " + during);
            List<String> after = fresh.subList(Math.min(reloaded + 1, fresh.size()), fresh.size());
            assertTrue(after.size() >= 3, "the client kept connecting after the reload: " + during);
            assertTrue(after.stream().allMatch(w -> w.equals("rs0") || w.equals("rs2")),
                    "after the reload, new connections go to rs0 and rs2 and are answered: " + after);
            for (Conversation c : held) {
                c.close();
            }
            other.close();

            assertEquals(0, daemon.stop(), daemon.log());
            assertEquals(lines(""), table(director), "SIGTERM removed what the daemon added");
            assertFalse(Files.exists(dir.resolve("run/keepalived.pid")), "pid files are removed at exit");
            assertFalse(Files.exists(dir.resolve("run/keepalived_checkers.pid")));
            for (String name : List.of("all", "lvs")) {
                String text = reader(dir, name);
                for (String pid : text.lines().filter(l -> l.startsWith("start")).map(l -> l.substring(l.lastIndexOf(' ') + 1))
                        .toList()) {
                    assertFalse(Files.exists(Path.of("/proc", pid)), name + "'s reader " + pid + " outlived the daemon");
                }
                assertFalse(Files.exists(dir.resolve(name + ".fifo")), "the FIFO keepalived-j made is removed");
            }
            for (TcpServer s : servers) {
                s.close();
            }
        } finally {
            System.out.println(Files.exists(dir.resolve("run/keepalived-j.log"))
                    ? Files.readString(dir.resolve("run/keepalived-j.log")) : "(no log)");
        }
    }

    @Test
    void drainOnReloadKeepsTheRemovedServersConnectionUntilItEnds(LabNamespace director) throws Exception {
        Path dir = Files.createTempDirectory("kd-drain");
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, config("  drain_on_reload 60\n", 0, 1));
        try (LabTopology t = LabTopology.build(director, 3);
             KeepalivedJ daemon = KeepalivedJ.start(director.name(), conf, dir.resolve("run"))) {
            List<TcpServer> servers = List.of(echo(t, 0, 7000), echo(t, 1, 7000), echo(t, 2, 7000));
            await("both servers in", Duration.ofSeconds(120), () -> table(director).equals(SERVERS_0_1));
            Conversation toRs1 = null;
            for (int i = 0; i < 4 && toRs1 == null; i++) {
                Conversation c = new Conversation(t, 7000);
                if ("rs1".equals(c.say("hello"))) {
                    toRs1 = c;
                } else {
                    c.close();
                }
            }
            assertTrue(toRs1 != null, "round robin gave a connection to rs1");

            Files.writeString(conf, config("  drain_on_reload 60\n", 0, 2));
            daemon.signal("HUP");
            Set<String> draining = lines("-A -t 203.0.113.10:7000 -s rr",
                    "-a -t 203.0.113.10:7000 -r 198.51.100.2:7000 -m -w 1",
                    "-a -t 203.0.113.10:7000 -r 198.51.100.6:7000 -m -w 0",
                    "-a -t 203.0.113.10:7000 -r 198.51.100.10:7000 -m -w 1");
            await("rs2 in, rs1 draining at weight 0", Duration.ofSeconds(30), () -> table(director).equals(draining));
            assertEquals("rs1", toRs1.say("still there?"), "the drained server's connection lives on");
            for (int i = 0; i < 4; i++) {
                try (Conversation c = new Conversation(t, 7000)) {
                    String who = c.say("new");
                    assertTrue("rs0".equals(who) || "rs2".equals(who), "new connections avoid the draining server: " + who);
                }
            }
            toRs1.close();
            await("the drained server goes once idle", Duration.ofSeconds(30),
                    () -> table(director).equals(SERVERS_0_2));
            assertEquals(0, daemon.stop(), daemon.log());
            for (TcpServer s : servers) {
                s.close();
            }
        } finally {
            System.out.println(Files.exists(dir.resolve("run/keepalived-j.log"))
                    ? Files.readString(dir.resolve("run/keepalived-j.log")) : "(no log)");
        }
    }

    /** Where IPVS sent the client's connection from {@code clientPort} ({@code ipvsadm -Lnc}), or "unknown". */
    static String destinationOf(LabNamespace director, int clientPort) {
        return director.ipvsadm("-Lnc").stdout().lines()
                .map(l -> l.trim().split("\\s+"))
                .filter(f -> f.length >= 6 && f[3].equals(LabTopology.CLIENT.getHostAddress() + ":" + clientPort))
                .map(f -> f[5]).findFirst().orElse("unknown");
    }

    static Set<String> table(LabNamespace ns) {
        return new java.util.TreeSet<>(java.util.Arrays.asList(ns.savedTable().split("\n")));
    }
}
