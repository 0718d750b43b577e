package io.lvsj.keepalived.lib;

import io.lvsj.log.LogOutput;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** keepalived's SMTP dialogue against scripted servers on loopback: replies, errors, timeouts. */
class SmtpAlertsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T16:00:00Z"), ZoneId.of("UTC"));
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private SmtpAlerts alerts(int port, Duration timeout) {
        return new SmtpAlerts(new SmtpAlerts.Settings(new InetSocketAddress("127.0.0.1", port), "helo.example",
                "from@example", List.of("a@example", "b@example"), "lab", timeout), LogOutput.lines(log::add, true),
                CLOCK, threads);
    }

    /** A server that answers each line the client sends with the next of {@code replies}, and records what it got. */
    private static CompletableFuture<String> server(ServerSocket listening, String greeting, String... replies) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try (Socket s = listening.accept()) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                int next = 0;
                boolean data = false;
                int b;
                while ((b = in.read()) >= 0) {
                    got.write(b);
                    String all = got.toString(StandardCharsets.US_ASCII);
                    boolean endOfCommand = data ? all.endsWith("\r\n.\r\n") : all.endsWith("\r\n");
                    if (!endOfCommand) {
                        continue;
                    }
                    data = all.endsWith("DATA\r\n");
                    if (next < replies.length) {
                        s.getOutputStream().write(replies[next++].getBytes(StandardCharsets.US_ASCII));
                    }
                }
            } catch (IOException e) {
                got.writeBytes(("(" + e.getMessage() + ")").getBytes(StandardCharsets.US_ASCII));
            }
            return got.toString(StandardCharsets.US_ASCII);
        });
    }

    @Test
    void aWholeAlertWithAMultiLineGreeting() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> got = server(listening, "220-first\r\n220 second\r\n", "250 hi\r\n", "250 ok\r\n",
                    "250 ok\r\n", "250 ok\r\n", "354 go\r\n", "250 queued\r\n", "221 bye\r\n");
            alerts(listening.getLocalPort(), Duration.ofSeconds(5)).vrrpGroup("G", "Stopping", "=> body <=");
            assertEquals("""
                    HELO helo.example\r
                    MAIL FROM:<from@example>\r
                    RCPT TO:<a@example>\r
                    RCPT TO:<b@example>\r
                    DATA\r
                    Date: Mon, 07 Dec 2026 16:00:00 +0000\r
                    From: from@example\r
                    Subject: [lab] VRRP Group G - Stopping\r
                    X-Mailer: Keepalived\r
                    To: a@example, b@example\r
                    \r
                    => body <=\r
                    \r
                    .\r
                    QUIT\r
                    """, got.get(10, TimeUnit.SECONDS));
        }
        threads.shutdown();
        threads.awaitTermination(5, TimeUnit.SECONDS);
        assertEquals(List.of("SMTP alert successfully sent."), log.stream().map(l -> l.replaceFirst("^.*?SMTP", "SMTP"))
                .toList());
    }

    @Test
    void aRefusedRecipientSkipsToQuitWithKeepalivedsLine() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> got = server(listening, "220 hi\r\n", "250 hi\r\n", "250 ok\r\n",
                    "550 no such user\r\n", "221 bye\r\n");
            alerts(listening.getLocalPort(), Duration.ofSeconds(5)).send("s", "b");
            assertEquals("HELO helo.example\r\nMAIL FROM:<from@example>\r\nRCPT TO:<a@example>\r\nQUIT\r\n",
                    got.get(10, TimeUnit.SECONDS));
            threads.shutdown();
            threads.awaitTermination(5, TimeUnit.SECONDS);
            int port = listening.getLocalPort();
            assertTrue(log.stream().anyMatch(l -> l.endsWith("Error processing RCPT cmd on SMTP server [127.0.0.1]:"
                    + port + ". SMTP status code = 550")), log.toString());
        }
    }

    @Test
    void noServerIsAConnectionError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        alerts(port, Duration.ofSeconds(2)).send("s", "b");
        threads.shutdown();
        threads.awaitTermination(5, TimeUnit.SECONDS);
        assertEquals(List.of("SMTP connection ERROR to [127.0.0.1]:" + port + "."),
                log.stream().map(l -> l.replaceFirst("^.*?SMTP", "SMTP")).toList());
    }

    @Test
    void aSilentServerTimesOutAndIsToldToQuit() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> got = server(listening, "");
            alerts(listening.getLocalPort(), Duration.ofMillis(300)).send("s", "b");
            threads.shutdown();
            threads.awaitTermination(5, TimeUnit.SECONDS);
            assertTrue(log.stream().anyMatch(l -> l.endsWith("Timeout reading data to remote SMTP server [127.0.0.1]:"
                    + listening.getLocalPort() + ".")), log.toString());
            assertEquals(2, log.size(), "the reply's timeout, then QUIT's (keepalived logs both): " + log);
            assertTrue(got.get(10, TimeUnit.SECONDS).startsWith("QUIT\r\n"));
        }
    }
}
