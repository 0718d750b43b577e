package io.lvsj.netlink;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcknowledgementTest {

    /** An NLMSG_ERROR as the kernel writes it with NETLINK_CAP_ACK and NETLINK_EXT_ACK set. */
    @Test
    void decodesACappedErrorWithExtendedAckText() {
        MessageWriter w = new MessageWriter();
        int m = w.begin(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED | Netlink.NLM_F_ACK_TLVS, 77);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(20).order(java.nio.ByteOrder.nativeOrder());
        b.putInt(-17).putInt(120).putShort((short) 0x24).putShort((short) 5).putInt(77).putInt(999);
        w.raw(b.array());
        w.string(Netlink.NLMSGERR_ATTR_MSG, "Service already exists");
        w.end(m);
        Acknowledgement ack = Acknowledgement.of(MessageReader.read(w.contents()).getFirst());
        assertEquals(77, ack.seq());
        assertEquals(17, ack.errno());
        assertEquals("Service already exists", ack.kernelMessage());
    }

    /** Without CAP_ACK the whole request is echoed before any TLVs; an ACK is errno 0. */
    @Test
    void decodesAnUncappedAckThatEchoesTheRequest() {
        MessageWriter w = new MessageWriter();
        int m = w.begin(Netlink.NLMSG_ERROR, 0, 5);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 24).order(java.nio.ByteOrder.nativeOrder());
        b.putInt(0).putInt(24).putShort((short) 0x24).putShort((short) 5).putInt(5).putInt(0).putInt(0x0101).putInt(0);
        w.raw(b.array());
        w.end(m);
        Acknowledgement ack = Acknowledgement.of(MessageReader.read(w.contents()).getFirst());
        assertTrue(ack.ok());
        assertEquals(5, ack.seq());
        assertNull(ack.kernelMessage());
    }

    /** Issue 12: a payload too short for the error code was an IndexOutOfBoundsException. */
    @Test
    void rejectsAnErrorMessageTooShortForItsErrorCode() {
        NetlinkMessage message = shortMessage(Netlink.NLMSG_ERROR);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Acknowledgement.of(message));
        assertTrue(e.getMessage().contains("NLMSG_ERROR"), e.getMessage());
    }

    /** Issue 12: an echoed request with a negative length sent the text lookup before the payload. */
    @Test
    void rejectsAnEchoedRequestWithANegativeLength() {
        MessageWriter w = new MessageWriter();
        int m = w.begin(Netlink.NLMSG_ERROR, Netlink.NLM_F_ACK_TLVS, 5);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 16).order(java.nio.ByteOrder.nativeOrder());
        b.putInt(-22).putInt(-64).putShort((short) 0x24).putShort((short) 5).putInt(5).putInt(0);
        w.raw(b.array());
        w.string(Netlink.NLMSGERR_ATTR_MSG, "bad");
        w.end(m);
        NetlinkMessage message = MessageReader.read(w.contents()).getFirst();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Acknowledgement.of(message));
        assertTrue(e.getMessage().contains("length -64"), e.getMessage());
    }

    /** Issue 12: a generic netlink message without its 4-byte header. */
    @Test
    void rejectsAGenericNetlinkMessageWithoutItsHeader() {
        NetlinkMessage message = shortMessage(0x24);
        assertThrows(IllegalArgumentException.class, message::genlAttributes);
        assertThrows(IllegalArgumentException.class, message::genlCommand);
    }

    /** A message of {@code type} with a 2-byte payload (MessageWriter would pad it to 4). */
    private static NetlinkMessage shortMessage(int type) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(20).order(java.nio.ByteOrder.nativeOrder());
        b.putInt(18).putShort((short) type).putShort((short) 0).putInt(5).putInt(0).put((byte) 1).put((byte) 1);
        return MessageReader.read(b.flip()).getFirst();
    }
}
