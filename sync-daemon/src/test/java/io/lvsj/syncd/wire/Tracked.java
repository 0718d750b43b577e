package io.lvsj.syncd.wire;

import java.net.InetAddress;

/** Conntrack records for tests: FullNAT entries as a master's kernel has them. */
public final class Tracked {
    private Tracked() {
    }

    /** TCP 203.0.113.100:cport -> 203.0.113.10:80, sent to 198.51.100.11:8080, source NAT to 198.51.100.50:lport. */
    public static byte[] fullNat(int clientPort, int localPort, long timeout) {
        return ConntrackRecord.encode(ConntrackRecord.UPDATE, 6, 3, 0, 0x19e, timeout, 0,
                new InetAddress[]{InetAddress.ofLiteral("203.0.113.100"), InetAddress.ofLiteral("203.0.113.10"),
                        InetAddress.ofLiteral("198.51.100.11"), InetAddress.ofLiteral("198.51.100.50")},
                new int[]{clientPort, 80, 8080, localPort});
    }

    /** The same over IPv6, UDP, in zone 7. */
    public static byte[] udp6(int clientPort, int localPort, long timeout) {
        return ConntrackRecord.encode(ConntrackRecord.UPDATE, 17, -1, 7, 0x19a, timeout, 5,
                new InetAddress[]{InetAddress.ofLiteral("2001:db8:1::100"), InetAddress.ofLiteral("2001:db8:1::10"),
                        InetAddress.ofLiteral("2001:db8:2::11"), InetAddress.ofLiteral("2001:db8:2::50")},
                new int[]{clientPort, 53, 5353, localPort});
    }
}
