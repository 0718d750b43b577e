package io.lvsj.syncd.table;

import io.lvsj.syncd.wire.Records;
import io.lvsj.syncd.wire.SyncEntry;
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
}
