package io.lvsj.netlink;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The attributes (TLVs) of one level of a netlink message, parsed once and looked up by
 * type. Unknown types are kept and ignored, as the kernel does, so a newer kernel's extra
 * attributes never break decoding. Zero-length padding attributes are kept too, and simply
 * never asked for. Pure code.
 */
public final class Attributes {
    /*
     * A flat index over one buffer: for attribute i, its type and where its payload starts and
     * how long it is. Reading a scalar is an absolute read on that buffer, so decoding a dump
     * allocates one index per attribute level, not a buffer slice and a record per attribute
     * (those were most of the garbage of a 10,000-service dump, which in the kernel lab costs
     * page faults and collections). Slices are made only for callers that ask for them.
     */
    private final ByteBuffer in;
    private final int count;
    private final int[] types;
    private final int[] offsets;
    private final int[] lengths;

    private Attributes(ByteBuffer in, int count, int[] types, int[] offsets, int[] lengths) {
        this.in = in;
        this.count = count;
        this.types = types;
        this.offsets = offsets;
        this.lengths = lengths;
    }

    /** One attribute: its type (flag bits removed) and its payload. */
    public record Attribute(int type, ByteBuffer value) {
        public Attributes nested() {
            return Attributes.parse(value);
        }
    }

    public static Attributes parse(ByteBuffer bytes) {
        ByteBuffer in = bytes.slice().order(ByteOrder.nativeOrder());
        int capacity = 16;
        int[] types = new int[capacity];
        int[] offsets = new int[capacity];
        int[] lengths = new int[capacity];
        int count = 0;
        int offset = 0;
        while (in.limit() - offset >= Netlink.ATTRIBUTE_HEADER_LENGTH) {
            int length = in.getShort(offset) & 0xffff;
            int type = in.getShort(offset + 2) & Netlink.NLA_TYPE_MASK;
            if (length < Netlink.ATTRIBUTE_HEADER_LENGTH || length > in.limit() - offset) {
                throw new IllegalArgumentException("malformed netlink attribute at offset " + offset
                        + ": length " + length + ", " + (in.limit() - offset) + " bytes left");
            }
            if (count == capacity) {
                capacity *= 2;
                types = Arrays.copyOf(types, capacity);
                offsets = Arrays.copyOf(offsets, capacity);
                lengths = Arrays.copyOf(lengths, capacity);
            }
            types[count] = type;
            offsets[count] = offset + Netlink.ATTRIBUTE_HEADER_LENGTH;
            lengths[count] = length - Netlink.ATTRIBUTE_HEADER_LENGTH;
            count++;
            offset += Netlink.align(length);
        }
        return new Attributes(in, count, types, offsets, lengths);
    }

    /** Every attribute, in order, each with a slice of its own. */
    public List<Attribute> all() {
        List<Attribute> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(attribute(i));
        }
        return Collections.unmodifiableList(out);
    }

    /** Every attribute of this type, in order (for lists such as rtnetlink's nested arrays). */
    public List<Attribute> allOf(int type) {
        List<Attribute> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (types[i] == type) {
                out.add(attribute(i));
            }
        }
        return out;
    }

    private Attribute attribute(int i) {
        return new Attribute(types[i], slice(i));
    }

    private ByteBuffer slice(int i) {
        return in.slice(offsets[i], lengths[i]).order(ByteOrder.nativeOrder());
    }

    public boolean has(int type) {
        return indexOf(type) >= 0;
    }

    /** The payload of the first attribute of this type, or {@code null}. */
    public ByteBuffer find(int type) {
        int i = indexOf(type);
        return i < 0 ? null : slice(i);
    }

    private int indexOf(int type) {
        for (int i = 0; i < count; i++) {
            if (types[i] == type) {
                return i;
            }
        }
        return -1;
    }

    /** Where the payload of {@code type} starts in {@link #in}, after checking it is there and long enough. */
    private int require(int type, int minLength) {
        int i = indexOf(type);
        if (i < 0) {
            throw new MissingAttributeException(type);
        }
        if (lengths[i] < minLength) {
            throw new IllegalArgumentException("attribute " + type + " has " + lengths[i]
                    + " bytes, needs " + minLength);
        }
        return offsets[i];
    }

    public int u8(int type) {
        return in.get(require(type, 1)) & 0xff;
    }

    public int u16(int type) {
        return in.getShort(require(type, 2)) & 0xffff;
    }

    /** A 16-bit value in network byte order. */
    public int be16(int type) {
        int at = require(type, 2);
        return ((in.get(at) & 0xff) << 8) | (in.get(at + 1) & 0xff);
    }

    public int u32(int type) {
        return in.getInt(require(type, 4));
    }

    /** A 32-bit value in network byte order. */
    public int be32(int type) {
        return bigEndian(require(type, 4));
    }

    private int bigEndian(int at) {
        return ((in.get(at) & 0xff) << 24) | ((in.get(at + 1) & 0xff) << 16) | ((in.get(at + 2) & 0xff) << 8) | (in.get(at + 3) & 0xff);
    }

    public long u64(int type) {
        return in.getLong(require(type, 8));
    }

    public int u8(int type, int absent) {
        return has(type) ? u8(type) : absent;
    }

    public int u16(int type, int absent) {
        return has(type) ? u16(type) : absent;
    }

    public int be16(int type, int absent) {
        return has(type) ? be16(type) : absent;
    }

    public int u32(int type, int absent) {
        return has(type) ? u32(type) : absent;
    }

    public long u64(int type, long absent) {
        return has(type) ? u64(type) : absent;
    }

    /** An unsigned 32- or 64-bit counter, whichever width the kernel sent. */
    public long counter(int type) {
        int i = indexOf(type);
        if (i < 0) {
            return 0;
        }
        return lengths[i] >= 8 ? in.getLong(offsets[i]) : Integer.toUnsignedLong(in.getInt(require(type, 4)));
    }

    public byte[] bytes(int type) {
        int i = indexOf(type);
        if (i < 0) {
            throw new MissingAttributeException(type);
        }
        byte[] out = new byte[lengths[i]];
        in.get(offsets[i], out);
        return out;
    }

    /** A string, up to its first NUL. */
    public String string(int type) {
        byte[] raw = bytes(type);
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    public String string(int type, String absent) {
        return has(type) ? string(type) : absent;
    }

    /** The first {@code length} bytes of the attribute as an address (4 for IPv4, 16 for IPv6). */
    public InetAddress address(int type, int length) {
        int at = require(type, length);
        byte[] raw = new byte[length];
        in.get(at, raw);
        try {
            // Inet6Address directly: InetAddress.getByAddress would turn ::ffff:a.b.c.d into IPv4.
            return length == 16 ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("attribute " + type + " is not an address", e);
        }
    }

    /** The nested attributes inside attribute {@code type}, or {@code null} when absent. */
    public Attributes nested(int type) {
        int i = indexOf(type);
        return i < 0 ? null : parse(slice(i));
    }

    /** An attribute a decoder needs was not there. */
    public static final class MissingAttributeException extends IllegalArgumentException {
        private final int type;

        public MissingAttributeException(int type) {
            super("netlink attribute " + type + " missing");
            this.type = type;
        }

        public int type() {
            return type;
        }
    }
}
