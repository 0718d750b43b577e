package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.ServiceKey;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.Octets;
import io.lvsj.keepalived.check.net.Endpoint;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.testserver.HttpServer;
import io.lvsj.keepalived.check.testserver.TcpServer;
import io.lvsj.keepalived.check.testserver.UdpServer;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.lvsj.keepalived.lvs.LabCheckers.await;
import static io.lvsj.keepalived.lvs.LabTopology.VIP;
import static io.lvsj.keepalived.lvs.LabTopology.realServer;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every checker type against a real server of its kind, in a real-server namespace behind the
 * lab director: TCP, HTTP_GET, SSL_GET, SMTP_CHECK, DNS_CHECK, UDP_CHECK, PING_CHECK,
 * MISC_CHECK, FILE_CHECK. Each keeps its real server in IPVS while its server answers, and
 * takes it out when the server stops answering.
 */
@KernelTest
class CheckersKernelTest {
    static final CheckTiming TIMING = CheckTiming.every(Duration.ofSeconds(1)).withRetry(0, Duration.ofSeconds(1));
    static final ServiceKey WEB = ServiceKey.tcp(VIP, 80);
    static final InetAddress RS = realServer(0);

    static Endpoint at(InetAddress address, int port) {
        return Endpoint.of(address, port).withConnectTimeout(Duration.ofSeconds(1));
    }

    /** The servers of real server 0, started (again) in its namespace. */
    static final class Servers implements AutoCloseable {
        final List<AutoCloseable> open = new ArrayList<>();

        Servers(NetworkContext rs) throws Exception {
            open.add(rs.call(() -> new TcpServer(RS, 7000, (in, out) -> {
            })));
            open.add(rs.call(() -> HttpServer.plain(new InetSocketAddress(RS, 80),
                    line -> HttpServer.response(200, "ok"))));
            open.add(rs.call(() -> HttpServer.tls(new InetSocketAddress(RS, 443),
                    line -> HttpServer.response(200, "secure"))));
            open.add(rs.call(() -> new TcpServer(RS, 25, (in, out) -> {
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
                out.write("220 rs ESMTP\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String line;
                while ((line = r.readLine()) != null) {
                    out.write((line.startsWith("HELO") ? "250 rs\r\n" : "221 bye\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    if (line.equals("QUIT")) {
                        return;
                    }
                }
            })));
            open.add(rs.call(() -> new UdpServer(new InetSocketAddress(RS, 53), q -> {
                byte[] r = Arrays.copyOf(q, q.length);
                r[2] |= (byte) 0x80;
                return r;
            })));
            open.add(rs.call(() -> new UdpServer(new InetSocketAddress(RS, 5353), q -> "pong".getBytes())));
        }

        @Override
        public void close() throws Exception {
            for (AutoCloseable c : open) {
                c.close();
            }
        }
    }

    @Test
    void everyCheckerFollowsARealServerOfItsKind(LabNamespace director) throws Exception {
        Path flag = Files.createTempFile("ck-misc", ".flag");
        Path weight = Files.createTempFile("ck-file", ".weight");
        Files.writeString(weight, "0\n");
        try (LabTopology t = LabTopology.build(director, 2); LabCheckers lab = new LabCheckers(t)) {
            Servers servers = new Servers(t.realServerNets.get(0));
            List<CheckSpec> checks = List.of(
                    new CheckSpec.Tcp(at(RS, 7000), TIMING),
                    new CheckSpec.Http(at(RS, 80), TIMING, false, CheckSpec.HttpVersion.HTTP_1_1, Optional.empty(), false,
                            Optional.empty(), false, List.of(CheckSpec.HttpUrl.of("/").withDigest(
                            "444bcb3a3fcf8389296c49467f27e1d6"))),
                    new CheckSpec.Http(at(RS, 443), TIMING, true, CheckSpec.HttpVersion.HTTP_1_0, Optional.empty(), true,
                            Optional.of("rs.example"), false, List.of(CheckSpec.HttpUrl.of("/"))),
                    new CheckSpec.Smtp(at(RS, 25), TIMING, CheckSpec.DEFAULT_HELO_NAME),
                    new CheckSpec.Dns(at(RS, 53), TIMING, CheckSpec.DnsType.SOA, "."),
                    new CheckSpec.Udp(at(RS, 5353), TIMING, Octets.ofHex("70696e67"), true, Octets.ofHex("706f6e67"),
                            Octets.EMPTY, 0, 255),
                    new CheckSpec.Ping(at(realServer(1), 0), TIMING),
                    new CheckSpec.Misc(List.of("/bin/sh", "-c", "test ! -s " + flag), Optional.empty(),
                            Duration.ofSeconds(2), false, TIMING),
                    new CheckSpec.File("weight", weight, 0, false));
            List<RealServerSpec> realServers = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                realServers.add(RealServerSpec.of(RS, 8000 + i, Forwarding.NAT, checks.get(i)));
            }
            lab.checkers.start(List.of(VirtualServerSpec.of(WEB, ServiceTemplate.of("rr"), realServers)));
            await("every real server in", Duration.ofSeconds(10), () -> destinations(lab) == checks.size());
            assertEquals(List.of(), lab.checkers.health().values().iterator().next().realServers().values().stream()
                    .filter(h -> !h.alive()).toList());

            servers.close();
            t.realServers.get(1).run("ip", "link", "set", "eth0", "down").requireSuccess();
            Files.writeString(flag, "fail\n");
            Files.writeString(weight, "1\n");
            await("every real server out", Duration.ofSeconds(15), () -> destinations(lab) == 0);

            Servers again = new Servers(t.realServerNets.get(0));
            t.realServers.get(1).run("ip", "link", "set", "eth0", "up").requireSuccess();
            t.realServers.get(1).run("ip", "route", "add", "default", "via", "198.51.100.5").requireSuccess();
            Files.writeString(flag, "");
            Files.writeString(weight, "0\n");
            await("every real server back", Duration.ofSeconds(15), () -> destinations(lab) == checks.size());
            again.close();
        } finally {
            Files.deleteIfExists(flag);
            Files.deleteIfExists(weight);
        }
    }

    static int destinations(LabCheckers lab) {
        return (int) lab.table().stream().filter(l -> l.startsWith("-a ")).count();
    }
}
