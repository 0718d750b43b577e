package io.lvsj.syncd.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how this director meets the others.
 *
 * @param name           the cluster's name; directors with other names are other clusters
 * @param node           this director's name in logs and status (its host name by default)
 * @param transport      multicast on one segment, or TCP to {@code peers}
 * @param bindAddress    the local address the cluster's sockets use
 * @param port           the UDP (unicast) or TCP port
 * @param multicastGroup the group of the multicast transport
 * @param multicastPort  its port
 * @param multicastTtl   its TTL (1 keeps it on the segment)
 * @param peers          the TCP transport's peers (this director may be among them)
 * @param key            the shared secret every member holds
 * @param stateTimeout   how long a joining director waits for the table
 */
public record ClusterSettings(String name, String node, Transport transport, InetAddress bindAddress, int port,
                              InetAddress multicastGroup, int multicastPort, int multicastTtl,
                              List<InetSocketAddress> peers, ClusterKey key, Duration stateTimeout) {
    public static final int DEFAULT_PORT = 7850;
    public static final int DEFAULT_MULTICAST_PORT = 45850;
    public static final String DEFAULT_MULTICAST_GROUP = "239.8.8.50";

    public ClusterSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(multicastGroup, "multicastGroup");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stateTimeout, "stateTimeout");
        peers = List.copyOf(peers);
        if (transport == Transport.TCP && peers.isEmpty()) {
            throw new IllegalArgumentException("the TCP transport needs at least one peer");
        }
    }
}
