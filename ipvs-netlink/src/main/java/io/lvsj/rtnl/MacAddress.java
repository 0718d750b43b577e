package io.lvsj.rtnl;

import java.util.Arrays;
import java.util.HexFormat;

/** A link-layer address, usually 6 bytes, written {@code 02:00:5e:00:01:0a}. */
public record MacAddress(byte[] bytes) {
    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    public MacAddress {
        bytes = bytes.clone();
    }

    public static MacAddress parse(String text) {
        return new MacAddress(COLONS.parseHex(text));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return COLONS.formatHex(bytes);
    }
}
