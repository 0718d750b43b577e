package io.lvsj.ipvs;

/** Encapsulation for {@link ForwardingMethod#TUNNEL} destinations ({@code IP_VS_CONN_F_TUNNEL_TYPE_*}). */
public enum TunnelType {
    IPIP(0),
    GUE(1),
    GRE(2);

    /** {@code IP_VS_TUNNEL_ENCAP_FLAG_*}: no checksum. */
    public static final int FLAG_NOCSUM = 0;
    /** Checksum in the encapsulation header. */
    public static final int FLAG_CSUM = 1;
    /** Remote checksum offload (GUE only). */
    public static final int FLAG_REMCSUM = 2;

    private final int number;

    TunnelType(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The type for a kernel number, or {@code null} for one this library does not know. */
    public static TunnelType ofNumber(int number) {
        return switch (number) {
            case 0 -> IPIP;
            case 1 -> GUE;
            case 2 -> GRE;
            default -> null;
        };
    }
}
