package io.lvsj.syncd.wire;

import io.lvsj.fuzz.Fuzzer;
import io.lvsj.fuzz.Fuzzer.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target "lvs-sync" (issue 12: "the sync decoder when it exists"): the kernel sync
 * daemon's datagrams as lvs-syncd reads them, valid ones with every option mutated by the
 * project's fuzz harness, so the long run (bench/fuzz) counts them with the other decoders.
 * Each input is accepted (and then re-encodes canonically, {@link SyncDatagramFuzzTest}'s
 * check) or rejected whole; the decoder never throws.
 */
class SyncDatagramMutationFuzzTest {

    @Test
    void everyMutatedDatagramIsAcceptedCanonicallyOrRejected() {
        Fuzzer.target("lvs-sync", seeds()).run(5_000, bytes -> {
            SyncDatagramFuzzTest.checkedDecode(bytes);
            return SyncDatagram.decode(bytes) instanceof Decoded.Accepted ? Outcome.CLEAN : Outcome.REJECTED;
        });
    }

    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        List<List<SyncConnection>> sets = List.of(List.of(Records.tcp(1000, 60)), List.of(Records.everyOption()),
                List.of(Records.tcp(2, 0), Records.everyOption(), Records.tcp(1000, 60)));
        for (List<SyncConnection> set : sets) {
            List<byte[]> records = new ArrayList<>();
            set.forEach(c -> records.add(c.encode()));
            seeds.add(SyncDatagram.encode(9, records, 65535).getFirst());
        }
        return seeds;
    }
}
