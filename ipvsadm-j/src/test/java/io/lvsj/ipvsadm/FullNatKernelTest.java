package io.lvsj.ipvsadm;

import io.lvsj.fullnat.FullNat;
import io.lvsj.ipvs.IpvsClient;
import io.lvsj.ipvsadm.inet.GlibcNameService;
import io.lvsj.lab.FullNatLab;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import io.lvsj.lab.Command;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.lvsj.lab.FullNatLab.realServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ipvsadm-j's FullNAT extension (Alibaba's {@code -P}/{@code -Q}/{@code -G}, {@code --fullnat})
 * on the lab kernel with real traffic: the real servers have no route to the client and see
 * the local addresses; listings, {@code -G} and {@code -S} say what was configured; {@code -S}
 * output restores the same table; {@code -C} leaves nothing behind. Last, the shipped launcher.
 */
@KernelTest
class FullNatKernelTest {
    private static final String WEB = FullNatLab.VIP + ":80";

    private record Run(int status, String stdout, String stderr) {
    }

    private static Run ipvsadm(LabNamespace ns, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment env = new Environment(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.ISO_8859_1)), out, err,
                () -> IpvsClient.open(io.lvsj.sys.NetNamespace.named(ns.name())), name -> Files.readString(Path.of("/proc/net", name)),
                new GlibcNameService(), false, () -> new FullNat(io.lvsj.sys.NetNamespace.named(ns.name()), FullNat.DEFAULT_RUN_DIRECTORY, null));
        int status = Ipvsadm.run(env, "ipvsadm", List.of(args));
        return new Run(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }

    private static Run ok(LabNamespace ns, String... args) {
        Run r = ipvsadm(ns, "", args);
        assertEquals(0, r.status(), String.join(" ", args) + ": " + r.stderr());
        return r;
    }

    private static Map<String, Long> sources(Map<String, Long> seen) {
        Map<String, Long> out = new TreeMap<>();
        seen.forEach((line, n) -> out.merge(line.split(" ")[0], n, Long::sum));
        return out;
    }

    @Test
    void theForksCommandsOnTheStockKernel(LabNamespace director) throws Exception {
        try (FullNatLab lab = FullNatLab.build(director, 2)) {
            ok(director, "-A", "-t", WEB, "-s", "rr");
            Run first = ok(director, "-a", "-t", WEB, "-r", realServer(0) + ":80", "--fullnat");
            assertEquals("ipvsadm-j: warning: service TCP 203.0.113.10:80 has no local address yet: its FullNAT real"
                    + " servers see the client's address, as with NAT, until it has one\n", first.stderr());
            ok(director, "-a", "-t", WEB, "-r", realServer(1) + ":80", "--fullnat");
            ok(director, "-P", "-t", WEB, "-z", "198.51.100.11");
            ok(director, "--add-laddr", "-t", WEB, "--laddr", "198.51.100.12");

            assertEquals("""
                    Prot LocalAddress:Port Scheduler Flags
                      -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                    TCP  203.0.113.10:80 rr
                      -> 198.51.100.2:80              FullNat 1      0          0        \s
                      -> 198.51.100.3:80              FullNat 1      0          0        \s
                    """, ok(director, "-Ln").stdout().lines().skip(1).map(l -> l + "\n")
                    .reduce("", String::concat));

            Map<String, Long> seen = lab.count(FullNatLab.VIP, 80, 1000);
            Map<String, Long> bySource = sources(seen);
            assertEquals(Set.of("198.51.100.11", "198.51.100.12"), bySource.keySet(), seen.toString());
            String g = String.format("""
                    VIP:VPORT            TOTAL    SNAT_IP              CONFLICTS  CONNS    \s
                    203.0.113.10:80      2       \s
                                                  198.51.100.11        0          %-10d
                                                  198.51.100.12        0          %-10d
                    """, bySource.get("198.51.100.11"), bySource.get("198.51.100.12"));
            assertEquals(g, ok(director, "-G").stdout(), "CONNS counts each address's connections");

            String saved = ok(director, "-Sn").stdout();
            assertEquals("""
                    -A -t 203.0.113.10:80 -s rr
                    -a -t 203.0.113.10:80 -r 198.51.100.2:80 --fullnat -w 1
                    -a -t 203.0.113.10:80 -r 198.51.100.3:80 --fullnat -w 1
                    -P -t 203.0.113.10:80 -z 198.51.100.11
                    -P -t 203.0.113.10:80 -z 198.51.100.12
                    """, saved);

            ok(director, "-C");
            assertNothingLeft(director);
            Run restored = ipvsadm(director, saved, "-R");
            assertEquals(0, restored.status(), restored.stderr());
            assertEquals(saved, ok(director, "-Sn").stdout());
            assertEquals(Set.of("198.51.100.11", "198.51.100.12"), sources(lab.count(FullNatLab.VIP, 80, 10)).keySet());

            ok(director, "-Q", "-t", WEB, "-z", "198.51.100.12");
            Run again = ipvsadm(director, "", "-Q", "-t", WEB, "-z", "198.51.100.12");
            assertEquals(255, again.status());
            assertEquals("no local address 198.51.100.12 on service TCP 203.0.113.10:80\n", again.stderr());
            Run missing = ipvsadm(director, "", "-P", "-t", "203.0.113.99:80", "-z", "198.51.100.13");
            assertEquals(255, missing.status());
            assertEquals("No such service\n", missing.stderr());
            ok(director, "-d", "-t", WEB, "-r", realServer(1) + ":80");
            ok(director, "-e", "-t", WEB, "-r", realServer(0) + ":80", "-m", "-w", "2");
            assertEquals("""
                    -A -t 203.0.113.10:80 -s rr
                    -a -t 203.0.113.10:80 -r 198.51.100.2:80 -m -w 2
                    -P -t 203.0.113.10:80 -z 198.51.100.11
                    """, ok(director, "-Sn").stdout());

            // The shipped command, in the namespace, with its default state directory: same view.
            Command.Result launcher = director.run(repository().resolve("bin/ipvsadm-j").toString(), "-G",
                    "-t", WEB);
            assertEquals(0, launcher.status(), launcher.stderr());
            assertTrue(launcher.stdout().contains("198.51.100.11"), launcher.stdout());
            ok(director, "-C");
            assertNothingLeft(director);
        }
    }

    private static void assertNothingLeft(LabNamespace director) {
        String save = director.run("iptables-legacy-save", "-t", "nat").requireSuccess().stdout();
        assertFalse(save.contains("LVSJ") || save.contains("lvsj"), save);
        String addresses = director.run("ip", "-o", "addr").stdout();
        assertFalse(addresses.contains("198.51.100.11/") || addresses.contains("198.51.100.12/"), addresses);
        assertEquals("", director.run("sh", "-c", "ls /run/lvsj/fullnat/*.state 2>/dev/null").stdout());
    }

    private static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("bin/ipvsadm-j"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "bin/ipvsadm-j not found");
        return dir;
    }
}
