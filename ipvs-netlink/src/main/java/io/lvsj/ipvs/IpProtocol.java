package io.lvsj.ipvs;

/**
 * An IP protocol number. IPVS serves TCP, UDP and SCTP, but the kernel does not check the
 * number a netlink client sends, so a table read back may hold any; hence a record and
 * not an enum.
 */
public record IpProtocol(int number) {
    public static final IpProtocol TCP = new IpProtocol(6);
    public static final IpProtocol UDP = new IpProtocol(17);
    public static final IpProtocol SCTP = new IpProtocol(132);

    public IpProtocol {
        if (number < 0 || number > 0xffff) {
            throw new IllegalArgumentException("protocol number out of range: " + number);
        }
    }

    /** "TCP", "UDP", "SCTP", or {@code null} for a number IPVS has no name for. */
    public String name() {
        return switch (number) {
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 132 -> "SCTP";
            default -> null;
        };
    }

    @Override
    public String toString() {
        String name = name();
        return name != null ? name : "protocol " + number;
    }
}
