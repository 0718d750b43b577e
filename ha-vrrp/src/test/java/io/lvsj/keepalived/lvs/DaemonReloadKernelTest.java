package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.check.testserver.TcpServer;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.lvsj.keepalived.lvs.HealthcheckersKernelTest.Conversation;
import static io.lvsj.keepalived.lvs.HealthcheckersKernelTest.echo;
import static io.lvsj.keepalived.lvs.LabCheckers.await;
import static io.lvsj.keepalived.lvs.LabCheckers.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGHUP on the checker process with real traffic: while a client holds long-lived
 * connections and keeps opening new ones, a reload that adds one real server and removes
 * another leaves the connections to the untouched server working, its IPVS entry untouched,
 * and every new connection answered. Then SIGTERM removes what the process added.
 */
@KernelTest
class DaemonReloadKernelTest {
    static String config(int... servers) {
        StringBuilder sb = new StringBuilder("virtual_server 203.0.113.10 7000 {\n  delay_loop 1\n  lb_algo rr\n"
                + "  lb_kind NAT\n  protocol TCP\n");
        for (int i : servers) {
            sb.append("  real_server ").append(LabTopology.realServer(i).getHostAddress()).append(" 7000 {\n")
                    .append("    TCP_CHECK {\n      connect_timeout 1\n      retry 0\n      warmup 0\n    }\n  }\n");
        }
        return sb.append("}\n").toString();
    }

    @Test
    void sighupAddsAndRemovesServersWithoutBreakingTheOthers(LabNamespace director) throws Exception {
        Path conf = Files.createTempFile("ck-reload", ".conf");
        Path output = Files.createTempFile("ck-daemon", ".log");
        Files.writeString(conf, config(0, 1));
        try (LabTopology t = LabTopology.build(director, 3)) {
            List<TcpServer> servers = List.of(echo(t, 0, 7000), echo(t, 1, 7000), echo(t, 2, 7000));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process daemon = new ProcessBuilder("ip", "netns", "exec", director.name(), java,
                    "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    CheckerDaemonHarness.class.getName(), conf.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                await("both servers in", Duration.ofSeconds(60), () -> table(director).equals(lines(
                        "-A -t 203.0.113.10:7000 -s rr", "-a -t 203.0.113.10:7000 -r 198.51.100.2:7000 -m -w 1",
                        "-a -t 203.0.113.10:7000 -r 198.51.100.6:7000 -m -w 1")));
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
                            fresh.add(String.valueOf(c.say("new")));
                        } catch (Exception e) {
                            fresh.add("failed: " + e.getMessage());
                        }
                    }
                });
                Thread.sleep(1000);
                Files.writeString(conf, config(0, 2));
                int before = fresh.size();
                new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start().waitFor();
                await("reloaded", Duration.ofSeconds(30), () -> read(output).contains("reloaded"));
                assertEquals(lines("-A -t 203.0.113.10:7000 -s rr", "-a -t 203.0.113.10:7000 -r 198.51.100.2:7000 -m -w 1",
                        "-a -t 203.0.113.10:7000 -r 198.51.100.10:7000 -m -w 1"), table(director));
                Thread.sleep(2000);
                going.set(false);
                client.join();

                for (int i = 0; i < held.size(); i++) {
                    if (owners.get(i).equals("rs0")) {
                        assertEquals("rs0", held.get(i).say("still there?"), "a connection to the untouched server lives on");
                    }
                }
                String listing = director.ipvsadm("-Ln").requireSuccess().stdout();
                assertTrue(listing.lines().anyMatch(l -> l.contains("198.51.100.2:7000") && l.trim().split("\\s+")[4]
                        .equals("2")), "the untouched destination still counts its 2 held connections:\n" + listing);
                List<String> during = fresh.subList(before, fresh.size());
                assertTrue(during.size() > 3, "the client kept connecting: " + during);
                assertTrue(during.stream().allMatch(s -> s.equals("rs0") || s.equals("rs1") || s.equals("rs2")),
                        "every new connection was answered: " + during);
                List<String> after = during.subList(during.size() / 2, during.size());
                assertTrue(after.stream().noneMatch("rs1"::equals), "the removed server gets no new ones: " + after);
                for (Conversation c : held) {
                    c.close();
                }
            } finally {
                new ProcessBuilder("kill", "-TERM", Long.toString(daemon.pid())).start().waitFor();
                daemon.waitFor();
                System.out.println(read(output));
            }
            assertEquals(lines(""), table(director), "SIGTERM removed what the process added");
            for (TcpServer s : servers) {
                s.close();
            }
        } finally {
            Files.deleteIfExists(conf);
            Files.deleteIfExists(output);
        }
    }

    static java.util.Set<String> table(LabNamespace ns) {
        return new java.util.TreeSet<>(java.util.Arrays.asList(ns.savedTable().split("\n")));
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
