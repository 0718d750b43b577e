package io.lvsj.keepalived.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * A {@code real_server}, with the virtual server's defaults applied: forwarding method, weight
 * (1, or the virtual server's {@code weight}), inhibit and alpha, and the port (a NAT real
 * server without one uses the service's; DR and TUN servers must match it).
 */
public record RealServer(Location location, InetAddress address, int port, int weight, Forwarding forwarding,
                         long upperThreshold, long lowerThreshold, boolean inhibitOnFailure, boolean alpha,
                         Optional<Script> notifyUp, Optional<Script> notifyDown, boolean smtpAlert,
                         Optional<String> virtualhost, Optional<String> snmpName, List<Checker> checkers) {

    public RealServer {
        checkers = List.copyOf(checkers);
    }
}
