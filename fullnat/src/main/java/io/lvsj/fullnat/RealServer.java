package io.lvsj.fullnat;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A real server of a FullNAT service: where IPVS sends the connection, and so the
 * destination the source NAT rule matches after IPVS has rewritten it.
 *
 * @param address the real server's address (same family as the service)
 * @param port    its port; 0 for a port-0 (persistent, all ports) service
 */
public record RealServer(InetAddress address, int port) {
    public RealServer {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return AddressText.endpoint(address, port);
    }
}
