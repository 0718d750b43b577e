package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.ServiceKey;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.net.Endpoint;
import io.lvsj.keepalived.check.testserver.HttpServer;
import io.lvsj.keepalived.check.testserver.TcpServer;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.lvsj.keepalived.lvs.LabCheckers.await;
import static io.lvsj.keepalived.lvs.LabCheckers.lines;
import static io.lvsj.keepalived.lvs.LabTopology.VIP;
import static io.lvsj.keepalived.lvs.LabTopology.realServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checker process against the lab kernel's IPVS with real traffic: a client namespace
 * asks through the VIP, real-server namespaces answer, and the director's IPVS follows the
 * health checks. {@code ipvsadm -Sn} is the oracle for the table.
 */
@KernelTest
class HealthcheckersKernelTest {
    static final ServiceKey WEB = ServiceKey.tcp(VIP, 80);
    static final CheckTiming TIMING = CheckTiming.every(Duration.ofSeconds(1)).withRetry(0, Duration.ofSeconds(1));
    /** delay_loop + connect_timeout, plus room for the lab's slow JVM. */
    static final Duration DETECTION = Duration.ofSeconds(1 + 1 + 3);

    static HttpServer web(LabTopology t, int i) throws Exception {
        return t.realServerNets.get(i).call(() -> HttpServer.plain(new InetSocketAddress(realServer(i), 80),
                line -> HttpServer.response(200, "rs" + i)));
    }

    static RealServerSpec httpChecked(int i) {
        Endpoint e = Endpoint.of(realServer(i), 80).withConnectTimeout(Duration.ofSeconds(1));
        CheckSpec.Http http = new CheckSpec.Http(e, TIMING, false, CheckSpec.HttpVersion.HTTP_1_0, Optional.empty(),
                false, Optional.empty(), false, List.of(CheckSpec.HttpUrl.of("/")));
        return RealServerSpec.of(realServer(i), 80, Forwarding.NAT, http);
    }

    static RealServerSpec tcpChecked(int i, int port) {
        Endpoint e = Endpoint.of(realServer(i), port).withConnectTimeout(Duration.ofSeconds(1));
        return RealServerSpec.of(realServer(i), port, Forwarding.NAT, new CheckSpec.Tcp(e, TIMING));
    }

    static VirtualServerSpec vs(ServiceKey key, RealServerSpec... rs) {
        return VirtualServerSpec.of(key, ServiceTemplate.of("rr"), List.of(rs));
    }

    @Test
    void killingAServerRemovesItAndRestoringItBringsItBack(LabNamespace director) throws Exception {
        try (LabTopology t = LabTopology.build(director, 2); LabCheckers lab = new LabCheckers(t)) {
            HttpServer rs0 = web(t, 0);
            HttpServer rs1 = web(t, 1);
            lab.checkers.start(List.of(vs(WEB, httpChecked(0), httpChecked(1))));
            Set<String> both = lines("-A -t 203.0.113.10:80 -s rr", "-a -t 203.0.113.10:80 -r 198.51.100.2:80 -m -w 1",
                    "-a -t 203.0.113.10:80 -r 198.51.100.6:80 -m -w 1");
            assertEquals(both, lab.table());
            assertEquals(Set.of("rs0", "rs1"), new HashSet<>(t.gets(80, 4)), "both answer through the VIP");

            rs1.close();
            Duration took = await("rs1 removed", DETECTION, () -> !lab.table().contains(
                    "-a -t 203.0.113.10:80 -r 198.51.100.6:80 -m -w 1"));
            System.out.println("dead server removed after " + took.toMillis() + " ms (delay_loop 1 s, timeout 1 s)");
            assertEquals(Set.of("rs0"), new HashSet<>(t.gets(80, 4)));
            assertTrue(lab.log.contains("Removing service [198.51.100.6]:tcp:80 from VS [203.0.113.10]:tcp:80"));

            HttpServer back = web(t, 1);
            await("rs1 back", DETECTION, () -> lab.table().equals(both));
            assertEquals(Set.of("rs0", "rs1"), new HashSet<>(t.gets(80, 4)));
            rs0.close();
            back.close();
            lab.checkers.stop(false);
            assertEquals(Set.of(""), lab.table(), "stop removes what it added");
        }
    }

