package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.StatusCodes;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.net.TlsContexts;
import io.lvsj.keepalived.check.testserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static io.lvsj.keepalived.check.probe.Probes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpProbeTest {
    static CheckSpec.Http spec(int port, boolean ssl, CheckSpec.HttpUrl... urls) {
        return new CheckSpec.Http(endpoint(port), TIMING, ssl, CheckSpec.HttpVersion.HTTP_1_0, Optional.empty(),
                false, Optional.empty(), false, List.of(urls));
    }

    static Attempt probe(CheckSpec.Http spec, int url) {
        HttpProbe probe = new HttpProbe(spec, NetworkContext.host(), TlsContexts.acceptingAnyServer(null));
        return probe.attempt(new CheckerState(true, true, 0, url, -1, 0));
    }

    static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void statusDigestAndRegex() throws Exception {
        try (HttpServer server = HttpServer.plain(line -> line.contains("/missing")
                ? HttpServer.response(404, "nope") : HttpServer.response(200, "all good"))) {
            int port = server.port();
            assertEquals(Attempt.passed(), probe(spec(port, false, CheckSpec.HttpUrl.of("/")), 0));
            assertEquals("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:" + port + "\r\n\r\n",
                    server.requests().getFirst());
            assertInstanceOf(Attempt.Failed.class, probe(spec(port, false, CheckSpec.HttpUrl.of("/missing")), 0));
            assertEquals(Attempt.passed(), probe(spec(port, false,
                    CheckSpec.HttpUrl.of("/missing").withStatusCodes(StatusCodes.range(400, 404))), 0));
            assertEquals(Attempt.passed(), probe(spec(port, false,
                    CheckSpec.HttpUrl.of("/").withDigest(md5("all good"))), 0));
            assertEquals(Attempt.failed("MD5 digest error (got " + md5("all good") + ")"), probe(spec(port, false,
                    CheckSpec.HttpUrl.of("/").withDigest(md5("other"))), 0));
            assertEquals(Attempt.passed(), probe(spec(port, false, CheckSpec.HttpUrl.of("/").withRegex("g[o]+d", false)), 0));
            assertEquals(Attempt.failed("Regex match failed"),
                    probe(spec(port, false, CheckSpec.HttpUrl.of("/").withRegex("good", true)), 0));
        }
    }

    @Test
    void theProbeTriesTheUrlItsStateNames() throws Exception {
        try (HttpServer server = HttpServer.plain(line -> HttpServer.response(200, "x"))) {
            CheckSpec.Http spec = spec(server.port(), false, CheckSpec.HttpUrl.of("/a"), CheckSpec.HttpUrl.of("/b"));
            probe(spec, 1);
            assertTrue(server.requests().getFirst().startsWith("GET /b "));
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (HttpServer server = HttpServer.plain(line -> null)) {
            long start = System.nanoTime();
            assertEquals(Attempt.failed("Timeout HTTP read"), probe(spec(server.port(), false, CheckSpec.HttpUrl.of("/")), 0));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 700 && ms < 2500, "took " + ms + " ms");
        }
    }

    @Test
    void aServerThatClosesWithoutAnsweringSentNoData() throws Exception {
        try (HttpServer server = HttpServer.plain(line -> new byte[0])) {
            assertEquals(Attempt.failed("Read, no data received from server"),
                    probe(spec(server.port(), false, CheckSpec.HttpUrl.of("/")), 0));
        }
    }

    @Test
    void refusedConnection() throws Exception {
        assertInstanceOf(Attempt.Failed.class, probe(spec(closedPort(), false, CheckSpec.HttpUrl.of("/")), 0));
    }

    @Test
    void sslGetWithSniAndDigest() throws Exception {
        try (HttpServer server = HttpServer.tls(line -> HttpServer.response(200, "secure"))) {
            CheckSpec.Http base = spec(server.port(), true, CheckSpec.HttpUrl.of("/").withDigest(md5("secure")));
            CheckSpec.Http withSni = new CheckSpec.Http(base.endpoint(), base.timing(), true, base.version(),
                    Optional.of("www.example.org"), true, Optional.of("sni.example.org"), false, base.urls());
            assertEquals(Attempt.passed(), probe(withSni, 0));
            assertEquals(List.of("sni.example.org"), server.serverNames());
            assertTrue(server.requests().getFirst().contains("Host: www.example.org\r\n"), server.requests().getFirst());
        }
    }

    @Test
    void sslGetAgainstAPlainServerFailsTheHandshake() throws Exception {
        try (HttpServer server = HttpServer.plain(line -> HttpServer.response(200, "x"))) {
            Attempt a = probe(spec(server.port(), true, CheckSpec.HttpUrl.of("/")), 0);
            assertTrue(((Attempt.Failed) a).reason().startsWith("SSL handshake/communication error"), a.toString());
        }
    }

    @Test
    void noUrlsMeansUp() {
        assertEquals(Attempt.passed(), probe(spec(1, false), 0));
    }
}
