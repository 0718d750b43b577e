package io.lvsj.keepalived.check.probe;

import io.lvsj.lab.Command;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.net.Endpoint;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.testserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * keepalived-j's genhash against Debian's {@code keepalived --genhash} on the same responses:
 * the digests must be equal, including the quirks (Content-Length truncation, chunked bodies
 * digested on the wire).
 */
class GenhashTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    static String keepalived(int port, String path, String... extra) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("keepalived", "--genhash", "-s", "127.0.0.1", "-p",
                Integer.toString(port), "-u", path));
        argv.addAll(List.of(extra));
        return Command.run(argv).output().trim();
    }

    static String ours(int port, String path, CheckSpec.HttpVersion version, Optional<String> vhost) {
        Genhash.Result r = Genhash.run(NetworkContext.host(), Endpoint.of(LOOPBACK, port)
                .withConnectTimeout(Duration.ofSeconds(2)), path, false, version, vhost);
        return r.line();
    }

    @Test
    void sameDigestsAsKeepalived() throws Exception {
        byte[][] bodies = {
                HttpServer.response(200, "plain body\n"),
                ("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nfourEXTRA BYTES").getBytes(StandardCharsets.ISO_8859_1),
                ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1),
                ("HTTP/1.0 404 Not Found\r\n\r\n<html>missing</html>").getBytes(StandardCharsets.ISO_8859_1),
        };
        for (byte[] body : bodies) {
            try (HttpServer server = HttpServer.plain(line -> body)) {
                String theirs = keepalived(server.port(), "/x");
                assertEquals(theirs, ours(server.port(), "/x", CheckSpec.HttpVersion.HTTP_1_0, Optional.empty()),
                        new String(body, StandardCharsets.ISO_8859_1));
            }
        }
    }

    @Test
    void sameRequestAsKeepalivedWithVirtualhostAndHttp11() throws Exception {
        try (HttpServer server = HttpServer.plain(line -> HttpServer.response(200, "v"))) {
            keepalived(server.port(), "/p", "-V", "www.example.com", "-P", "1.1");
            ours(server.port(), "/p", CheckSpec.HttpVersion.HTTP_1_1, Optional.of("www.example.com"));
            assertEquals(server.requests().get(0), server.requests().get(1));
        }
    }

    @Test
    void aRefusedConnectionIsNoDigest() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        assertInstanceOf(Genhash.Failure.class, Genhash.run(NetworkContext.host(), Endpoint.of(LOOPBACK, port),
                "/", false, CheckSpec.HttpVersion.HTTP_1_0, Optional.empty()));
    }
}
