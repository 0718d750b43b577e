package io.lvsj.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Splits a received datagram into netlink messages. Pure code, no I/O. */
public final class MessageReader {
    private MessageReader() {
    }

    /**
     * The messages in {@code datagram} (from its position to its limit). A message whose
     * length is impossible ends the walk with an {@link IllegalArgumentException}: the kernel
     * never sends one, so it means the bytes are not netlink.
     */
    public static List<NetlinkMessage> read(ByteBuffer datagram) {
        ByteBuffer in = datagram.slice().order(ByteOrder.nativeOrder());
        List<NetlinkMessage> messages = new ArrayList<>();
        int offset = 0;
        while (in.limit() - offset >= Netlink.HEADER_LENGTH) {
            int length = in.getInt(offset);
            if (length < Netlink.HEADER_LENGTH || length > in.limit() - offset) {
                throw new IllegalArgumentException("malformed netlink message at offset " + offset
                        + ": length " + length + ", " + (in.limit() - offset) + " bytes left");
            }
            int type = in.getShort(offset + 4) & 0xffff;
            int flags = in.getShort(offset + 6) & 0xffff;
            int seq = in.getInt(offset + 8);
            int portId = in.getInt(offset + 12);
            ByteBuffer payload = in.slice(offset + Netlink.HEADER_LENGTH, length - Netlink.HEADER_LENGTH)
                    .order(ByteOrder.nativeOrder());
            messages.add(new NetlinkMessage(type, flags, seq, portId, payload));
            offset += Netlink.align(length);
        }
        return messages;
    }
}
