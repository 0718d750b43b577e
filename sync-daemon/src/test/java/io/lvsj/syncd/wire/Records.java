package io.lvsj.syncd.wire;

import java.net.InetAddress;
import java.util.Optional;

/** Sync records for tests. */
public final class Records {
    private Records() {
    }

    public static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    /** An established TCP NAT connection from 203.0.113.100:{@code clientPort} to 192.0.2.10:80. */
    public static SyncConnection tcp(int clientPort, long timeout) {
        return SyncConnection.of(6, ConnectionFlags.MASQ, 1, ip("203.0.113.100"), clientPort, ip("192.0.2.10"), 80,
                ip("198.51.100.11"), 80, 0, timeout);
    }

    /** An IPv6 connection with every option the format has. */
    public static SyncConnection everyOption() {
        return new SyncConnection(6, ConnectionFlags.MASQ | ConnectionFlags.IN_SEQ | ConnectionFlags.OUT_SEQ, 1,
                ip("2001:db8:1::100"), 40000, ip("2001:db8:1::10"), 21, ip("2001:db8:2::11"), 21, 7, 900,
                Optional.of(new SyncConnection.Sequence(1, -2, 3, 0x7fffffff, -1, 0)),
                Optional.of("call-1".getBytes()), Optional.of("sip"));
    }
}
