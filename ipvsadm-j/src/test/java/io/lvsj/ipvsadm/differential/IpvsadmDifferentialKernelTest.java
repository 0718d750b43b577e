package io.lvsj.ipvsadm.differential;

import io.lvsj.lab.KernelTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ipvsadm-j against Debian's ipvsadm 1.31 on the lab kernel: every case is run by both from the
 * same table in a namespace of its own, and must print the same bytes on both streams, end
 * with the same status and leave the same IPVS state and {@code -Sn}; documented deviations
 * are checked as what they are (see {@link DiffCase.Deviation}).
 */
@KernelTest
class IpvsadmDifferentialKernelTest {

    static List<DiffCase> allCases() {
        List<DiffCase> all = new ArrayList<>();
        all.addAll(CommandLineCases.cases());
        all.addAll(ServiceCases.cases());
        all.addAll(ServerCases.cases());
        all.addAll(ListingCases.cases());
        all.addAll(TableCommandCases.cases());
        all.addAll(RestoreCases.cases());
        return all;
    }

    @TestFactory
    Stream<DynamicTest> ipvsadmJBehavesAsIpvsadm() {
        return allCases().stream().map(c -> DynamicTest.dynamicTest(c.title(), () -> Differential.check(c)));
    }

    @Test
    void theSuiteIsLargeAndHasNoDuplicates() {
        List<DiffCase> all = allCases();
        Set<DiffCase> distinct = new LinkedHashSet<>(all);
        assertEquals(all.size(), distinct.size(), "duplicate cases");
        assertTrue(all.size() >= 300, "only " + all.size() + " cases");
    }

    /** The JSON extension (no ipvsadm to compare with): it must say what the kernel holds. */
    @Test
    void jsonListsWhatTheKernelHolds() {
        try (FreshNamespace ns = new FreshNamespace()) {
            Differential.load(ns, Tables.MIXED + Tables.TIMEOUTS);
            Differential.Outcome all = Differential.ipvsadmJ(ns, DiffCase.of("-Ln --json"));
            assertEquals(0, all.status(), all.stderr());
            long services = all.state().lines().filter(l -> l.startsWith("service ")).count();
            long destinations = all.state().lines().filter(l -> l.startsWith("  dest ")).count();
            assertEquals(services, count(all.stdout(), "\"scheduler\":"));
            assertEquals(destinations, count(all.stdout(), "\"forwarding\":"));
            assertTrue(all.stdout().contains("\"fwmark\":2882430849"), all.stdout());
            assertTrue(all.stdout().contains("\"upper_threshold\":100,\"lower_threshold\":50"), all.stdout());
            assertTrue(all.stdout().contains("\"tunnel\":{\"type\":\"gue\",\"port\":6080,\"checksum\":\"csum\"}"));
            assertTrue(all.stdout().startsWith("{\"version\":\"1.2.1\",\"connection_table_size\":4096,\"services\":["));
            assertEquals("{\"timeouts\":{\"tcp\":10,\"tcp_fin\":20,\"udp\":30}}\n",
                    Differential.ipvsadmJ(ns, DiffCase.of("-L --timeout --json")).stdout());
            String one = Differential.ipvsadmJ(ns, DiffCase.of("-Ln -t 192.0.2.10:80 --json")).stdout();
            assertEquals(2, count(one, "\"forwarding\":\"masq\""), one);
        }
    }

