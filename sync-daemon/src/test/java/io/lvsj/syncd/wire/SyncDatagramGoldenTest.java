package io.lvsj.syncd.wire;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.lvsj.syncd.wire.Records.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Datagrams the real kernel's master sync daemon sent in the lab
 * ({@code src/test/lab/capture-sync-golden.sh} made {@code kernel-captures.txt}): each decodes,
 * and encoding its records again gives the kernel's bytes exactly.
 */
class SyncDatagramGoldenTest {
    static final Map<String, List<byte[]>> CAPTURES = load();

    static Map<String, List<byte[]>> load() {
        Map<String, List<byte[]>> captures = new LinkedHashMap<>();
        try (InputStream in = SyncDatagramGoldenTest.class.getResourceAsStream("kernel-captures.txt")) {
            String label = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("# ") && line.indexOf(' ', 2) < 0) {   // "# label"; other comments have spaces
                    label = line.substring(2);
                    captures.put(label, new ArrayList<>());
                } else if (!line.startsWith("#") && !line.isBlank()) {
                    captures.get(label).add(HexFormat.of().parseHex(line.strip()));
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return captures;
    }

    static List<SyncConnection> connections(String label) {
        List<SyncConnection> all = new ArrayList<>();
        for (byte[] d : CAPTURES.get(label)) {
            Decoded.Accepted a = assertInstanceOf(Decoded.Accepted.class, SyncDatagram.decode(d), label);
            assertEquals(9, a.syncId());
            a.records().forEach(r -> all.add(SyncConnection.decode(r)));
        }
        return all;
    }

    @Test
    void everyCaptureDecodesAndEncodesBackToTheKernelsBytes() {
        assertEquals(List.of("ipv4-nat", "ipv6-nat", "persistent-templates", "fwmark-persistent", "sip-pe",
                "ftp-conntrack"), List.copyOf(CAPTURES.keySet()));
        for (var capture : CAPTURES.entrySet()) {
            for (byte[] d : capture.getValue()) {
                Decoded.Accepted a = assertInstanceOf(Decoded.Accepted.class, SyncDatagram.decode(d), capture.getKey());
                List<byte[]> again = SyncDatagram.encode(a.syncId(), a.records(), 1472);
                assertEquals(1, again.size());
                assertArrayEquals(d, again.getFirst(), capture.getKey());
                List<byte[]> rebuilt = new ArrayList<>();
                a.records().forEach(r -> rebuilt.add(SyncConnection.decode(r).encode()));
                assertArrayEquals(d, SyncDatagram.encode(a.syncId(), rebuilt, 1472).getFirst(),
                        capture.getKey() + ": through SyncConnection and back");
            }
        }
    }

    @Test
    void ipv4NatConnectionsAsTheKernelSentThem() {
        SyncConnection first = connections("ipv4-nat").getFirst();
        assertEquals(6, first.protocol());
        assertEquals(1, first.state(), "ESTABLISHED");
        assertEquals(ConnectionFlags.MASQ, first.flags() & ConnectionFlags.FORWARD_MASK);
        assertEquals(ip("203.0.113.100"), first.clientAddress());
        assertEquals(ip("203.0.113.10"), first.virtualAddress());
        assertEquals(80, first.virtualPort());
        assertEquals(ip("198.51.100.11"), first.destinationAddress());
        assertEquals(900, first.timeout(), "the established timeout");
        assertTrue(connections("ipv4-nat").stream().anyMatch(c -> c.state() == 7 && c.timeout() == 60
                && (c.flags() & ConnectionFlags.INACTIVE) != 0), "a closing connection, inactive, 60 s");
    }

    @Test
    void ipv6RecordsCarrySixteenByteAddresses() {
        SyncConnection c = connections("ipv6-nat").getFirst();
        assertEquals(ip("2001:db8:1::100"), c.clientAddress());
        assertEquals(ip("2001:db8:1::10"), c.virtualAddress());
        assertEquals(ip("2001:db8:2::11"), c.destinationAddress());
    }

    @Test
    void persistenceTemplatesAndFwmarkTemplates() {
        List<SyncConnection> templates = connections("persistent-templates").stream()
                .filter(SyncConnection::template).toList();
        assertTrue(!templates.isEmpty());
        assertEquals(0, templates.getFirst().clientPort(), "a template has no client port");
        assertEquals(300, templates.getFirst().timeout(), "the persistence timeout");
        SyncConnection fwmark = connections("fwmark-persistent").getFirst();
        assertTrue(fwmark.template());
        assertEquals(0, fwmark.protocol(), "a fwmark template's protocol is IPPROTO_IP");
        assertEquals(ip("0.0.0.7"), fwmark.virtualAddress(), "and its virtual address is the mark");
        assertEquals(7, fwmark.fwmark());
        assertTrue(connections("fwmark-persistent").stream().anyMatch(c -> !c.template() && c.fwmark() == 7
                && c.virtualAddress().equals(ip("203.0.113.10"))));
    }

    @Test
    void sipPersistenceEngineDataAndName() {
        SyncConnection t = connections("sip-pe").getFirst();
        assertTrue(t.template());
        assertEquals("sip", t.peName().orElseThrow());
        assertEquals("lvsj-golden-1", new String(t.peData().orElseThrow(), StandardCharsets.US_ASCII));
        assertEquals(17, t.protocol());
    }

    @Test
    void templatesOfDifferentCallIdsAreDifferentConnections() {
        byte[] a = connections("sip-pe").getFirst().encode();
        SyncConnection t = SyncConnection.decode(a);
        byte[] b = new SyncConnection(t.protocol(), t.flags(), t.state(), t.clientAddress(), t.clientPort(),
                t.virtualAddress(), t.virtualPort(), t.destinationAddress(), t.destinationPort(), t.fwmark(),
                t.timeout(), t.sequence(), java.util.Optional.of("other".getBytes()), t.peName()).encode();
        assertTrue(!SyncEntry.sameKey(a, b));
    }
}
