package io.lvsj.syncd.table;

import io.lvsj.syncd.wire.Records;
import io.lvsj.syncd.wire.SyncConnection;
import io.lvsj.syncd.wire.SyncEntry;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConnectionTableTest {

    @Test
    void aNewerRecordOfTheSameConnectionReplacesTheOlder() {
        ConnectionTable t = new ConnectionTable(10);
        assertEquals(ConnectionTable.Update.ADDED, t.update(Records.tcp(1000, 60).encode(), 0));
        SyncConnection moved = SyncConnection.of(6, 0, 4, Records.ip("203.0.113.100"), 1000, Records.ip("192.0.2.10"),
                80, Records.ip("198.51.100.12"), 80, 0, 120);
        assertEquals(ConnectionTable.Update.REPLACED, t.update(moved.encode(), 1000));
        assertEquals(1, t.size());
        assertArrayEquals(moved.encode(), t.get(Records.tcp(1000, 1).encode()), "destination and state are not the key");
        assertEquals(ConnectionTable.Update.ADDED, t.update(Records.tcp(1001, 60).encode(), 0));
        assertEquals(2, t.size());
    }

    @Test
    void connectionsExpireWhenTheirLastTimeoutRunsOut() {
        ConnectionTable t = new ConnectionTable(10);
        t.update(Records.tcp(1, 60).encode(), 0);
        t.update(Records.tcp(2, 120).encode(), 0);
        t.update(Records.tcp(1, 60).encode(), 30_000);     // refreshed: now lives until 90 s
        assertEquals(0, t.expire(59_999));
        assertEquals(0, t.expire(60_000), "the refresh moved the first one's expiry");
        assertEquals(1, t.expire(90_000));
        assertNull(t.get(Records.tcp(1, 0).encode()));
        assertEquals(1, t.expire(120_000));
        assertEquals(0, t.size());
    }

    @Test
    void aZeroTimeoutLivesAsLongAsTheKernelGivesIt() {
        ConnectionTable t = new ConnectionTable(10);
        t.update(Records.tcp(1, 0).encode(), 0);
        assertEquals(0, t.expire(179_999));
        assertEquals(1, t.expire(180_000));
    }

    @Test
    void aFullTableRefusesNewConnectionsButTakesUpdates() {
        ConnectionTable t = new ConnectionTable(2);
        t.update(Records.tcp(1, 60).encode(), 0);
        t.update(Records.tcp(2, 60).encode(), 0);
        assertEquals(ConnectionTable.Update.FULL, t.update(Records.tcp(3, 60).encode(), 0));
        assertEquals(ConnectionTable.Update.REPLACED, t.update(Records.tcp(2, 90).encode(), 0));
        assertEquals(2, t.size());
    }

    @Test
    void aSnapshotCarriesWhatIsLeftOfEachTimeout() {
        ConnectionTable t = new ConnectionTable(10);
        t.update(Records.tcp(1, 60).encode(), 0);
        t.update(Records.tcp(2, 10).encode(), 0);
        ConnectionTable.Snapshot s = t.snapshot();
        t.update(Records.tcp(3, 10).encode(), 0);
        List<Long> left = new ArrayList<>();
        s.forEachRemaining(9_500, r -> left.add(SyncEntry.timeoutSeconds(r)));
        left.sort(null);
        assertEquals(List.of(1L, 51L), left, "rounded up, at least a second; later updates are not in it");
        List<byte[]> none = new ArrayList<>();
        s.forEachRemaining(60_000, none::add);
        assertEquals(0, none.size(), "expired ones are left out");
    }

    /** Random adds, refreshes and expiries agree with a plain map, through growth and deletion. */
    @Property(tries = 200)
    void behavesLikeAMap(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = 150) Integer> ports,
                         @ForAll @IntRange(min = 1, max = 50) int step) {
        ConnectionTable t = new ConnectionTable(1_000);
        Map<Integer, Long> model = new HashMap<>();
        long now = 0;
        for (int port : ports) {
            now += step * 100L;
            long timeout = 1 + port % 7;
            t.update(Records.tcp(port, timeout).encode(), now);
            model.put(port, now + timeout * 1000);
            if (port % 5 == 0) {
                long at = now;
                int expected = (int) model.values().stream().filter(e -> e <= at).count();
                model.values().removeIf(e -> e <= at);
                assertEquals(expected, t.expire(now));
            }
            assertEquals(model.size(), t.size());
        }
        for (int port = 0; port <= 150; port++) {
            assertEquals(model.containsKey(port), t.get(Records.tcp(port, 1).encode()) != null, "port " + port);
        }
    }
}
