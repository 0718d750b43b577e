package io.lvsj.ipvs;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** The two address families IPVS serves, with their kernel numbers. */
public enum AddressFamily {
    INET(2, 4),
    INET6(10, 16);

    private final int number;
    private final int addressLength;

    AddressFamily(int number, int addressLength) {
        this.number = number;
        this.addressLength = addressLength;
    }

    /** {@code AF_INET} = 2, {@code AF_INET6} = 10. */
    public int number() {
        return number;
    }

    /** Bytes in an address of this family. */
    public int addressLength() {
        return addressLength;
    }

    public static AddressFamily of(InetAddress address) {
        return switch (address) {
            case Inet4Address _ -> INET;
            case Inet6Address _ -> INET6;
            default -> throw new IllegalArgumentException("not an IP address: " + address);
        };
    }

    /** The family for a kernel number, or {@code null} for one IPVS does not use. */
    public static AddressFamily ofNumber(int number) {
        return switch (number) {
            case 2 -> INET;
            case 10 -> INET6;
            default -> null;
        };
    }
}
