package io.lvsj.syncd.wire;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conntrack records lvs-syncd relays, and batches of them: round trips, rejections, no throwing. */
class ConntrackBatchTest {

    @Test
    void aRecordKeepsEveryField() {
        byte[] r = Tracked.udp6(5300, 47742, 30);
        assertEquals(ConntrackRecord.V6_LENGTH, r.length);
        assertNull(ConntrackRecord.check(r, 0, r.length));
        assertFalse(ConntrackRecord.ipv4(r));
        assertEquals(17, ConntrackRecord.protocol(r));
        assertEquals(-1, ConntrackRecord.tcpState(r));
        assertEquals(7, ConntrackRecord.zone(r));
        assertEquals(0x19a, ConntrackRecord.status(r));
        assertEquals(30, ConntrackRecord.timeoutSeconds(r));
        assertEquals(5, ConntrackRecord.mark(r));
        assertEquals(InetAddress.ofLiteral("2001:db8:2::50"), ConntrackRecord.address(r, ConntrackRecord.REPLY_DESTINATION));
        assertEquals(47742, ConntrackRecord.port(r, ConntrackRecord.REPLY_DESTINATION));
        assertEquals(5300, ConntrackRecord.port(r, ConntrackRecord.ORIGINAL_SOURCE));
        byte[] v4 = Tracked.fullNat(40000, 5555, 432000);
        assertEquals(ConntrackRecord.V4_LENGTH, v4.length);
        assertEquals(3, ConntrackRecord.tcpState(v4));
        assertEquals(ConntrackRecord.DESTROY, ConntrackRecord.operation(ConntrackRecord.withOperation(v4, ConntrackRecord.DESTROY)));
    }

    @Test
    void theKeyIsTheOriginalTupleNotWhereNatSentItNorItsState() {
        byte[] a = Tracked.fullNat(40000, 5555, 100);
        byte[] b = Tracked.fullNat(40000, 6666, 900);
        assertTrue(ConntrackRecord.sameKey(a, b));
        assertEquals(ConntrackRecord.keyHash(a), ConntrackRecord.keyHash(b));
        assertFalse(ConntrackRecord.sameKey(a, Tracked.fullNat(40001, 5555, 100)));
        assertFalse(ConntrackRecord.sameKey(a, Tracked.udp6(40000, 5555, 100)));
        assertEquals(900, ConntrackRecord.timeoutSeconds(ConntrackRecord.withTimeout(a, 900)));
        assertEquals(100, ConntrackRecord.timeoutSeconds(a), "records are never changed in place");
    }

    @Test
    void batchesSplitAtTheirLimitAndDecodeBack() {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(i % 2 == 0 ? Tracked.fullNat(1000 + i, 2000 + i, 60) : Tracked.udp6(1000 + i, 2000 + i, 60));
        }
        List<byte[]> batches = ConntrackBatch.encode(records, 1000);
        assertTrue(batches.size() > 1 && batches.stream().allMatch(b -> b.length <= 1000));
        List<byte[]> back = new ArrayList<>();
        for (byte[] b : batches) {
            back.addAll(assertInstanceOf(Decoded.Accepted.class, ConntrackBatch.decode(b, 0, b.length)).records());
        }
        assertEquals(records.size(), back.size());
        for (int i = 0; i < records.size(); i++) {
            assertArrayEquals(records.get(i), back.get(i));
        }
    }

    @Test
    void aBadBatchIsDroppedWholeWithItsReason() {
        byte[] good = ConntrackBatch.encode(List.of(Tracked.fullNat(1, 2, 3), Tracked.fullNat(4, 5, 6)), 65535).getFirst();
        assertEquals(Rejection.CONNTRACK_FORMAT, reason(mutate(good, 0, 2)), "a later format");
        assertEquals(Rejection.CONNTRACK_FORMAT, reason(new byte[]{1, 0}));
        assertEquals(Rejection.NO_CONNECTIONS, reason(new byte[]{1, 0, 0, 0}));
        assertEquals(Rejection.RECORD_TRUNCATED, reason(java.util.Arrays.copyOf(good, good.length - 1)));
        assertEquals(Rejection.TRAILING_BYTES, reason(java.util.Arrays.copyOf(good, good.length + 4)));
        int second = ConntrackBatch.HEADER_LENGTH + ConntrackRecord.V4_LENGTH;
        assertEquals(Rejection.CONNTRACK_RECORD, reason(mutate(good, second + 1, 5)), "family");
        assertEquals(Rejection.CONNTRACK_RECORD, reason(mutate(good, second, 3)), "operation");
        assertEquals(Rejection.CONNTRACK_RECORD, reason(mutate(good, second + 2, 1)), "ICMP");
        assertEquals(Rejection.CONNTRACK_RECORD, reason(mutate(good, second + 3, 10)), "TCP state");
        assertEquals(Rejection.CONNTRACK_RECORD, reason(mutate(good, second + 14, 1)), "reserved");
    }

    private static byte[] mutate(byte[] b, int at, int value) {
        byte[] m = b.clone();
        m[at] = (byte) value;
        return m;
    }

    private static Rejection reason(byte[] b) {
        return assertInstanceOf(Decoded.Rejected.class, ConntrackBatch.decode(b, 0, b.length)).reason();
    }

    @Property(tries = 3000)
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 300) byte[] bytes) {
        checked(bytes);
    }

    @Property(tries = 3000)
    void mutatedBatchesNeverThrow(@ForAll("mutated") byte[] bytes) {
        checked(bytes);
    }

    /** What is accepted is whole: each record checks, and batches the same again. */
    private static void checked(byte[] bytes) {
        if (ConntrackBatch.decode(bytes, 0, bytes.length) instanceof Decoded.Accepted a) {
            for (byte[] r : a.records()) {
                assertNull(ConntrackRecord.check(r, 0, r.length));
                ConntrackRecord.address(r, ConntrackRecord.REPLY_DESTINATION);
            }
            byte[] again = ConntrackBatch.encode(a.records(), 65535).getFirst();
            assertArrayEquals(bytes, again);
        }
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        byte[] good = ConntrackBatch.encode(List.of(Tracked.fullNat(1, 2, 3), Tracked.udp6(4, 5, 6)), 65535).getFirst();
        return Arbitraries.integers().between(0, good.length - 1).list().ofMaxSize(4).flatMap(positions ->
                Arbitraries.bytes().list().ofSize(positions.size()).flatMap(values ->
                        Arbitraries.integers().between(-8, 8).map(resize -> {
                            byte[] m = java.util.Arrays.copyOf(good, Math.max(0, good.length + resize));
                            for (int i = 0; i < positions.size(); i++) {
                                if (positions.get(i) < m.length) {
                                    m[positions.get(i)] = values.get(i);
                                }
                            }
                            return m;
                        })));
    }
}
