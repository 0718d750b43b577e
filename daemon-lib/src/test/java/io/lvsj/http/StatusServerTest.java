package io.lvsj.http;

import io.lvsj.log.LogOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server against well-behaved and hostile clients on loopback. */
class StatusServerTest {
    private static final byte[] BIG = new byte[4 << 20];
    private StatusServer server;

    private StatusServer start(Limits limits, Map<String, StatusServer.Route> routes) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server = StatusServer.start(channel, routes, limits, LogOutput.silent(false), "test-http");
        return server;
    }

    private StatusServer start(Limits limits) throws IOException {
        Arrays.fill(BIG, (byte) 'x');
        return start(limits, Map.of("/hello", () -> Response.text(200, "hello\n"),
                "/big", () -> new Response(200, "text/plain", BIG),
                "/fails", () -> {
                    throw new IllegalStateException("boom");
                }));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(server.address().getAddress(), server.address().getPort());
        s.setSoTimeout(5000);
        return s;
    }

    /** Reads one response (head and Content-Length body) and returns its status line and body. */
    private static String[] read(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return new String[]{head.substring(0, head.indexOf("\r\n")), new String(body, StandardCharsets.UTF_8),
                head.toString()};
    }

    private String[] get(String request) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return read(s.getInputStream());
        }
    }

    @Test
    void servesARoute() throws IOException {
        start(Limits.DEFAULT);
        String[] r = get("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK", r[0]);
        assertEquals("hello\n", r[1]);
        assertTrue(r[2].contains("Content-Type: text/plain; charset=utf-8\r\n"), r[2]);
    }

    @Test
    void answersStatusesForWhatItDoesNotServe() throws IOException {
        start(Limits.DEFAULT);
        assertEquals("HTTP/1.1 404 Not Found", get("GET /nope HTTP/1.1\r\n\r\n")[0]);
        assertEquals("HTTP/1.1 405 Method Not Allowed", get("DELETE /hello HTTP/1.1\r\n\r\n")[0]);
        assertEquals("HTTP/1.1 413 Content Too Large", get("POST /hello HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")[0]);
        assertEquals("HTTP/1.1 400 Bad Request", get("garbage\r\n\r\n")[0]);
        assertEquals("HTTP/1.1 500 Internal Server Error", get("GET /fails HTTP/1.1\r\n\r\n")[0]);
        String[] head = get("HEAD /hello HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK", head[0]);
        assertTrue(head[2].contains("Content-Length: 6\r\n"), head[2]);
        assertEquals(3, server.stats().refused(), server.stats().toString()); // 405, 413, 400
    }

    @Test
    void keepsAliveAndAnswersPipelinedRequestsInOrder() throws IOException {
        start(Limits.DEFAULT);
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write("GET /hello HTTP/1.1\r\n\r\nGET /nope HTTP/1.1\r\n\r\nGET /hello HTTP/1.1\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            assertEquals("HTTP/1.1 200 OK", read(in)[0]);
            assertEquals("HTTP/1.1 404 Not Found", read(in)[0]);
            assertEquals("HTTP/1.1 200 OK", read(in)[0]);
            out.write("GET /hello HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("hello\n", read(in)[1]);
            assertEquals(-1, in.read(), "closed after Connection: close");
        }
    }

    @Test
    void aHugeHeadIsRefusedWithoutReadingIt() throws IOException {
        start(Limits.DEFAULT);
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write("GET /hello HTTP/1.1\r\nX-Junk: ".getBytes(StandardCharsets.ISO_8859_1));
            byte[] junk = new byte[1024];
            Arrays.fill(junk, (byte) 'a');
            String[] r = null;
            try {
                for (int i = 0; i < 64 && r == null; i++) {
                    out.write(junk);
                    if (s.getInputStream().available() > 0) {
                        r = read(s.getInputStream());
                    }
                }
            } catch (SocketException reset) {
                // the server closed while we were still sending: fine, as long as it answered first
            }
            if (r == null) {
                r = read(s.getInputStream());
            }
            assertEquals("HTTP/1.1 431 Request Header Fields Too Large", r[0]);
        }
    }

    /** Slowloris: connections that never finish their request are closed at the deadline, and others are served meanwhile. */
    @Test
    void slowClientsAreClosedAndDoNotDelayOthers() throws Exception {
        start(new Limits(8, 8192, Duration.ofMillis(600), Duration.ofSeconds(5), 1));
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Socket s = connect();
            s.getOutputStream().write("GET /hello HTTP/1.1\r\nX-A: ".getBytes(StandardCharsets.ISO_8859_1));
            slow.add(s);
        }
        long started = System.nanoTime();
        assertEquals("hello\n", get("GET /hello HTTP/1.1\r\n\r\n")[1]);
        assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(500),
                "a full house of slow clients gave way to a real request at once");
        for (Socket s : slow) {
            s.setSoTimeout(3000);
            try {
                s.getOutputStream().write('a');
                assertEquals(-1, s.getInputStream().read(), "the slow connection was closed");
            } catch (SocketException closed) {
                // reset: closed too
            }
            s.close();
        }
        StatusServer.Stats stats = server.stats();
        assertTrue(stats.evicted() >= 1, stats.toString());
        assertTrue(stats.timedOut() >= 1, stats.toString());
    }

    @Test
    void theNumberOfConnectionsStaysBounded() throws Exception {
        start(new Limits(16, 1024, Duration.ofSeconds(5), Duration.ofSeconds(5), 1));
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                sockets.add(connect());
            }
            Thread.sleep(300);
            assertTrue(server.stats().connections() <= 16, server.stats().toString());
            assertEquals("hello\n", get("GET /hello HTTP/1.1\r\n\r\n")[1]);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    /** A client that never reads its (large) response is closed once the response deadline passes. */
    @Test
    void aClientThatDoesNotReadIsClosed() throws Exception {
        start(new Limits(4, 1024, Duration.ofSeconds(5), Duration.ofMillis(500), 1));
        try (Socket s = connect()) {
            s.setReceiveBufferSize(4096);
            s.getOutputStream().write("GET /big HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.stats().timedOut() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, server.stats().timedOut());
            assertEquals(0, server.stats().connections());
        }
        assertEquals("hello\n", get("GET /hello HTTP/1.1\r\n\r\n")[1]);
    }

    @Test
    void aSlowRouteDoesNotStopTheServerFromAcceptingAndRefusing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(new Limits(8, 1024, Duration.ofSeconds(5), Duration.ofSeconds(5), 1), Map.of("/slow", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Response.text(200, "late\n");
        }));
        try (Socket slow = connect()) {
            slow.getOutputStream().write("GET /slow HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("HTTP/1.1 404 Not Found", get("GET /other HTTP/1.1\r\n\r\n")[0]);
            release.countDown();
            assertEquals("late\n", read(slow.getInputStream())[1]);
        }
    }
}
