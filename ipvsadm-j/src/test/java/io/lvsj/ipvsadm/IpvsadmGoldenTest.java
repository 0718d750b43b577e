package io.lvsj.ipvsadm;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every listing in the golden files, printed by ipvsadm-j from the same fixture table, must be
 * the bytes Debian's ipvsadm printed: sort order, signed fwmarks, trailing blanks, names,
 * K/M/G scaling, 32-bit destination counters, the connection table.
 */
class IpvsadmGoldenTest {

    @TestFactory
    List<DynamicTest> listingsMatchIpvsadm() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> section : Golden.sections("list-outputs.txt").entrySet()) {
            String[] args = arguments(section.getKey().substring("ipvsadm".length()));
            tests.add(DynamicTest.dynamicTest(section.getKey(), () -> {
                CliRun r = CliRun.run(GoldenTable.standard(), args);
                assertEquals(section.getValue(), r.stdout());
                assertEquals("", r.stderr());
                assertEquals(0, r.status());
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> connectionListingsMatchIpvsadm() {
        String proc = Golden.read("proc_net_ip_vs_conn.fixture");
        Map<String, String> sections = Golden.sections("more-outputs.txt");
        List<DynamicTest> tests = new ArrayList<>();
        for (String command : List.of("-Lnc", "-Lc", "-Lnc --persistent-conn")) {
            tests.add(DynamicTest.dynamicTest("ipvsadm " + command, () -> {
                CliRun r = CliRun.run(GoldenTable.standard(), GoldenTable.names(), "", proc, arguments(command));
                assertEquals(sections.get("ipvsadm " + command), r.stdout());
                assertEquals(0, r.status());
            }));
        }
        return tests;
    }

    @Test
    void daemonsAreListedMasterFirst() {
        CliRun r = CliRun.run(GoldenTable.standard(), "-L", "--daemon");
        assertEquals(Golden.sections("more-outputs.txt").get("FAKE_DAEMONS=3 ipvsadm -L --daemon"), r.stdout());
    }

    @Test
    void destinationCountersShowOnlyTheirLow32Bits() {
        String key = Golden.sections("more-outputs.txt").keySet().stream()
                .filter(k -> k.startsWith("ipvsadm -Ln --stats --exact -t")).findFirst().orElseThrow();
        CliRun r = CliRun.run(GoldenTable.withHugeDestinationCounters(), "-Ln", "--stats", "--exact", "-t", "192.0.2.10:80");
        assertEquals(Golden.sections("more-outputs.txt").get(key), r.stdout());
    }

    @Test
    void aMissingConnectionFileIsReportedWithStatus1() {
        CliRun r = CliRun.run(GoldenTable.standard(), GoldenTable.names(), "", null, "-Lnc");
        assertEquals("", r.stdout());
        assertEquals("cannot open file /proc/net/ip_vs_conn\n", r.stderr());
        assertEquals(1, r.status());
    }

    private static String[] arguments(String commandLine) {
        String trimmed = commandLine.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split(" ");
    }
}
