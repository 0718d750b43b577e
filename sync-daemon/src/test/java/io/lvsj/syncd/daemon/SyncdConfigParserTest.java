package io.lvsj.syncd.daemon;

import io.lvsj.syncd.cluster.Transport;
import io.lvsj.syncd.kernel.DaemonMode;
import io.lvsj.syncd.kernel.SyncLink;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncdConfigParserTest {

    static SyncdConfigParser.Result parse(String text) {
        return SyncdConfigParser.parse("lvs-syncd.conf", text, "dir1");
    }

    @Test
    void everySetting() {
        SyncdConfig c = parse("""
                # across a router
                cluster web-pair        ! a comment too
                node d1
                transport tcp
                bind 192.0.2.2
                port 7900
                peer 192.0.2.2
                peer 198.51.100.2:7901
                key-file /etc/lvs-syncd/cluster.key
                kernel-daemons follow
                sync-link lvs0 lvs1
                sync-id 51
                sync-group 224.0.0.82
                sync-port 8850
                max-connections 1000
                state-timeout 20
                control-socket /run/x.sock
                metrics-listen 192.0.2.2:9700
                """).config();
        assertEquals("web-pair", c.cluster());
        assertEquals("d1", c.node());
        assertEquals(Transport.TCP, c.transport());
        assertEquals(List.of(new InetSocketAddress(InetAddress.ofLiteral("192.0.2.2"), 7900),
                new InetSocketAddress(InetAddress.ofLiteral("198.51.100.2"), 7901)), c.peers(),
                "a peer without a port uses the cluster's");
        assertEquals(DaemonMode.FOLLOW, c.daemons());
        assertEquals(SyncLink.of("lvs0", "lvs1"), c.link());
        assertEquals(51, c.syncId());
        assertEquals(InetAddress.ofLiteral("224.0.0.82"), c.syncGroup());
        assertEquals(8850, c.syncPort());
        assertEquals(1000, c.maxConnections());
        assertEquals(Duration.ofSeconds(20), c.stateTimeout());
        assertEquals(Path.of("/run/x.sock"), c.controlSocket());
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.ofLiteral("192.0.2.2"), 9700)), c.metricsListen());
    }

    @Test
    void theStatusEndpointIsOffUnlessWrittenAndOnPort9651UnlessTold() {
        assertEquals(Optional.empty(), parse("bind 192.0.2.2\nkey-file k\n").config().metricsListen());
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 9651)),
                parse("bind 192.0.2.2\nkey-file k\nmetrics-listen 127.0.0.1\n").config().metricsListen());
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.ofLiteral("::1"), 9100)),
                parse("bind 192.0.2.2\nkey-file k\nmetrics-listen [::1]:9100\n").config().metricsListen());
        assertEquals(List.of("lvs-syncd.conf:3: localhost is not an IP address"),
                parse("bind 192.0.2.2\nkey-file k\nmetrics-listen localhost\n").errors());
        assertEquals(List.of("lvs-syncd.conf:3: 70000 is not a port (1..65535)"),
                parse("bind 192.0.2.2\nkey-file k\nmetrics-listen 127.0.0.1:70000\n").errors());
    }

    @Test
    void defaults() {
        SyncdConfig c = parse("bind 192.0.2.2\nkey-file k\n").config();
        assertEquals("lvs-syncd", c.cluster());
        assertEquals("dir1", c.node(), "the host name");
        assertEquals(Transport.MULTICAST, c.transport());
        assertEquals(DaemonMode.MANAGE, c.daemons());
        assertEquals(SyncLink.defaults(), c.link());
        assertEquals(8848, c.syncPort());
        assertEquals(7850, c.port());
    }

    @Test
    void everyMistakeIsReportedWithItsLine() {
        SyncdConfigParser.Result r = parse("""
                bind 192.0.2.300
                transport carrier-pigeon
                port 0
                port 7
                multicast-group 192.0.2.1
                sync-group ff02::81
                kernel-daemons
                peer 192.0.2.9
                frobnicate 1
                """);
        assertEquals(List.of(
                "lvs-syncd.conf:1: 192.0.2.300 is not an IP address",
                "lvs-syncd.conf:2: transport is multicast or tcp, not carrier-pigeon",
                "lvs-syncd.conf:3: 0 is not a port (1..65535)",
                "lvs-syncd.conf:4: port is set twice",
                "lvs-syncd.conf:5: 192.0.2.1 is not a multicast address",
                "lvs-syncd.conf:6: ff02::81 is not an IPv4 multicast address (lvs-syncd relays IPv4 sync groups)",
                "lvs-syncd.conf:7: kernel-daemons takes one value, not 0",
                "lvs-syncd.conf:9: unknown keyword frobnicate",
                "lvs-syncd.conf:9: key-file is missing: every director needs the cluster key (lvs-syncd --generate-key FILE)",
                "lvs-syncd.conf:8: peer is for transport tcp; multicast finds its members by itself"), r.errors());
        assertTrue(parse("bind 192.0.2.1\nkey-file k\ntransport tcp\n").errors().getFirst()
                .endsWith(":3: transport tcp needs at least one peer line"));
    }

    @Test
    void whatAReloadMustRedo() {
        SyncdConfig a = parse("bind 192.0.2.2\nkey-file k\n").config();
        SyncdConfig b = parse("bind 192.0.2.2\nkey-file k\nsync-id 4\n").config();
        SyncdConfig c = parse("bind 192.0.2.3\nkey-file k\n").config();
        assertTrue(b.kernelDiffers(a) && !b.clusterDiffers(a));
        assertTrue(c.clusterDiffers(a) && !c.kernelDiffers(a));
    }
}
