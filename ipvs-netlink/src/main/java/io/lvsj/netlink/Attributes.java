package io.lvsj.netlink;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The attributes (TLVs) of one level of a netlink message, parsed once and looked up by
 * type. Unknown types are kept and ignored, as the kernel does, so a newer kernel's extra
 * attributes never break decoding. Zero-length padding attributes are kept too, and simply
 * never asked for. Pure code.
 */
public final class Attributes {
    private final List<Attribute> all;
    /**
     * The same attributes for lookups: scanning an array allocates nothing, where a list
     * iterator and a buffer duplicate per lookup were most of the cost of decoding a large
     * dump (profiled on 100,000 IPVS destinations in the lab).
     */
    private final Attribute[] items;

    private Attributes(List<Attribute> all) {
        this.all = Collections.unmodifiableList(all);
        this.items = all.toArray(new Attribute[0]);
    }

    /** One attribute: its type (flag bits removed) and its payload. */
    public record Attribute(int type, ByteBuffer value) {
        public Attributes nested() {
            return Attributes.parse(value);
        }
    }

    public static Attributes parse(ByteBuffer bytes) {
        ByteBuffer in = bytes.slice().order(ByteOrder.nativeOrder());
        List<Attribute> found = new ArrayList<>();
        int offset = 0;
        while (in.limit() - offset >= Netlink.ATTRIBUTE_HEADER_LENGTH) {
            int length = in.getShort(offset) & 0xffff;
            int type = in.getShort(offset + 2) & Netlink.NLA_TYPE_MASK;
            if (length < Netlink.ATTRIBUTE_HEADER_LENGTH || length > in.limit() - offset) {
                throw new IllegalArgumentException("malformed netlink attribute at offset " + offset
                        + ": length " + length + ", " + (in.limit() - offset) + " bytes left");
            }
            ByteBuffer value = in.slice(offset + Netlink.ATTRIBUTE_HEADER_LENGTH, length - Netlink.ATTRIBUTE_HEADER_LENGTH)
                    .order(ByteOrder.nativeOrder());
            found.add(new Attribute(type, value));
            offset += Netlink.align(length);
        }
        return new Attributes(found);
    }

    public List<Attribute> all() {
        return all;
    }

    /** Every attribute of this type, in order (for lists such as rtnetlink's nested arrays). */
    public List<Attribute> allOf(int type) {
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : all) {
            if (a.type == type) {
                out.add(a);
            }
        }
        return out;
    }

    public boolean has(int type) {
        return stored(type) != null;
    }

    /** The payload of the first attribute of this type, or {@code null}. */
    public ByteBuffer find(int type) {
        ByteBuffer value = stored(type);
        return value == null ? null : value.duplicate().order(ByteOrder.nativeOrder());
    }

    /** The payload as stored, shared: for reads at absolute positions only. */
    private ByteBuffer stored(int type) {
        for (Attribute a : items) {
            if (a.type == type) {
                return a.value;
            }
        }
        return null;
    }

    private ByteBuffer require(int type, int minLength) {
        ByteBuffer value = stored(type);
        if (value == null) {
            throw new MissingAttributeException(type);
        }
        if (value.remaining() < minLength) {
            throw new IllegalArgumentException("attribute " + type + " has " + value.remaining()
                    + " bytes, needs " + minLength);
        }
        return value;
    }

    public int u8(int type) {
        return require(type, 1).get(0) & 0xff;
    }

    public int u16(int type) {
        return require(type, 2).getShort(0) & 0xffff;
    }

    /** A 16-bit value in network byte order. */
    public int be16(int type) {
        ByteBuffer v = require(type, 2);
        return ((v.get(0) & 0xff) << 8) | (v.get(1) & 0xff);
    }

    public int u32(int type) {
        return require(type, 4).getInt(0);
    }

    /** A 32-bit value in network byte order. */
    public int be32(int type) {
        return bigEndianInt(require(type, 4));
    }

    private static int bigEndianInt(ByteBuffer v) {
        return ((v.get(0) & 0xff) << 24) | ((v.get(1) & 0xff) << 16) | ((v.get(2) & 0xff) << 8) | (v.get(3) & 0xff);
    }

    public long u64(int type) {
        return require(type, 8).getLong(0);
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
        ByteBuffer v = stored(type);
        if (v == null) {
            return 0;
        }
        return v.remaining() >= 8 ? v.getLong(0) : Integer.toUnsignedLong(v.getInt(0));
    }

    public byte[] bytes(int type) {
        ByteBuffer v = require(type, 0);
        byte[] out = new byte[v.remaining()];
        v.get(0, out);
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
        ByteBuffer v = require(type, length);
        byte[] raw = new byte[length];
        v.get(0, raw);
        try {
            // Inet6Address directly: InetAddress.getByAddress would turn ::ffff:a.b.c.d into IPv4.
            return length == 16 ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("attribute " + type + " is not an address", e);
        }
    }

    /** The nested attributes inside attribute {@code type}, or {@code null} when absent. */
    public Attributes nested(int type) {
        ByteBuffer v = stored(type);
        return v == null ? null : parse(v);
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
