package io.lvsj.syncd.cli;

import io.lvsj.syncd.cluster.ClusterKey;
import io.lvsj.syncd.cluster.ClusterSettings;
import io.lvsj.syncd.cluster.SyncCluster;
import io.lvsj.syncd.cluster.Transport;
import io.lvsj.syncd.daemon.Counters;
import io.lvsj.syncd.daemon.Relay;
import io.lvsj.syncd.daemon.SyncdConfigParser;
import io.lvsj.syncd.wire.ConnectionFlags;
import io.lvsj.syncd.wire.SyncConnection;
import io.lvsj.syncd.wire.SyncDatagram;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

/**
 * The training run for lvs-syncd's AOT cache, made at package time: it does what the daemon
 * does at start (its command line, config, codec, table, a cluster of one on loopback with
 * state transfer) without a kernel, so the JVM can record the classes that start-up loads and
 * links. Not a command for people.
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) throws Exception {
        new CommandLine(new LvsSyncdCommand()).getUsageMessage();
        SyncdConfigParser.parse("training.conf", "bind 127.0.0.1\nkey-file k\ntransport tcp\npeer 127.0.0.1\n", "aot");
        Relay relay = new Relay(1000, new Counters(), System::currentTimeMillis);
        byte[] record = SyncConnection.of(6, ConnectionFlags.MASQ, 1, InetAddress.ofLiteral("192.0.2.100"), 40000,
                InetAddress.ofLiteral("192.0.2.10"), 80, InetAddress.ofLiteral("198.51.100.11"), 80, 0, 900).encode();
        byte[] datagram = SyncDatagram.encode(0, List.of(record), 1472).getFirst();
        relay.fromKernel(datagram, datagram.length);
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        relay.writeState(state);
        relay.readState(new ByteArrayInputStream(state.toByteArray()));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        InetAddress lo = InetAddress.getLoopbackAddress();
        ClusterSettings settings = new ClusterSettings("lvs-syncd-aot-training", "aot", Transport.TCP, lo, port,
                InetAddress.ofLiteral(ClusterSettings.DEFAULT_MULTICAST_GROUP), ClusterSettings.DEFAULT_MULTICAST_PORT, 1,
                List.of(new InetSocketAddress(lo, port)), ClusterKey.generate(), Duration.ofSeconds(5));
        try (SyncCluster cluster = SyncCluster.join(settings, relay)) {
            cluster.send(0, List.of(record));
        }
    }
}
