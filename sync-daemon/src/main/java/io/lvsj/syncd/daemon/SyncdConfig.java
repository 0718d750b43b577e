package io.lvsj.syncd.daemon;

import io.lvsj.syncd.cluster.ClusterSettings;
import io.lvsj.syncd.cluster.Transport;
import io.lvsj.syncd.kernel.DaemonMode;
import io.lvsj.syncd.kernel.SyncLink;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * lvs-syncd's configuration file, parsed ({@link SyncdConfigParser} documents the format).
 *
 * @param keyFile        the cluster key file
 * @param daemons        whether lvs-syncd starts the kernel's sync daemons or follows those running
 * @param link           the veth pair between the kernel's daemons and lvs-syncd
 * @param syncId         the sync id of the daemons lvs-syncd starts
 * @param syncGroup      the kernel daemons' multicast group
 * @param syncPort       and port
 * @param maxConnections the table's limit
 * @param controlSocket  where {@code lvs-syncd --status} asks
 * @param metricsListen  where {@code /metrics}, {@code /state} and {@code /healthz} are served, if anywhere
 */
public record SyncdConfig(String cluster, String node, Transport transport, InetAddress bind, int port,
                          InetAddress multicastGroup, int multicastPort, int multicastTtl,
                          List<InetSocketAddress> peers, Path keyFile, DaemonMode daemons, SyncLink link,
                          int syncId, InetAddress syncGroup, int syncPort, int maxConnections,
                          Duration stateTimeout, Path controlSocket, Optional<InetSocketAddress> metricsListen) {
    /** lvs-syncd's port for its status endpoint when {@code metrics-listen} names none (keepalived-j's is 9650). */
    public static final int DEFAULT_METRICS_PORT = 9651;

    public SyncdConfig {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(node, "node");
        peers = List.copyOf(peers);
        Objects.requireNonNull(metricsListen, "metricsListen");
    }

    /** The cluster part, given the key read from {@link #keyFile}. */
    public ClusterSettings clusterSettings(io.lvsj.syncd.cluster.ClusterKey key) {
        return new ClusterSettings(cluster, node, transport, bind, port, multicastGroup, multicastPort, multicastTtl,
                peers, key, stateTimeout);
    }

    /** Whether changing from {@code other} to this needs the cluster to be left and joined again. */
    public boolean clusterDiffers(SyncdConfig other) {
        return !cluster.equals(other.cluster) || !node.equals(other.node) || transport != other.transport
                || !bind.equals(other.bind) || port != other.port || !multicastGroup.equals(other.multicastGroup)
                || multicastPort != other.multicastPort || multicastTtl != other.multicastTtl
                || !peers.equals(other.peers) || !keyFile.equals(other.keyFile)
                || !stateTimeout.equals(other.stateTimeout);
    }

    /** Whether changing from {@code other} to this needs the kernel side set up again. */
    public boolean kernelDiffers(SyncdConfig other) {
        return daemons != other.daemons || !link.equals(other.link) || syncId != other.syncId
                || !syncGroup.equals(other.syncGroup) || syncPort != other.syncPort;
    }
}
