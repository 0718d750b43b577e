package io.lvsj.ctnl;

import io.lvsj.lab.LabNamespace;
import io.lvsj.sys.NetNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;

import static io.lvsj.lab.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Conntrack events from the host kernel, in a namespace made for each test: changes made by
 * Debian's {@code conntrack}, by a {@link ConntrackClient} and by real traffic, each told apart
 * by the port id the event carries.
 */
class ConntrackMonitorTest {
    private LabNamespace ns;
    private ConntrackMonitor monitor;
    private final List<ConntrackEvent> seen = new ArrayList<>();

    @BeforeEach
    void subscribeInAFreshNamespace() {
        ns = LabNamespace.create("lvsj-ctmon");
        monitor = ConntrackMonitor.open(NetNamespace.named(ns.name()), EnumSet.allOf(ConntrackEvent.Kind.class));
    }

    @AfterEach
    void removeNamespace() {
        monitor.close();
        ns.close();
    }

    @Test
    void eventsCarryThePortIdOfTheSocketThatMadeTheChange() {
        ns.run("conntrack", "-I", "-p", "tcp", "-s", "203.0.113.100", "-d", "203.0.113.10", "--sport", "40000",
                "--dport", "80", "-r", "198.51.100.11", "-q", "203.0.113.100", "--reply-port-src", "8080",
                "--reply-port-dst", "40000", "--src-nat", "198.51.100.50:5555", "--state", "ESTABLISHED", "-t", "100",
                "-u", "ASSURED").requireSuccess();
        ConntrackEvent.Change byTool = await(ConntrackEvent.Kind.NEW, c -> c.entry().original().sourcePort() == 40000);
        assertNotEquals(0, byTool.portId(), "conntrack's request");
        assertEquals(new ConntrackTuple(6, ip("198.51.100.11"), 8080, ip("198.51.100.50"), 5555), byTool.entry().reply());
        assertEquals(Conntrack.TCP_ESTABLISHED, byTool.entry().tcpState());

        try (ConntrackClient client = ConntrackClient.open(NetNamespace.named(ns.name()))) {
            client.put(List.of(ConntrackClientTest.fullNat(40001, 5556)), true);
            ConntrackEvent.Change ours = await(ConntrackEvent.Kind.NEW, c -> c.entry().original().sourcePort() == 40001);
            assertEquals(client.portId(), ours.portId(), "our own change is recognisable");
            client.put(List.of(ConntrackClientTest.fullNat(40001, 5556).withTimeout(50)), true);
            client.delete(List.of(new ConntrackClient.Key(ConntrackClientTest.fullNat(40001, 5556).original(), 0)));
            ConntrackEvent.Change gone = await(ConntrackEvent.Kind.DESTROY, c -> c.entry().original().sourcePort() == 40001);
            assertEquals(client.portId(), gone.portId());
        }
    }

    @Test
    void trafficMakesEventsOfTheKernelsOwnWithPortIdZero() throws Exception {
        // a rule that needs conntrack makes the namespace track its traffic
        ns.run("iptables-legacy", "-A", "INPUT", "-m", "conntrack", "--ctstate", "INVALID", "-j", "DROP").requireSuccess();
        NetNamespace.named(ns.name()).call(() -> {
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(ip("127.0.0.1"), 8080));
                try (Socket c = new Socket()) {
                    c.connect(server.getLocalSocketAddress());
                    try (Socket accepted = server.accept()) {
                        c.getOutputStream().write(1);
                        accepted.getInputStream().read();
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
        ConntrackEvent.Change made = await(ConntrackEvent.Kind.NEW, c -> c.entry().original().destinationPort() == 8080);
        assertEquals(0, made.portId());
        assertEquals(ip("127.0.0.1"), made.entry().original().source());
        ConntrackEvent.Change update = await(ConntrackEvent.Kind.UPDATE,
                c -> c.entry().original().destinationPort() == 8080 && c.entry().tcpState() == Conntrack.TCP_ESTABLISHED);
        assertEquals(0, update.portId());
        assertTrue(seen.stream().noneMatch(e -> e instanceof ConntrackEvent.Rejected), seen.toString());
    }

    private ConntrackEvent.Change await(ConntrackEvent.Kind kind, Predicate<ConntrackEvent.Change> match) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (ConntrackEvent e : seen) {
                if (e instanceof ConntrackEvent.Change c && c.kind() == kind && match.test(c)) {
                    return c;
                }
            }
            seen.addAll(monitor.poll(200, 64));
        }
        return fail("no " + kind + " event as expected; saw " + seen);
    }
}