    @Test
    void inhibitedServersGoToWeightZeroAndLostQuorumHandsOverToTheSorryServer(LabNamespace director) throws Exception {
        try (LabTopology t = LabTopology.build(director, 3); LabCheckers lab = new LabCheckers(t)) {
            HttpServer rs0 = web(t, 0);
            HttpServer rs1 = web(t, 1);
            HttpServer sorry = web(t, 2);
            VirtualServerSpec spec = vs(WEB, httpChecked(0).withInhibitOnFailure(true), httpChecked(1)).withQuorum(2, 0)
                    .withSorryServer(Optional.of(new SorryServerSpec(realServer(2), 80, Forwarding.NAT, false)));
            lab.checkers.start(List.of(spec));
            assertEquals(Set.of("rs0", "rs1"), new HashSet<>(t.gets(80, 4)));

            rs1.close();
            await("sorry server in", DETECTION, () -> lab.table().equals(lines(
                    "-A -t 203.0.113.10:80 -s rr",
                    "-a -t 203.0.113.10:80 -r 198.51.100.2:80 -m -w 0",
                    "-a -t 203.0.113.10:80 -r 198.51.100.10:80 -m -w 1")));
            assertEquals(List.of("rs2", "rs2", "rs2"), t.gets(80, 3), "the sorry server answers");

            rs0.close();
            HttpServer rs1Back = web(t, 1);
            HttpServer rs0Back = web(t, 0);
            await("pool back", DETECTION, () -> lab.table().equals(lines(
                    "-A -t 203.0.113.10:80 -s rr",
                    "-a -t 203.0.113.10:80 -r 198.51.100.2:80 -m -w 1",
                    "-a -t 203.0.113.10:80 -r 198.51.100.6:80 -m -w 1")));
            assertEquals(Set.of("rs0", "rs1"), new HashSet<>(t.gets(80, 4)));
            rs0Back.close();
            rs1Back.close();
            sorry.close();
        }
    }

