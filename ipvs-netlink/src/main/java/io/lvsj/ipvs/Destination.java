package io.lvsj.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A real server as configured: everything {@code ipvsadm -a/-e} sets. Its address family is
 * that of {@code address}; it may differ from the service's only for tunnels.
 *
 * @param address        the real server
 * @param port           its port (the kernel ignores it for direct routing and tunnels)
 * @param method         how packets reach it
 * @param weight         0..{@link Integer#MAX_VALUE}; 0 = quiesced, takes no new connections
 * @param upperThreshold connection limit, 0 = none
 * @param lowerThreshold level at which an overloaded server takes connections again, 0 = 75% of upper
 * @param tunnelType     encapsulation for tunnels
 * @param tunnelPort     UDP port for GUE, else 0
 * @param tunnelFlags    {@link TunnelType#FLAG_NOCSUM}, {@link TunnelType#FLAG_CSUM} or {@link TunnelType#FLAG_REMCSUM}
 */
public record Destination(InetAddress address, int port, ForwardingMethod method, int weight,
                          int upperThreshold, int lowerThreshold,
                          TunnelType tunnelType, int tunnelPort, int tunnelFlags) {

    public Destination {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(tunnelType, "tunnelType");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (tunnelPort < 0 || tunnelPort > 0xffff) {
            throw new IllegalArgumentException("tunnel port out of range: " + tunnelPort);
        }
    }

    /** Weight 1, no thresholds, no tunnel options: what {@code ipvsadm -a ... -r ADDR:PORT} makes. */
    public static Destination of(InetAddress address, int port, ForwardingMethod method) {
        return new Destination(address, port, method, 1, 0, 0, TunnelType.IPIP, 0, 0);
    }

    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    public Destination withWeight(int newWeight) {
        return new Destination(address, port, method, newWeight, upperThreshold, lowerThreshold,
                tunnelType, tunnelPort, tunnelFlags);
    }

    public Destination withThresholds(int upper, int lower) {
        return new Destination(address, port, method, weight, upper, lower, tunnelType, tunnelPort, tunnelFlags);
    }

    public Destination withTunnel(TunnelType type, int udpPort, int flags) {
        return new Destination(address, port, method, weight, upperThreshold, lowerThreshold, type, udpPort, flags);
    }

    @Override
    public String toString() {
        return Endpoints.format(address, port) + " " + method.label() + " weight " + weight;
    }
}
