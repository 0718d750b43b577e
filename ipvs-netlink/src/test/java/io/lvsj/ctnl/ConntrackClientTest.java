package io.lvsj.ctnl;

import io.lvsj.lab.LabNamespace;
import io.lvsj.sys.NetNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lvsj.lab.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host kernel's conntrack table in a namespace made for each test, with Debian's
 * {@code conntrack} as the oracle: what {@link ConntrackClient} puts in, conntrack lists; what
 * conntrack puts in, the client reads back field for field.
 */
class ConntrackClientTest {
    private LabNamespace ns;
    private ConntrackClient client;

    @BeforeEach
    void freshNamespace() {
        ns = LabNamespace.create("lvsj-ct");
        client = ConntrackClient.open(NetNamespace.named(ns.name()));
    }

    @AfterEach
    void removeNamespace() {
        client.close();
        ns.close();
    }

    /** A FullNAT connection as the master director's kernel has it: IPVS sent it to a real server, SNAT to a LIP. */
    static NewConntrack fullNat(int clientPort, int localPort) {
        ConntrackTuple original = new ConntrackTuple(6, ip("203.0.113.100"), clientPort, ip("203.0.113.10"), 80);
        ConntrackTuple reply = new ConntrackTuple(6, ip("198.51.100.11"), 8080, ip("203.0.113.100"), clientPort);
        return new NewConntrack(original, reply, new NewConntrack.SourceNat(ip("198.51.100.50"), localPort),
                Conntrack.SEEN_REPLY | Conntrack.ASSURED, 300, 0, 0, Conntrack.TCP_ESTABLISHED);
    }

    private String listed() {
        return ns.run("conntrack", "-L").requireSuccess().stdout();
    }

    @Test
    void createsAnEntryWithSourceNatThatTheKernelBindsAsItsOwnNatWould() {
        ConntrackClient.Put put = client.put(List.of(fullNat(40000, 5555), fullNat(40001, 5556)), true);
        assertEquals(new ConntrackClient.Put(2, 0, List.of()), put);

        String lines = listed();
        assertTrue(lines.contains("ESTABLISHED src=203.0.113.100 dst=203.0.113.10 sport=40000 dport=80 "
                + "src=198.51.100.11 dst=198.51.100.50 sport=8080 dport=5555 [ASSURED]"), lines);
        List<Conntrack> entries = client.entries();
        assertEquals(2, entries.size());
        Conntrack c = entries.stream().filter(e -> e.original().sourcePort() == 40000).findFirst().orElseThrow();
        assertEquals(new ConntrackTuple(6, ip("198.51.100.11"), 8080, ip("198.51.100.50"), 5555), c.reply());
        assertEquals(Conntrack.SRC_NAT | Conntrack.CONFIRMED | Conntrack.ASSURED | Conntrack.SEEN_REPLY,
                c.status() & (Conntrack.SRC_NAT | Conntrack.DST_NAT | Conntrack.CONFIRMED | Conntrack.ASSURED
                        | Conntrack.SEEN_REPLY), "source NAT only: IPVS, not NAT, translates the destination");
        assertEquals(Conntrack.TCP_ESTABLISHED, c.tcpState());
        assertTrue(c.timeoutSeconds() > 290 && c.timeoutSeconds() <= 300, "timeout " + c.timeoutSeconds());
        assertTrue(c.sourceTranslated());
        assertEquals(fullNat(40000, 5555).withTimeout(300), NewConntrack.replicating(c).withTimeout(300),
                "an entry read back replicates into what made it");
    }

    @Test
    void anExistingEntryIsUpdatedOrLeftAloneAsAsked() {
        client.put(List.of(fullNat(40000, 5555)), true);
        NewConntrack later = new NewConntrack(fullNat(40000, 5555).original(), fullNat(40000, 5555).reply(),
                fullNat(40000, 5555).sourceNat(), Conntrack.SEEN_REPLY | Conntrack.ASSURED, 60, 0, 0, 7);
        assertEquals(new ConntrackClient.Put(0, 1, List.of()), client.put(List.of(later), false));
        assertTrue(listed().contains(" ESTABLISHED "), listed());

        assertEquals(new ConntrackClient.Put(1, 1, List.of()), client.put(List.of(later, fullNat(40001, 5556)), true),
                "one existed, one is new");
        String lines = listed();
        assertTrue(lines.contains("tcp      6 5") && lines.contains(" TIME_WAIT src=203.0.113.100 dst=203.0.113.10 sport=40000 "),
                lines);
        assertTrue(lines.contains("dport=5555"), "the update keeps the translation: " + lines);
    }

