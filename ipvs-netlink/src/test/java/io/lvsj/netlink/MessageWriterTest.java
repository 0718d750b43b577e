package io.lvsj.netlink;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageWriterTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void padsAttributesToFourBytesButCountsOnlyThePayload() {
        MessageWriter w = new MessageWriter(8); // small, so it has to grow on the way
        int m = w.begin(0x10, Netlink.NLM_F_REQUEST, 0x01020304);
        w.genlHeader(3, 1).string(2, "rr").u8(5, 7).be16(6, 0x1f90);
        w.end(m);
        assertEquals("2c000000" + "1000" + "0100" + "04030201" + "00000000"
                        + "03010000"
                        + "07000200" + "72720000"
                        + "05000500" + "07000000"
                        + "06000600" + "1f900000",
                HEX.formatHex(w.toByteArray()));
    }

    @Test
    void nestsAttributesWithTheNestedFlagAndTheirWholeLength() {
        MessageWriter w = new MessageWriter();
        int m = w.begin(0x24, 0, 0);
        int outer = w.beginNested(1);
        w.u32(2, 9);
        int inner = w.beginNested(3);
        w.u16(4, 5);
        w.endNested(inner);
        w.endNested(outer);
        w.end(m);
        NetlinkMessage msg = MessageReader.read(w.contents()).getFirst();
        Attributes top = msg.attributesAfter(0);
        Attributes a = top.nested(1);
        assertEquals(9, a.u32(2));
        assertEquals(5, a.nested(3).u16(4));
        assertEquals(8 + 4 + 8, top.find(1).remaining()); // u32 attribute, inner header, padded u16
    }

    @Test
    void readsSeveralMessagesFromOneDatagramAndRejectsImpossibleLengths() {
        MessageWriter w = new MessageWriter();
        for (int seq = 1; seq <= 3; seq++) {
            int m = w.begin(0x24, 0, seq);
            w.u8(1, seq);
            w.end(m);
        }
        List<NetlinkMessage> msgs = MessageReader.read(w.contents());
        assertEquals(List.of(1, 2, 3), msgs.stream().map(NetlinkMessage::seq).toList());
        assertEquals(3, msgs.get(2).attributesAfter(0).u8(1));

        byte[] broken = w.toByteArray();
        broken[0] = (byte) 200; // claims more bytes than there are
        assertThrows(IllegalArgumentException.class, () -> MessageReader.read(ByteBuffer.wrap(broken)));
    }

    @Test
    void attributesAnswerAbsentValuesAndUnknownTypesQuietly() {
        MessageWriter w = new MessageWriter();
        int m = w.begin(0x24, 0, 0);
        w.u32(0x3ff, 1).flag(11).u64(12, -1L);
        w.end(m);
        Attributes a = MessageReader.read(w.contents()).getFirst().attributesAfter(0);
        assertEquals(-1L, a.u64(12));
        assertEquals(0xffffffffffffffffL, a.counter(12));
        assertFalse(a.has(13));
        assertNull(a.nested(13));
        assertEquals(42, a.u32(13, 42));
        assertTrue(a.has(11));
        assertThrows(Attributes.MissingAttributeException.class, () -> a.u32(13));
    }
}
