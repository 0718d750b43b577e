package io.lvsj.syncd.daemon;

import io.lvsj.syncd.wire.Decoded;
import io.lvsj.syncd.wire.Records;
import io.lvsj.syncd.wire.Rejection;
import io.lvsj.syncd.wire.SyncDatagram;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RelayTest {
    final AtomicLong now = new AtomicLong(1_000_000);
    final Counters counters = new Counters();
    final Relay relay = new Relay(1000, counters, now::get);
    final List<byte[]> sent = new ArrayList<>();
    final List<Integer> sentSyncIds = new ArrayList<>();
    final List<byte[]> injected = new ArrayList<>();

    RelayTest() {
        relay.outbox((syncId, records) -> {
            sentSyncIds.add(syncId);
            sent.addAll(records);
        });
    }

    void backup(int syncId, int maxLength) {
        relay.target(new Relay.Target(syncId, maxLength, datagrams -> {
            injected.addAll(datagrams);
            return 0;
        }));
    }

    static byte[] datagram(int syncId, int... ports) {
        List<byte[]> r = new ArrayList<>();
        for (int p : ports) {
            r.add(Records.tcp(p, 900).encode());
        }
        return SyncDatagram.encode(syncId, r, 1472).getFirst();
    }

    @Test
    void theKernelsUpdatesGoToTheTableAndTheCluster() {
        byte[] d = datagram(9, 1, 2, 3);
        relay.fromKernel(d, d.length);
        assertEquals(3, sent.size());
        assertEquals(List.of(9), sentSyncIds, "the master's sync id travels with them");
        assertEquals(3, relay.size());
        assertEquals(0, injected.size(), "nothing goes back into our own kernel");
    }

    @Test
    void aMalformedDatagramIsCountedAndGoesNowhere() {
        byte[] d = datagram(9, 1, 2);
        d[8 + 1] = 1;   // ICMP
        relay.fromKernel(d, d.length);
        byte[] runt = new byte[3];
        relay.fromKernel(runt, 3);
        assertEquals(0, sent.size());
        assertEquals(0, relay.size());
        assertEquals(java.util.Map.of("kernel protocol", 1L, "kernel too_short", 1L), counters.drops());
        relay.rejected("b", new Decoded.Rejected(Rejection.CLUSTER_FORMAT, 0));
        assertEquals(1L, counters.drops().get("cluster cluster_format"));
    }

    @Test
    void thePeersUpdatesGoIntoTheKernelsBackupDaemonWithItsSyncId() {
        backup(51, 1472);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(Records.tcp(1000 + i, 900).encode());
        }
        relay.received("b", 9, records);
        assertEquals(3, injected.size(), "100 records of 36 bytes in datagrams of at most 1472");
        for (byte[] d : injected) {
            assertEquals(51, ((Decoded.Accepted) SyncDatagram.decode(d)).syncId(), "the backup daemon's sync id");
        }
        assertEquals(100, relay.size());
    }

    @Test
    void withoutABackupDaemonUpdatesAreKeptAndCountedAndInjectedWhenOneAppears() {
        relay.received("b", 9, List.of(Records.tcp(1, 900).encode(), Records.tcp(2, 60).encode()));
        assertEquals(2, counters.notInjected.sum());
        now.addAndGet(30_000);
        backup(0, 1472);
        assertEquals(2, relay.injectAll());
        List<byte[]> records = ((Decoded.Accepted) SyncDatagram.decode(injected.getFirst())).records();
        assertEquals(List.of(870L, 30L), records.stream().map(io.lvsj.syncd.wire.SyncEntry::timeoutSeconds).sorted(
                java.util.Comparator.reverseOrder()).toList(), "with what is left of their timeouts");
    }

    @Test
    void stateGivenIsStateTaken() throws Exception {
        byte[] d = datagram(9, 1, 2, 3);
        relay.fromKernel(d, d.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        relay.writeState(out);
        Relay joiner = new Relay(1000, new Counters(), now::get);
        joiner.readState(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(3, joiner.size());
        assertEquals(1, counters.statesGiven.sum());
        now.addAndGet(900_000);
        assertEquals(3, relay.expire());
    }
}