    @Test
    void readsEntriesConntrackMadeFieldForField() {
        ns.run("conntrack", "-I", "-p", "udp", "-s", "192.0.2.1", "-d", "192.0.2.2", "--sport", "5000", "--dport", "53",
                "-t", "77", "--mark", "42", "-w", "9", "-u", "SEEN_REPLY").requireSuccess();
        ns.run("conntrack", "-I", "-p", "tcp", "-s", "2001:db8::1", "-d", "2001:db8::2", "--sport", "1234",
                "--dport", "443", "--state", "SYN_RECV", "-t", "55").requireSuccess();
        List<Conntrack> entries = client.entries();
        assertEquals(2, entries.size(), entries.toString());
        Conntrack udp = entries.stream().filter(e -> e.original().protocol() == 17).findFirst().orElseThrow();
        assertEquals(new ConntrackTuple(17, ip("192.0.2.1"), 5000, ip("192.0.2.2"), 53), udp.original());
        assertEquals(udp.original().inverse(), udp.reply());
        String udpLine = ns.run("conntrack", "-L", "-p", "udp").requireSuccess().stdout();
        assertTrue(udpLine.contains(" mark=" + udp.mark() + " zone=9 ") && udp.mark() != 0, udpLine);
        assertEquals(9, udp.zone());
        assertEquals(-1, udp.tcpState());
        assertTrue((udp.status() & Conntrack.SEEN_REPLY) != 0);
        assertTrue(udp.timeoutSeconds() > 70 && udp.timeoutSeconds() <= 77);
        Conntrack tcp = entries.stream().filter(e -> e.original().protocol() == 6).findFirst().orElseThrow();
        assertEquals(new ConntrackTuple(6, ip("2001:db8::1"), 1234, ip("2001:db8::2"), 443), tcp.original());
        assertEquals(2, tcp.tcpState(), "SYN_RECV");
        assertTrue(!tcp.sourceTranslated());
        String oracle = ns.run("conntrack", "-L", "-f", "ipv6", "-o", "id").requireSuccess().stdout();
        assertTrue(oracle.contains(" id=" + tcp.id()), oracle);
    }

    @Test
    void deletesEntriesAndCountsOnesAlreadyGoneAsDone() {
        client.put(List.of(fullNat(40000, 5555), fullNat(40001, 5556)), true);
        List<ConntrackClient.Failure> refused = client.delete(List.of(
                new ConntrackClient.Key(fullNat(40000, 5555).original(), 0),
                new ConntrackClient.Key(fullNat(40009, 5559).original(), 0)));
        assertEquals(List.of(), refused);
        String lines = listed();
        assertTrue(!lines.contains("sport=40000") && lines.contains("sport=40001"), lines);
    }

    @Test
    void aCreateTheKernelRefusesIsReportedWithItsErrno() {
        // the same translation twice: the second entry's reply tuple would clash with the first's
        NewConntrack first = fullNat(40000, 5555);
        NewConntrack clash = new NewConntrack(new ConntrackTuple(6, ip("203.0.113.101"), 40000, ip("203.0.113.10"), 80),
                new ConntrackTuple(6, ip("198.51.100.11"), 8080, ip("203.0.113.101"), 40000), first.sourceNat(),
                Conntrack.ASSURED, 300, 0, 0, Conntrack.TCP_ESTABLISHED);
        ConntrackClient.Put put = client.put(List.of(first, clash), true);
        assertEquals(1, put.created());
        assertEquals(1, put.failures().size(), put.toString());
        assertEquals("create conntrack src=203.0.113.101 dst=203.0.113.10 sport=40000 dport=80 -> src=198.51.100.11"
                + " dst=203.0.113.101 sport=8080 dport=40000 snat 198.51.100.50:5555: EEXIST (File exists): another entry"
                + " has its reply tuple", put.failures().getFirst().toString());
    }
}
