package io.lvsj.keepalived.vrrp.wire;

/** VRRPv2 authentication types (RFC 2338 §5.3.6; keepalived keeps all three). */
public enum AuthType {
    NONE(0),
    /** A clear-text password of up to 8 bytes in the advert's trailer. */
    PASS(1),
    /** keepalived's IPsec-AH style header with HMAC-MD5-96 before the VRRP header. */
    AH(2);

    private final int code;

    AuthType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with {@code code}, or {@code null} for a value no VRRP version defines. */
    public static AuthType of(int code) {
        for (AuthType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
