package io.lvsj.ipvsadm;

import io.lvsj.ipvs.MemoryIpvs;
import io.lvsj.metrics.model.Promtool;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command layer in-process against an in-memory table: -R's batching, line numbers and
 * status, what happens without IPVS, and kernel errors. (Against the real kernel and Debian's
 * ipvsadm: IpvsadmDifferentialKernelTest in the lab.)
 */
class IpvsadmTest {

    private static CliRun run(MemoryIpvs ipvs, String stdin, String... args) {
        return CliRun.run(ipvs, GoldenTable.names(), stdin, null, args);
    }

    @Test
    void restoreNamesEachFailingLineAndCarriesOn() {
        MemoryIpvs ipvs = new MemoryIpvs();
        CliRun r = run(ipvs, """
                -A -t 192.0.2.1:80
                -A -t 192.0.2.1:80
                # a comment
                -a -t 192.0.2.9:80 -r 10.0.0.1
                -A -t 192.0.2.2:80 --bogus
                -A -t 192.0.2.3:80
                """, "-R");
        assertEquals("""
                line 2: Service already exists
                line 4: Service not defined
                line 5: --bogus: unknown option
                """, r.stderr());
        assertEquals(255, r.status(), "a restore with failed lines fails");
        assertEquals("-A -t 192.0.2.1:80 -s wlc\n-A -t 192.0.2.3:80 -s wlc\n", run(ipvs, "", "-Sn").stdout());
    }

    /** Found by the lab's differential fuzz (issue 12): -v ended the restore with 0 after a failed line. */
    @Test
    void aVersionLineEndsTheRestoreButNotItsFailure() {
        MemoryIpvs ipvs = new MemoryIpvs();
        CliRun r = run(ipvs, "-A -t 192.0.2.1:80\n-A -t 192.0.2.1:80\n-v\n-A -t 192.0.2.2:80\n", "-R");
        assertEquals("line 2: Service already exists\n", r.stderr());
        assertTrue(r.stdout().startsWith("ipvsadm v1.31 "), r.stdout());
        assertEquals(255, r.status());
        assertEquals("-A -t 192.0.2.1:80 -s wlc\n", run(ipvs, "", "-Sn").stdout());
        assertEquals(0, run(new MemoryIpvs(), "-A -t 192.0.2.1:80\n-v\n", "-R").status());
    }

    @Test
    void restoreStopsAtALineIpvsadmRefusesAfterApplyingTheLinesBefore() {
        MemoryIpvs ipvs = new MemoryIpvs();
        CliRun r = run(ipvs, "-A -t 192.0.2.1:80\n-A -t 192.0.2.2:80 -w 1\n-A -t 192.0.2.3:80\n", "-R");
        assertEquals("line 2: Illegal 'weight' option with the 'add-service' command\n", r.stderr());
        assertEquals(2, r.status());
        assertEquals("-A -t 192.0.2.1:80 -s wlc\n", run(ipvs, "", "-Sn").stdout());
    }

    @Test
    void restoreRunsOtherCommandsInInputOrder() {
        MemoryIpvs ipvs = new MemoryIpvs();
        CliRun r = run(ipvs, "-A -t 192.0.2.1:80 -s rr\n-Sn\n-A -t 192.0.2.2:80 -s rr\n-Sn\n", "-R");
        assertEquals("-A -t 192.0.2.1:80 -s rr\n-A -t 192.0.2.1:80 -s rr\n-A -t 192.0.2.2:80 -s rr\n", r.stdout());
        assertEquals(0, r.status());
    }