    /** A line-echo server: long-lived connections the test can talk through. */
    static TcpServer echo(LabTopology t, int i, int port) throws Exception {
        return t.realServerNets.get(i).call(() -> new TcpServer(realServer(i), port, (in, out) -> {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            String line;
            while ((line = r.readLine()) != null) {
                out.write(("rs" + i + " " + line + "\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        }));
    }

    /** A client connection through the VIP that stays open. */
    static final class Conversation implements AutoCloseable {
        final SocketChannel channel;
        final BufferedReader in;
        final OutputStream out;

        Conversation(LabTopology t, int port) throws IOException {
            channel = t.clientNet.openStream(VIP);
            Socket s = channel.socket();
            s.connect(new InetSocketAddress(VIP, port), 3000);
            s.setSoTimeout(3000);
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            out = s.getOutputStream();
        }

        /** Who answered {@code word}, or null when the connection no longer carries traffic. */
        String say(String word) {
            try {
                out.write((word + "\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String reply = in.readLine();
                return reply == null ? null : reply.substring(0, reply.indexOf(' '));
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @Test
    void reloadLeavesConnectionsToUntouchedServersUnbroken(LabNamespace director) throws Exception {
        ServiceKey chat = ServiceKey.tcp(VIP, 7000);
        try (LabTopology t = LabTopology.build(director, 3); LabCheckers lab = new LabCheckers(t)) {
            List<TcpServer> servers = List.of(echo(t, 0, 7000), echo(t, 1, 7000), echo(t, 2, 7000));
            RealServerSpec a = tcpChecked(0, 7000);
            RealServerSpec b = tcpChecked(1, 7000);
            RealServerSpec c = tcpChecked(2, 7000);
            lab.checkers.start(List.of(vs(chat, a, b)));
            List<Conversation> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(new Conversation(t, 7000));
            }
            List<String> owners = held.stream().map(cv -> cv.say("hello")).toList();
            assertEquals(Set.of("rs0", "rs1"), new HashSet<>(owners));

            lab.checkers.reload(List.of(vs(chat, a, c)));
            assertEquals(lines("-A -t 203.0.113.10:7000 -s rr", "-a -t 203.0.113.10:7000 -r 198.51.100.2:7000 -m -w 1",
                    "-a -t 203.0.113.10:7000 -r 198.51.100.10:7000 -m -w 1"), lab.table());
            for (int i = 0; i < held.size(); i++) {
                if (owners.get(i).equals("rs0")) {
                    assertEquals("rs0", held.get(i).say("still there?"), "a connection to the untouched server lives on");
                }
            }
            Set<String> fresh = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                try (Conversation cv = new Conversation(t, 7000)) {
                    fresh.add(cv.say("new"));
                }
            }
            assertEquals(Set.of("rs0", "rs2"), fresh, "new connections go to the new pool");
            for (Conversation cv : held) {
                cv.close();
            }
            for (TcpServer s : servers) {
                s.close();
            }
        }
    }

    @Test
    void drainingKeepsARemovedServersConnectionsUntilTheyEnd(LabNamespace director) throws Exception {
        ServiceKey chat = ServiceKey.tcp(VIP, 7000);
        try (LabTopology t = LabTopology.build(director, 2); LabCheckers lab = new LabCheckers(t)) {
            List<TcpServer> servers = List.of(echo(t, 0, 7000), echo(t, 1, 7000));
            RealServerSpec a = tcpChecked(0, 7000);
            RealServerSpec b = tcpChecked(1, 7000);
            VirtualServerSpec spec = vs(chat, a, b).withDrain(Optional.of(Duration.ofSeconds(60)));
            lab.checkers.start(List.of(spec));
            Conversation first = new Conversation(t, 7000);
            Conversation second = new Conversation(t, 7000);
            Conversation onB = "rs1".equals(first.say("x")) ? first : second;
            assertEquals("rs1", onB.say("x"));

            lab.checkers.reload(List.of(spec.withRealServers(List.of(a))));
            assertTrue(lab.table().contains("-a -t 203.0.113.10:7000 -r 198.51.100.6:7000 -m -w 0"), "draining at weight 0");
            assertEquals("rs1", onB.say("still?"), "its connection keeps working");
            try (Conversation fresh = new Conversation(t, 7000)) {
                assertEquals("rs0", fresh.say("new"), "no new connections for it");
            }
            first.close();
            second.close();
            await("drained server removed", Duration.ofSeconds(30), () -> lab.table().equals(lines(
                    "-A -t 203.0.113.10:7000 -s rr", "-a -t 203.0.113.10:7000 -r 198.51.100.2:7000 -m -w 1")));
            for (TcpServer s : servers) {
                s.close();
            }
        }
    }

    @Test
    void startAdoptsMatchingEntriesAndLeavesOtherServicesAlone(LabNamespace director) throws Exception {
        ServiceKey chat = ServiceKey.tcp(VIP, 7000);
        try (LabTopology t = LabTopology.build(director, 2); LabCheckers lab = new LabCheckers(t)) {
            List<TcpServer> servers = List.of(echo(t, 0, 7000), echo(t, 1, 7000));
            director.ipvsadm("-A", "-t", "203.0.113.10:7000", "-s", "rr").requireSuccess();
            director.ipvsadm("-a", "-t", "203.0.113.10:7000", "-r", "198.51.100.2:7000", "-m", "-w", "1").requireSuccess();
            director.ipvsadm("-A", "-t", "203.0.113.99:25", "-s", "wlc").requireSuccess();
            try (Conversation before = new Conversation(t, 7000)) {
                assertEquals("rs0", before.say("hi"));
                Reconciler.Result r = lab.checkers.start(List.of(vs(chat, tcpChecked(0, 7000), tcpChecked(1, 7000))));
                assertEquals(List.of(new io.lvsj.ipvs.IpvsCommand.AddDestination(chat,
                        io.lvsj.ipvs.Destination.of(realServer(1), 7000, io.lvsj.ipvs.ForwardingMethod.MASQ))),
                        r.applied(), "the matching service and destination were adopted, not re-added");
                assertEquals("rs0", before.say("after start"), "its connection lives on");
            }
            assertEquals(lines("-A -t 203.0.113.10:7000 -s rr", "-a -t 203.0.113.10:7000 -r 198.51.100.2:7000 -m -w 1",
                    "-a -t 203.0.113.10:7000 -r 198.51.100.6:7000 -m -w 1", "-A -t 203.0.113.99:25 -s wlc"), lab.table());
            lab.checkers.stop(false);
            assertEquals(lines("-A -t 203.0.113.99:25 -s wlc"), lab.table(), "not ours, not removed");
            for (TcpServer s : servers) {
                s.close();
            }
        }
    }
}
