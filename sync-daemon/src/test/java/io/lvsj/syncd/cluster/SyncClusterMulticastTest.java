package io.lvsj.syncd.cluster;

import io.lvsj.sys.NetNamespace;
import io.lvsj.lab.LabNamespace;
import io.lvsj.syncd.wire.Records;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The default stack, UDP multicast, on the host: members in one JVM but inside a network
 * namespace of the test's own (loopback with multicast on), so the test's multicast stays there.
 */
class SyncClusterMulticastTest {

    static ClusterSettings multicast(String node, int port, ClusterKey key) {
        return new ClusterSettings("lvs-syncd-mcast", node, Transport.MULTICAST, InetAddress.getLoopbackAddress(), port,
                InetAddress.ofLiteral("239.8.8.51"), Member.freePort(), 1, List.of(), key, Duration.ofSeconds(30));
    }

    @Test
    void membersFindEachOtherByMulticastAndShareRecordsAndState() throws Exception {
        ClusterKey key = ClusterKey.generate();
        try (LabNamespace ns = LabNamespace.create("lvsj-syncd-mc")) {
            ns.run("ip", "link", "set", "lo", "multicast", "on").requireSuccess();
            ns.run("ip", "route", "add", "224.0.0.0/4", "dev", "lo").requireSuccess();
            int group = Member.freePort();
            Member a = new Member();
            Member b = new Member();
            Member c = new Member();
            try (a; b; c) {
                NetNamespace.named(ns.name()).call(() -> a.join(withPort(multicast("a", 7900, key), group)));
                NetNamespace.named(ns.name()).call(() -> b.join(withPort(multicast("b", 7901, key), group)));
                SyncClusterTest.await("a and b meet by multicast", () -> a.members.size() == 2 && b.members.size() == 2);
                a.relay(List.of(Records.tcp(10, 900).encode(), Records.tcp(11, 900).encode()));
                SyncClusterTest.await("b has a's records", () -> b.table.size() == 2);
                NetNamespace.named(ns.name()).call(() -> c.join(withPort(multicast("c", 7902, key), group)));
                assertEquals(2, c.stateRead, "the late joiner got the table");
                SyncClusterTest.await("three members", () -> a.members.size() == 3);
            }
        }
    }

    static ClusterSettings withPort(ClusterSettings s, int multicastPort) {
        return new ClusterSettings(s.name(), s.node(), s.transport(), s.bindAddress(), s.port(), s.multicastGroup(),
                multicastPort, s.multicastTtl(), s.peers(), s.key(), s.stateTimeout());
    }
}
