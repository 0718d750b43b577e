package io.lvsj.keepalived.check.net;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.probe.PingGroupRange;
import io.lvsj.keepalived.check.probe.PingProbe;
import io.lvsj.keepalived.check.probe.TcpConnectProbe;
import io.lvsj.keepalived.check.testserver.TcpServer;
import io.lvsj.lab.LabNamespace;
import io.lvsj.sys.NetNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Native sockets in a network namespace of the test's own: fwmark (proved by a firewall rule
 * that drops marked packets), bind_if, ICMP echo, and that a namespace context really opens
 * its sockets in that namespace.
 */
class NativeSocketTest {
    static final CheckTiming TIMING = CheckTiming.every(Duration.ofSeconds(1));
    static final CheckerState STATE = CheckerState.initial(false, 1);
    static LabNamespace ns;
    static NetworkContext network;
    static TcpServer server;
    static InetAddress loopback = InetAddress.getLoopbackAddress();
    static String hostRangeBefore;

    @BeforeAll
    static void namespace() throws Exception {
        hostRangeBefore = new String(Files.newInputStream(Path.of("/proc/sys/net/ipv4/ping_group_range"))
                .readNBytes(64)).trim();
        ns = LabNamespace.create("ck-");
        ns.run("iptables", "-A", "OUTPUT", "-m", "mark", "--mark", "5", "-j", "DROP").requireSuccess();
        // a veth pair with both ends here: a device where nothing answers
        ns.run("ip", "link", "add", "ck-d0", "type", "veth", "peer", "name", "ck-d1").requireSuccess();
        ns.run("ip", "link", "set", "ck-d0", "up").requireSuccess();
        ns.run("ip", "link", "set", "ck-d1", "up").requireSuccess();
        ns.run("ip", "addr", "add", "198.51.100.1/24", "dev", "ck-d0").requireSuccess();
        network = NetworkContext.in(NetNamespace.named(ns.name()));
        server = network.call(TcpServer::accepting);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (server != null) {
            server.close();
        }
        if (network != null) {
            network.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    static Endpoint endpoint(InetAddress address, int port) {
        return Endpoint.of(address, port).withConnectTimeout(Duration.ofMillis(500));
    }

    static Attempt tcp(Endpoint e) {
        return new TcpConnectProbe(new CheckSpec.Tcp(e, TIMING), network).attempt(STATE);
    }

    @Test
    void theServerIsOnlyInTheNamespace() throws Exception {
        assertEquals(Attempt.passed(), tcp(endpoint(loopback, server.port())));
        Attempt fromHost = new TcpConnectProbe(new CheckSpec.Tcp(endpoint(loopback, server.port()), TIMING),
                NetworkContext.host()).attempt(STATE);
        assertInstanceOf(Attempt.Failed.class, fromHost, "the host's loopback has no such listener");
    }

    @Test
    void fwmarkMarksTheCheckPackets() {
        assertEquals(Attempt.passed(), tcp(endpoint(loopback, server.port()).withFwmark(6)));
        Attempt marked = tcp(endpoint(loopback, server.port()).withFwmark(5));
        assertEquals(Attempt.failed("TCP connection to [127.0.0.1]:" + server.port() + " timeout"), marked,
                "the rule dropping mark 5 must swallow the SYN");
    }

    @Test
    void bindIfSendsThroughThatDevice() {
        assertEquals(Attempt.passed(), tcp(endpoint(loopback, server.port()).withBindInterface("lo")));
        Attempt wrongDevice = tcp(endpoint(loopback, server.port()).withBindInterface("ck-d0"));
        assertInstanceOf(Attempt.Failed.class, wrongDevice, "127.0.0.1 is not reachable through the veth");
    }

    @Test
    void pingAnswersOnlyFromAnAddressThatExists() throws Exception {
        PingGroupRange.allowRoot(network);
        String hostRange = new String(Files.newInputStream(Path.of("/proc/sys/net/ipv4/ping_group_range"))
                .readNBytes(64)).trim();
        assertEquals(hostRangeBefore, hostRange, "the host's own setting is untouched");
        assertEquals("0\t2147483647", ns.run("cat", "/proc/sys/net/ipv4/ping_group_range").stdout().trim());
        PingProbe up = new PingProbe(new CheckSpec.Ping(endpoint(loopback, 0), TIMING), network);
        assertEquals(Attempt.passed(), up.attempt(STATE));
        PingProbe v6 = new PingProbe(new CheckSpec.Ping(endpoint(InetAddress.getByName("::1"), 0), TIMING), network);
        assertEquals(Attempt.passed(), v6.attempt(STATE));
        // routed out of the veth, where nothing answers
        PingProbe silent = new PingProbe(new CheckSpec.Ping(endpoint(InetAddress.getByName("198.51.100.9"), 0), TIMING),
                network);
        Attempt a = silent.attempt(STATE);
        assertTrue(((Attempt.Failed) a).reason().endsWith("timeout"), a.toString());
    }
}
