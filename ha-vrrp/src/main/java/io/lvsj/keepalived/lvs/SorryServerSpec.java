package io.lvsj.keepalived.lvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * {@code sorry_server IP [PORT]}: the destination that takes the traffic while the quorum is
 * lost, with weight 1. With {@code sorry_server_inhibit} it stays in IPVS at weight 0 while the
 * quorum holds.
 */
public record SorryServerSpec(InetAddress address, int port, Forwarding forwarding, boolean inhibit) {
    public SorryServerSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forwarding, "forwarding");
    }

    public RealServerKey key() {
        return new RealServerKey(address, port);
    }
}