    /**
     * The Prometheus extension (no ipvsadm to compare with): one series per service and real
     * server of the kernel's table, and after real traffic the counters Debian's ipvsadm shows
     * with {@code --stats --exact}. promtool finds nothing wrong with it.
     */
    @Test
    void prometheusListsWhatTheKernelHolds() throws Exception {
        try (FreshNamespace ns = new FreshNamespace()) {
            Differential.load(ns, Tables.MIXED);
            Differential.Outcome all = Differential.ipvsadmJ(ns, DiffCase.of("-L --prometheus"));
            assertEquals(0, all.status(), all.stderr());
            long services = all.state().lines().filter(l -> l.startsWith("service ")).count();
            long destinations = all.state().lines().filter(l -> l.startsWith("  dest ")).count();
            assertEquals(services, count(all.stdout(), "\nlvsj_ipvs_service_connections_total{"));
            assertEquals(destinations, count(all.stdout(), "\nlvsj_ipvs_destination_weight{"));
            assertTrue(all.stdout().contains("lvsj_ipvs_destination_weight{destination=\"192.0.2.1:8080\",protocol=\"tcp\","
                    + "service=\"192.0.2.10:80\"} 3.0\n"), all.stdout());
            assertEquals("", io.lvsj.metrics.model.Promtool.checkMetrics(
                    all.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8)));

            Differential.reset(ns);
            assertEquals(0, ns.run(List.of("ip", "link", "set", "lo", "up"), java.util.Map.of(), "").status());
            Differential.load(ns, """
                    -A -u 127.0.0.2:53 -s rr
                    -a -u 127.0.0.2:53 -r 127.0.0.1:5353 -m
                    """);
            var sent = ns.run(List.of("bash", "-c", "for i in 1 2 3; do echo x$i > /dev/udp/127.0.0.2/53; done"),
                    java.util.Map.of(), "");
            assertEquals(0, sent.status(), sent.toString());
            // the kernel's estimator folds the per-CPU counters into what it reports every 2 s: wait for all three
            String stats;
            String[] service;
            long deadline = System.nanoTime() + 10_000_000_000L;
            do {
                Thread.sleep(200);
                stats = Differential.debian(ns, DiffCase.of("-Ln --stats --exact")).stdout();
                // UDP  127.0.0.2:53   Conns InPkts OutPkts InBytes OutBytes
                service = stats.lines().filter(l -> l.startsWith("UDP")).findFirst().orElseThrow().trim().split("\\s+");
            } while (!service[2].equals("3") && System.nanoTime() < deadline);
            String text = Differential.ipvsadmJ(ns, DiffCase.of("-L --prometheus")).stdout();
            String labels = "protocol=\"udp\",service=\"127.0.0.2:53\"}";
            assertTrue(Long.parseLong(service[3]) >= 3, stats);
            assertTrue(text.contains("lvsj_ipvs_service_connections_total{" + labels + " " + service[2] + ".0\n"), text);
            assertTrue(text.contains("lvsj_ipvs_service_packets_total{direction=\"in\"," + labels + " " + service[3] + ".0\n"),
                    text);
            assertTrue(text.contains("lvsj_ipvs_service_bytes_total{direction=\"in\"," + labels + " " + service[5] + ".0\n"),
                    text);
        }
    }

    private static long count(String text, String needle) {
        long n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** A connection table made by real traffic: both tools read the kernel's own file. */
    @Test
    void listsConnectionsTheKernelTracks() {
        try (FreshNamespace ns = new FreshNamespace()) {
            assertEquals(0, ns.run(List.of("ip", "link", "set", "lo", "up"), java.util.Map.of(), "").status());
            Differential.load(ns, """
                    -A -u 127.0.0.2:53 -s rr
                    -a -u 127.0.0.2:53 -r 127.0.0.1:5353 -m
                    -A -t 127.0.0.2:80 -s rr -p 600
                    -a -t 127.0.0.2:80 -r 127.0.0.1:8080 -m
                    """);
            boolean traffic = true;
            for (String args : List.of("-Lnc", "-Lc", "-Lnc --persistent-conn")) {
                DiffCase c = DiffCase.of(args);
                // the expiry column counts down each second: retry until ipvsadm printed the same twice around us
                for (int attempt = 1; ; attempt++) {
                    // the refused TCP connection is in CLOSE state, which the kernel forgets after 10 s:
                    // a slow lab can take longer than that, so the traffic is made again once it is gone
                    if (traffic) {
                        ns.run(List.of("bash", "-c",
                                "echo x > /dev/udp/127.0.0.2/53; (exec 3<>/dev/tcp/127.0.0.2/80) 2>/dev/null; true"),
                                java.util.Map.of(), "");
                    }
                    Differential.Outcome before = Differential.debian(ns, c);
                    traffic = before.stdout().lines().count() < 5;
                    Differential.Outcome ours = Differential.ipvsadmJ(ns, c);
                    Differential.Outcome after = Differential.debian(ns, c);
                    if (before.stdout().lines().count() >= 5 && before.stdout().equals(after.stdout()) || attempt == 5) {
                        assertTrue(before.stdout().lines().count() >= 5, before.stdout());
                        assertEquals(before.stdout(), ours.stdout(), args);
                        assertEquals(before.stderr(), ours.stderr(), args);
                        assertEquals(before.status(), ours.status(), args);
                        break;
                    }
                }
            }
        }
    }
}