    @Test
    void restoreHandlesMoreLinesThanOneBatch() {
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            rules.append("-A -t 10.0.").append(i / 256).append('.').append(i % 256).append(":80\n");
        }
        rules.append("-A -t 10.0.0.0:80\n");
        MemoryIpvs ipvs = new MemoryIpvs();
        CliRun r = run(ipvs, rules.toString(), "-R");
        assertEquals("line 5001: Service already exists\n", r.stderr());
        assertEquals(5000, run(ipvs, "", "-Sn").stdout().lines().count());
    }

    @Test
    void withoutIpvsOnlyCommandsThatNeedItFail() {
        CliRun a = CliRun.run(null, "-A", "-t", "192.0.2.1:80");
        assertEquals("Can't initialize ipvs: Protocol not available\n"
                + "Are you sure that IP Virtual Server is built in the kernel or as module?\n", a.stderr());
        assertEquals(2, a.status());
        CliRun help = CliRun.run(null, "-h");
        assertEquals(0, help.status());
        assertTrue(help.stdout().startsWith(Usage.IPVSADM_VERSION_LINE + "Usage:\n  ipvsadm -A|E"));
        CliRun typo = CliRun.run(null, "-A", "-t", "192.0.2.1:80", "-w", "1");
        assertEquals("Illegal 'weight' option with the 'add-service' command\n", typo.stderr());
        assertEquals(2, typo.status());
    }

    @Test
    void kernelErrorsAreWordedAsIpvsadmWordsThem() {
        MemoryIpvs ipvs = new MemoryIpvs();
        run(ipvs, "", "-A", "-t", "192.0.2.1:80");
        CliRun again = run(ipvs, "", "-A", "-t", "192.0.2.1:80");
        assertEquals("Service already exists\n", again.stderr());
        assertEquals(255, again.status());
        CliRun missing = run(ipvs, "", "-Ln", "-t", "192.0.2.9:80");
        assertEquals("No such service\n", missing.stderr());
        assertEquals(1, missing.status());
        assertEquals("Scheduler or persistence engine not found\n",
                run(ipvs, "", "-E", "-t", "192.0.2.1:80", "-s", "bogus").stderr());
    }

    @Test
    void helpAndVersionAddTheExtensionsOnlyInTheirLongForms() {
        CliRun shortHelp = CliRun.run(null, "-h");
        CliRun longHelp = CliRun.run(null, "--help");
        assertTrue(longHelp.stdout().startsWith(shortHelp.stdout()));
        assertTrue(longHelp.stdout().contains("--json"));
        assertTrue(longHelp.stdout().contains("--prometheus"));
        assertEquals(Usage.IPVSADM_VERSION_LINE, CliRun.run(null, "-v").stdout());
        assertTrue(CliRun.run(null, "--version").stdout().startsWith(Usage.IPVSADM_VERSION_LINE + "ipvsadm-j "));
    }

    /** The extension --prometheus: every service and real server, labelled numerically, and promtool finds nothing wrong. */
    @Test
    void prometheusListsTheTableForTheTextfileCollector() throws Exception {
        MemoryIpvs ipvs = new MemoryIpvs();
        run(ipvs, """
                -A -t 192.0.2.1:80 -s rr
                -a -t 192.0.2.1:80 -r 10.0.0.1:8080 -m -w 3
                -a -t 192.0.2.1:80 -r 10.0.0.2:8080 -m -w 0
                -A -f 7 -6 -s rr
                """, "-R");
        CliRun all = run(ipvs, "", "-L", "--prometheus");
        assertEquals(0, all.status(), all.stderr());
        assertTrue(all.stdout().contains("lvsj_ipvs_destination_weight{destination=\"10.0.0.1:8080\",protocol=\"tcp\","
                + "service=\"192.0.2.1:80\"} 3.0\n"), all.stdout());
        assertTrue(all.stdout().contains("lvsj_ipvs_destination_weight{destination=\"10.0.0.2:8080\",protocol=\"tcp\","
                + "service=\"192.0.2.1:80\"} 0.0\n"), all.stdout());
        assertTrue(all.stdout().contains("lvsj_ipvs_service_connections_total{protocol=\"fwmark\",service=\"7 IPv6\"} 0.0\n"),
                all.stdout());
        assertEquals("", Promtool.checkMetrics(all.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        CliRun one = run(ipvs, "", "-L", "-f", "7", "-6", "--prometheus");
        assertTrue(one.stdout().contains("service=\"7 IPv6\""), one.stdout());
        assertTrue(!one.stdout().contains("192.0.2.1:80"), one.stdout());
        assertEquals(1, run(ipvs, "", "-L", "-t", "192.0.2.9:80", "--prometheus").status());
    }
}
