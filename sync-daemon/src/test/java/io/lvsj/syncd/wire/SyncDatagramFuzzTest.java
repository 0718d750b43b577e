package io.lvsj.syncd.wire;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** No input makes the decoder throw, and what it accepts encodes back to the same bytes. */
class SyncDatagramFuzzTest {

    @Property(tries = 3000)
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 400) byte[] bytes) {
        checkedDecode(bytes);
    }

    @Property(tries = 3000)
    void mutatedDatagramsNeverThrow(@ForAll("mutated") byte[] bytes) {
        checkedDecode(bytes);
    }

    /** Decodes; whatever is accepted must be canonical and decodable record by record. */
    static void checkedDecode(byte[] bytes) {
        Decoded d = SyncDatagram.decode(bytes);
        if (d instanceof Decoded.Accepted a) {
            List<byte[]> again = SyncDatagram.encode(a.syncId(), a.records(), 65535);
            assertEquals(1, again.size());
            Decoded back = SyncDatagram.decode(again.getFirst());
            assertEquals(a.records().size(), ((Decoded.Accepted) back).records().size());
            for (byte[] r : a.records()) {
                SyncConnection c = SyncConnection.decode(r);
                byte[] canonical = c.encode();
                assertEquals(null, SyncEntry.check(canonical, 0, canonical.length), "what decodes encodes validly");
                assertEquals(c, SyncConnection.decode(canonical));
                assertEquals(c.toString(), SyncConnection.decode(canonical).toString());
                assertEquals(SyncEntry.keyHash(r) == SyncEntry.keyHash(canonical), SyncEntry.sameKey(r, canonical));
            }
        }
    }

    /** Valid datagrams (with random options) with a few bytes changed, cut or extended. */
    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<byte[]> valid = Arbitraries.integers().between(1, 5).flatMap(n ->
                Arbitraries.of(Records.tcp(1000, 60), Records.everyOption(), Records.tcp(2, 0)).list().ofSize(n)
                        .map(cs -> {
                            List<byte[]> r = new ArrayList<>();
                            cs.forEach(c -> r.add(c.encode()));
                            return SyncDatagram.encode(9, r, 65535).getFirst();
                        }));
        return valid.flatMap(d -> Arbitraries.integers().between(0, d.length - 1).list().ofMaxSize(4)
                .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).flatMap(values ->
                        Arbitraries.integers().between(-8, 8).map(resize -> {
                            byte[] m = java.util.Arrays.copyOf(d, Math.max(0, d.length + resize));
                            for (int i = 0; i < positions.size(); i++) {
                                if (positions.get(i) < m.length) {
                                    m[positions.get(i)] = values.get(i);
                                }
                            }
                            if (m.length >= 4 && resize != 0) {
                                m[2] = (byte) (m.length >>> 8);   // keep the size right so records get decoded
                                m[3] = (byte) m.length;
                            }
                            return m;
                        }))));
    }
}
