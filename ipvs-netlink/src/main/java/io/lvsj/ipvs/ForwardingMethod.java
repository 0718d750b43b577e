package io.lvsj.ipvs;

/** How a destination is reached ({@code IP_VS_CONN_F_*} forwarding methods), with the kernel's numbers. */
public enum ForwardingMethod {
    /** NAT ({@code -m}). */
    MASQ(0, "Masq"),
    /** The director itself serves (shown as Local; ipvsadm saves it as {@code -g}). */
    LOCALNODE(1, "Local"),
    /** IP-in-IP and other tunnels ({@code -i}). */
    TUNNEL(2, "Tunnel"),
    /** Direct routing ({@code -g}), the default. */
    DROUTE(3, "Route");

    private final int number;
    private final String label;

    ForwardingMethod(int number, String label) {
        this.number = number;
        this.label = label;
    }

    public int number() {
        return number;
    }

    /** The word ipvsadm prints in the Forward column. */
    public String label() {
        return label;
    }

    /** The method for a kernel number (only the low three bits count, as in the kernel). */
    public static ForwardingMethod ofNumber(int number) {
        return switch (number & 7) {
            case 0 -> MASQ;
            case 1 -> LOCALNODE;
            case 2 -> TUNNEL;
            case 3 -> DROUTE;
            default -> throw new IllegalArgumentException("unknown forwarding method " + (number & 7));
        };
    }
}
