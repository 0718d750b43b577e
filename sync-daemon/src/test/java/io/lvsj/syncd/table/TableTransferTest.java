package io.lvsj.syncd.table;

import io.lvsj.syncd.wire.ConntrackRecord;
import io.lvsj.syncd.wire.Records;
import io.lvsj.syncd.wire.SyncEntry;
import io.lvsj.syncd.wire.Tracked;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableTransferTest {

    static byte[] written(ConnectionTable t, long now) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TableTransfer.write(t.snapshot(), now, out);
        return out.toByteArray();
    }

    @Test
    void aTableTravelsWithWhatIsLeftOfEachTimeout() throws IOException {
        ConnectionTable t = new ConnectionTable(100);
        t.update(Records.tcp(1, 900).encode(), 0);
        t.update(Records.everyOption().encode(), 0);
        t.update(Records.tcp(2, 5).encode(), 0);
        byte[] state = written(t, 100_000);
        List<byte[]> read = new ArrayList<>();
        assertEquals(2, TableTransfer.read(new ByteArrayInputStream(state), read::add), "the expired one stays behind");
        assertEquals(List.of(800L, 800L), read.stream().map(SyncEntry::timeoutSeconds).toList());
    }

    @Test
    void aDamagedStateIsRefusedWithAReason() throws IOException {
        ConnectionTable t = new ConnectionTable(100);
        t.update(Records.tcp(1, 900).encode(), 0);
        t.update(Records.tcp(2, 900).encode(), 0);
        byte[] state = written(t, 0);
        IOException e = assertThrows(IOException.class,
                () -> TableTransfer.read(new ByteArrayInputStream(Arrays.copyOf(state, state.length - 5)), r -> { }));
        assertEquals("the state ended before its last connection", e.getMessage());
        byte[] bad = state.clone();
        bad[8 + 2 + 38 + 1] = 99;    // the second record's protocol
        List<byte[]> read = new ArrayList<>();
        e = assertThrows(IOException.class, () -> TableTransfer.read(new ByteArrayInputStream(bad), read::add));
        assertTrue(e.getMessage().startsWith("connection 2 of the state: "), e.getMessage());
        assertEquals(1, read.size(), "the whole record before it was handed on");
        e = assertThrows(IOException.class, () -> TableTransfer.read(new ByteArrayInputStream(new byte[16]), r -> { }));
        assertEquals("the state is not an lvs-syncd connection table of this version", e.getMessage());
    }

    @Test
    void conntrackEntriesTravelInASectionOfTheirOwn() throws IOException {
        ConnectionTable connections = new ConnectionTable(100);
        connections.update(Records.tcp(1, 900).encode(), 0);
        ConnectionTable tracked = new ConnectionTable(100, RecordFormat.CONNTRACK);
        tracked.update(Tracked.fullNat(40000, 5555, 432000), 0);
        tracked.update(Tracked.udp6(5300, 47742, 30), 0);
        tracked.update(Tracked.fullNat(40001, 5556, 10), 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(new TableTransfer.Counts(1, 2), TableTransfer.write(connections.snapshot(), tracked.snapshot(), 20_000, out));
        List<byte[]> c = new ArrayList<>();
        List<byte[]> t = new ArrayList<>();
        assertEquals(new TableTransfer.Counts(1, 2),
                TableTransfer.read(new ByteArrayInputStream(out.toByteArray()), c::add, t::add));
        assertEquals(List.of(10L, 431980L), t.stream().map(ConntrackRecord::timeoutSeconds).sorted().toList());
        assertEquals(1, TableTransfer.read(new ByteArrayInputStream(out.toByteArray()), r -> { }),
                "a reader of IPVS connections only stops after its section");
    }

    @Test
    void aStateWithoutTheConntrackSectionIsWholeAndADamagedOneIsNot() throws IOException {
        ConnectionTable connections = new ConnectionTable(100);
        connections.update(Records.tcp(1, 900).encode(), 0);
        byte[] full = written(connections, 0);
        int oldLength = 8 + 2 + 36 + 2;     // magic, one record, the end of the section: a release without conntrack
        List<byte[]> t = new ArrayList<>();
        assertEquals(new TableTransfer.Counts(1, 0),
                TableTransfer.read(new ByteArrayInputStream(Arrays.copyOf(full, oldLength)), r -> { }, t::add));
        IOException e = assertThrows(IOException.class, () -> TableTransfer.read(
                new ByteArrayInputStream(Arrays.copyOf(full, oldLength + 3)), r -> { }, t::add));
        assertEquals("the state ended before its last connection", e.getMessage());
        byte[] wrong = full.clone();
        wrong[oldLength] = 'X';
        e = assertThrows(IOException.class, () -> TableTransfer.read(new ByteArrayInputStream(wrong), r -> { }, t::add));
        assertEquals("the state's second section is not conntrack entries of this version", e.getMessage());
    }
}
