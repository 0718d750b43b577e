package io.lvsj.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A kernel connection-sync daemon. When starting one, the optional settings are left to the
 * kernel's defaults by passing 0 (or {@code null} for the group); the kernel reports the values
 * it chose (224.0.0.81, port 8848, TTL 1, maxlen from the MTU) when listed.
 *
 * @param state         master or backup
 * @param interfaceName multicast interface, at most 15 characters
 * @param syncId        0..255; a backup with 0 accepts every master
 * @param maxLength     largest sync message payload, 0 = kernel default
 * @param group         multicast group (IPv4 or IPv6), {@code null} = kernel default
 * @param port          UDP port, 0 = kernel default
 * @param ttl           multicast TTL, 0 = kernel default
 */
public record SyncDaemon(DaemonState state, String interfaceName, int syncId, int maxLength,
                         InetAddress group, int port, int ttl) {

    public SyncDaemon {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(interfaceName, "interfaceName");
        if (interfaceName.length() > 15) {
            throw new IllegalArgumentException("interface name longer than 15 characters: " + interfaceName);
        }
    }

    /** A daemon with every optional setting left to the kernel. */
    public static SyncDaemon of(DaemonState state, String interfaceName, int syncId) {
        return new SyncDaemon(state, interfaceName, syncId, 0, null, 0, 0);
    }
}
