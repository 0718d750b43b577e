package io.lvsj.keepalived.vrrp.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * VRRPv2 authentication: a type and the 8-byte key. keepalived truncates {@code auth_pass}
 * to 8 bytes and pads it with zeros; PASS sends those bytes, AH uses them as the HMAC key.
 */
public record Authentication(AuthType type, byte[] key) {
    public static final Authentication NONE = new Authentication(AuthType.NONE, new byte[Vrrp.AUTH_DATA_LENGTH]);

    public Authentication {
        Objects.requireNonNull(type, "type");
        if (key.length != Vrrp.AUTH_DATA_LENGTH) {
            throw new IllegalArgumentException("the authentication key is always 8 bytes, got " + key.length);
        }
        key = key.clone();
    }

    /** From an {@code auth_pass} string, truncated and padded to 8 bytes as keepalived does. */
    public static Authentication of(AuthType type, String password) {
        byte[] key = new byte[Vrrp.AUTH_DATA_LENGTH];
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(given, 0, key, 0, Math.min(given.length, key.length));
        return new Authentication(type, key);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    /** The key without a defensive copy, for the codec's hot path. */
    byte[] keyBytes() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Authentication a && a.type == type && Arrays.equals(a.key, key);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "Authentication[" + type + "]"; // never print the password
    }
}
