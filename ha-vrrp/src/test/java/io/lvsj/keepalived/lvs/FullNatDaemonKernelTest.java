package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.daemon.KeepalivedJ;
import io.lvsj.lab.FullNatLab;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import io.lvsj.lab.LabTools;
import io.lvsj.lab.BackgroundProcess;
import io.lvsj.lab.Command;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.lvsj.keepalived.lvs.LabCheckers.await;
import static io.lvsj.keepalived.lvs.LabCheckers.lines;
import static io.lvsj.lab.FullNatLab.realServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FullNAT through keepalived-j: the real {@code bin/keepalived-j} daemon with the forks'
 * {@code local_address_group}, {@code lb_kind FNAT} and {@code laddr_group_name}, real servers
 * with no route to the client, real traffic. A SIGHUP that removes a local address and a real
 * server and adds others keeps the connections to the untouched ones alive; SIGTERM leaves no
 * rule and no local address behind.
 */
@KernelTest
class FullNatDaemonKernelTest {

    static String config(String lips, int... servers) {
        StringBuilder sb = new StringBuilder("local_address_group lips {\n").append(lips).append("}\n")
                .append("virtual_server ").append(FullNatLab.VIP).append(" 80 {\n  delay_loop 1\n  lb_algo rr\n")
                .append("  lb_kind FNAT\n  laddr_group_name lips\n  protocol TCP\n");
        for (int i : servers) {
            sb.append("  real_server ").append(realServer(i)).append(" 80 {\n")
                    .append("    TCP_CHECK {\n      connect_timeout 1\n      retry 0\n      warmup 0\n    }\n  }\n");
        }
        return sb.append("}\n").toString();
    }

    static Set<String> table(int... servers) {
        List<String> out = new ArrayList<>(List.of("-A -t " + FullNatLab.VIP + ":80 -s rr"));
        for (int i : servers) {
            out.add("-a -t " + FullNatLab.VIP + ":80 -r " + realServer(i) + ":80 -m -w 1");
        }
        return lines(out.toArray(String[]::new));
    }

    private static Map<String, Long> by(Map<String, Long> seen, int word) {
        Map<String, Long> out = new TreeMap<>();
        seen.forEach((line, n) -> out.merge(line.split(" ")[word], n, Long::sum));
        return out;
    }

    @Test
    void fullNatThroughTheDaemonWithAReload(LabNamespace director) throws Exception {
        Path dir = Files.createTempDirectory("kd-fullnat");
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, config("  198.51.100.11-13\n", 0, 1));
        try (FullNatLab lab = FullNatLab.build(director, 3);
             KeepalivedJ daemon = KeepalivedJ.start(director.name(), conf, dir.resolve("run"))) {
            daemon.awaitLog("Startup complete", Duration.ofSeconds(120));
            await("both servers in", Duration.ofSeconds(60), () -> DaemonReloadKernelTest.table(director).equals(table(0, 1)));

            Map<String, Long> seen = lab.count(FullNatLab.VIP, 80, 600);
            assertEquals(Set.of("198.51.100.11", "198.51.100.12", "198.51.100.13"), by(seen, 0).keySet(), seen.toString());
            assertEquals(Set.of(realServer(0), realServer(1)), by(seen, 1).keySet(), seen.toString());
            // ipvsadm-j -G reads the same FullNAT state: the group's addresses, their connections.
            Command.Result g = director.run(KeepalivedJ.repositoryRoot().resolve("bin/ipvsadm-j").toString(), "-G");
            assertEquals(0, g.status(), g.stderr());
            List<String> lines = g.stdout().lines().toList();
            assertEquals("203.0.113.10:80      3", lines.get(1).strip(), g.stdout());
            long total = 0;
            for (String lip : List.of("198.51.100.11", "198.51.100.12", "198.51.100.13")) {
                String line = lines.stream().filter(l -> l.contains(" " + lip + " ")).findFirst().orElseThrow(
                        () -> new AssertionError("-G lacks " + lip + ":\n" + g.stdout()));
                total += Long.parseLong(line.trim().split(" +")[2]);
            }
            assertEquals(600, total, "-G counts every connection once: " + g.stdout());

            List<BackgroundProcess> held = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    held.add(lab.hold(FullNatLab.VIP, 80, 6));
                }
                Thread.sleep(500);
                Files.writeString(conf, config("  198.51.100.11-12\n  198.51.100.14\n", 0, 2));
                daemon.signal("HUP");
                await("reloaded", Duration.ofSeconds(30), () -> DaemonReloadKernelTest.table(director).equals(table(0, 2)));
                int untouched = 0;
                for (BackgroundProcess h : held) {
                    int status = h.awaitExit(Duration.ofSeconds(30));
                    String[] first = h.log().lines().findFirst().orElse("").split(" ");
                    if (first.length == 3 && first[1].equals(realServer(0)) && !first[0].equals("198.51.100.13")) {
                        untouched++;
                        assertEquals(0, status, "a connection to the untouched server and address lived on: "
                                + h.log());
                    }
                }
                assertTrue(untouched >= 1, "a held connection used real server 0 and a kept address");
            } finally {
                LabTools.closeAll(held);
            }
            Map<String, Long> after = lab.count(FullNatLab.VIP, 80, 300);
            assertEquals(Set.of("198.51.100.11", "198.51.100.12", "198.51.100.14"), by(after, 0).keySet(), after.toString());
            assertEquals(Set.of(realServer(0), realServer(2)), by(after, 1).keySet(), after.toString());
            assertFalse(director.run("ip", "-o", "addr").stdout().contains("198.51.100.13/"), "the dropped address went");

            assertEquals(0, daemon.stop(), daemon.log());
            String save = director.run("iptables-legacy-save", "-t", "nat").requireSuccess().stdout();
            assertFalse(save.contains("LVSJ") || save.contains("lvsj"), save);
            String addresses = director.run("ip", "-o", "addr").stdout();
            for (String lip : List.of("198.51.100.11", "198.51.100.12", "198.51.100.14")) {
                assertFalse(addresses.contains(lip + "/"), addresses);
            }
            assertEquals("", director.savedTable());
        }
    }
}
