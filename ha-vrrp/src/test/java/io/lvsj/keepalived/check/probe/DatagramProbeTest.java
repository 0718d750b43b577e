package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.Octets;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.testserver.UdpServer;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.util.Arrays;

import static io.lvsj.keepalived.check.probe.Probes.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DNS_CHECK and UDP_CHECK against UDP servers on loopback. */
class DatagramProbeTest {
    static int closedUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    static Attempt dns(int port, String name) {
        return new DnsProbe(new CheckSpec.Dns(endpoint(port), TIMING, CheckSpec.DnsType.A, name), NetworkContext.host())
                .attempt(FIRST_URL);
    }

    /** A reply to a query: same id, QR set, the given rcode. */
    static byte[] dnsReply(byte[] query, int rcode) {
        byte[] r = Arrays.copyOf(query, query.length);
        r[2] = (byte) (0x80 | r[2]);
        r[3] = (byte) rcode;
        return r;
    }

    @Test
    void dnsAnsweredIsUpAndAnErrorRcodeIsDown() throws Exception {
        try (UdpServer server = new UdpServer(q -> dnsReply(q, 0))) {
            assertEquals(Attempt.passed(), dns(server.port(), "www.example.com"));
            byte[] query = server.received().getFirst();
            assertArrayEquals(DnsQuery.encode(((query[0] & 0xff) << 8) | (query[1] & 0xff), CheckSpec.DnsType.A,
                    "www.example.com"), query);
            server.setReplier(q -> dnsReply(q, 2));
            assertEquals(Attempt.failed("read error occurred. (rcode = 2)"), dns(server.port(), "x"));
        }
    }

    @Test
    void dnsIgnoresForeignIdsAndTimesOut() throws Exception {
        try (UdpServer server = new UdpServer(q -> {
            byte[] r = dnsReply(q, 0);
            r[1] ^= 1; // another id
            return r;
        })) {
            assertEquals(Attempt.failed("read timeout from socket"), dns(server.port(), "x"));
        }
    }

    @Test
    void dnsPortUnreachableFails() throws Exception {
        Attempt a = dns(closedUdpPort(), "x");
        assertTrue(((Attempt.Failed) a).reason().startsWith("failed to read socket"), a.toString());
    }

    static CheckSpec.Udp udp(int port, boolean requireReply, String reply) {
        return new CheckSpec.Udp(endpoint(port), TIMING, Octets.ofHex("6869"), requireReply, Octets.ofHex(reply),
                Octets.EMPTY, 0, 255);
    }

    static Attempt udpProbe(CheckSpec.Udp spec) {
        return new UdpProbe(spec, NetworkContext.host()).attempt(FIRST_URL);
    }

    @Test
    void udpSilenceIsSuccessUnlessAReplyIsRequired() throws Exception {
        try (UdpServer server = new UdpServer(q -> null)) {
            assertEquals(Attempt.passed(), udpProbe(udp(server.port(), false, "")));
            assertArrayEquals(new byte[]{'h', 'i'}, server.received().getFirst());
            assertInstanceOf(Attempt.Failed.class, udpProbe(udp(server.port(), true, "")));
        }
    }

    @Test
    void udpReplyMustMatch() throws Exception {
        try (UdpServer server = new UdpServer(q -> new byte[]{'o', 'k'})) {
            assertEquals(Attempt.passed(), udpProbe(udp(server.port(), true, "6f6b")));
            assertEquals(Attempt.failed("UDP check to [127.0.0.1]:" + server.port() + " reply data mismatch"),
                    udpProbe(udp(server.port(), true, "6e6f")));
            assertEquals(Attempt.passed(), udpProbe(udp(server.port(), true, "")), "any reply without reply data");
        }
    }

    @Test
    void udpPortUnreachableFails() throws Exception {
        Attempt a = udpProbe(udp(closedUdpPort(), false, ""));
        assertTrue(((Attempt.Failed) a).reason().contains("failed"), a.toString());
    }
}
