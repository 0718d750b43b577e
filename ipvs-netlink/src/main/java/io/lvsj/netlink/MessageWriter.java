package io.lvsj.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds netlink messages, one after another, into one buffer: a batch is just several
 * messages written back to back and sent with one system call. Pure code, no I/O.
 *
 * <pre>
 *   int msg = writer.begin(type, flags, seq);
 *   writer.genlHeader(cmd, 1);
 *   int nest = writer.beginNested(1);
 *   writer.u16(1, 2);
 *   writer.endNested(nest);
 *   writer.end(msg);
 * </pre>
 *
 * Numbers are in host byte order, as netlink wants, except where a method says "be".
 */
public final class MessageWriter {
    private ByteBuffer buffer;

    public MessageWriter() {
        this(4096);
    }

    public MessageWriter(int initialCapacity) {
        buffer = ByteBuffer.allocateDirect(initialCapacity).order(ByteOrder.nativeOrder());
    }

    /** Starts a message; returns the handle to pass to {@link #end}. The port id is left 0: the kernel fills it in. */
    public int begin(int type, int flags, int seq) {
        ensure(Netlink.HEADER_LENGTH);
        int start = buffer.position();
        buffer.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        return start;
    }

    /** Ends the message started at {@code start}: fills in its length and pads it. */
    public void end(int start) {
        pad();
        buffer.putInt(start, buffer.position() - start);
    }

    public MessageWriter genlHeader(int command, int version) {
        ensure(Netlink.GENL_HEADER_LENGTH);
        buffer.put((byte) command).put((byte) version).putShort((short) 0);
        return this;
    }

    /** Raw bytes with no attribute header, for fixed message headers such as {@code struct ifaddrmsg}. */
    public MessageWriter raw(byte[] bytes) {
        ensure(bytes.length);
        buffer.put(bytes);
        return this;
    }

    public MessageWriter u8(int type, int value) {
        attributeHeader(type, 1);
        buffer.put((byte) value);
        pad();
        return this;
    }

    public MessageWriter u16(int type, int value) {
        attributeHeader(type, 2);
        buffer.putShort((short) value);
        pad();
        return this;
    }

    /** A 16-bit value in network byte order, as IPVS wants for ports. */
    public MessageWriter be16(int type, int value) {
        attributeHeader(type, 2);
        buffer.put((byte) (value >>> 8)).put((byte) value);
        pad();
        return this;
    }

    public MessageWriter u32(int type, int value) {
        attributeHeader(type, 4);
        buffer.putInt(value);
        return this;
    }

    /** Several 32-bit values in one attribute (a C struct of u32 fields). */
    public MessageWriter u32s(int type, int... values) {
        attributeHeader(type, 4 * values.length);
        for (int v : values) {
            buffer.putInt(v);
        }
        return this;
    }

    /** A 32-bit value in network byte order. */
    public MessageWriter be32(int type, int value) {
        attributeHeader(type, 4);
        buffer.put((byte) (value >>> 24)).put((byte) (value >>> 16)).put((byte) (value >>> 8)).put((byte) value);
        return this;
    }

    public MessageWriter u64(int type, long value) {
        attributeHeader(type, 8);
        buffer.putLong(value);
        return this;
    }

    public MessageWriter bytes(int type, byte[] value) {
        attributeHeader(type, value.length);
        buffer.put(value);
        pad();
        return this;
    }

    /** The address bytes, padded with zeros to {@code length} (IPVS sends IPv4 in 16 bytes). */
    public MessageWriter address(int type, InetAddress address, int length) {
        byte[] raw = address.getAddress();
        attributeHeader(type, length);
        buffer.put(raw, 0, Math.min(raw.length, length));
        for (int i = raw.length; i < length; i++) {
            buffer.put((byte) 0);
        }
        pad();
        return this;
    }

    /** A NUL-terminated string. */
    public MessageWriter string(int type, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        attributeHeader(type, bytes.length + 1);
        buffer.put(bytes).put((byte) 0);
        pad();
        return this;
    }

    /** An attribute with no payload (a flag). */
    public MessageWriter flag(int type) {
        attributeHeader(type, 0);
        return this;
    }

    /** Starts a nested attribute (with {@code NLA_F_NESTED}); returns the handle for {@link #endNested}. */
    public int beginNested(int type) {
        ensure(Netlink.ATTRIBUTE_HEADER_LENGTH);
        int start = buffer.position();
        buffer.putShort((short) 0).putShort((short) (type | Netlink.NLA_F_NESTED));
        return start;
    }

    public void endNested(int start) {
        buffer.putShort(start, (short) (buffer.position() - start));
    }

    /** Bytes written so far. */
    public int length() {
        return buffer.position();
    }

    /** Forgets everything written, keeping the buffer. */
    public MessageWriter clear() {
        buffer.clear();
        return this;
    }

    /** A read-only view of the bytes written so far (position 0, limit = length). */
    public ByteBuffer contents() {
        return buffer.asReadOnlyBuffer().flip().order(ByteOrder.nativeOrder());
    }

    /** The bytes written so far, copied. */
    public byte[] toByteArray() {
        ByteBuffer view = contents();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }

    /** The underlying direct buffer, for sending without a copy. Valid until the next write. */
    public ByteBuffer buffer() {
        return buffer;
    }

    private void attributeHeader(int type, int payloadLength) {
        if (payloadLength > 0xffff - Netlink.ATTRIBUTE_HEADER_LENGTH) {
            throw new IllegalArgumentException("attribute " + type + " too long: " + payloadLength);
        }
        ensure(Netlink.ATTRIBUTE_HEADER_LENGTH + payloadLength + 3);
        buffer.putShort((short) (Netlink.ATTRIBUTE_HEADER_LENGTH + payloadLength)).putShort((short) type);
    }

    private void pad() {
        int padding = Netlink.align(buffer.position()) - buffer.position();
        ensure(padding);
        for (int i = 0; i < padding; i++) {
            buffer.put((byte) 0);
        }
    }

    private void ensure(int more) {
        if (buffer.remaining() >= more) {
            return;
        }
        int capacity = Math.max(buffer.capacity() * 2, buffer.position() + more);
        ByteBuffer bigger = ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
    }
}
