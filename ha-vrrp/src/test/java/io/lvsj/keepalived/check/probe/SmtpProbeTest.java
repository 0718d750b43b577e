package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.testserver.TcpServer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.lvsj.keepalived.check.probe.Probes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SmtpProbeTest {
    static Attempt probe(int port) {
        return new SmtpProbe(new CheckSpec.Smtp(endpoint(port), TIMING, "probe.example"), NetworkContext.host())
                .attempt(FIRST_URL);
    }

    /** An SMTP server that greets with {@code banner} and answers HELO with {@code helo}. */
    static TcpServer smtp(String banner, String helo, List<String> heard) throws Exception {
        return new TcpServer((in, out) -> {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            send(out, banner);
            String line;
            while ((line = r.readLine()) != null) {
                heard.add(line);
                if (line.startsWith("HELO")) {
                    send(out, helo);
                } else if (line.equals("QUIT")) {
                    send(out, "221 bye\r\n");
                    return;
                }
            }
        });
    }

    static void send(OutputStream out, String s) throws java.io.IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    void aWellBehavedServerPasses() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (TcpServer server = smtp("220-mx.example ESMTP\r\n220 ready\r\n", "250 mx.example\r\n", heard)) {
            assertEquals(Attempt.passed(), probe(server.port()));
            assertEquals(List.of("HELO probe.example", "QUIT"), heard);
        }
    }

    @Test
    void aRefusingServerFails() throws Exception {
        try (TcpServer server = smtp("554 no service\r\n", "250 ok\r\n", new CopyOnWriteArrayList<>())) {
            assertEquals(Attempt.failed("Bad greeting banner from server [127.0.0.1]:" + server.port()),
                    probe(server.port()));
        }
        try (TcpServer server = smtp("220 ok\r\n", "421 shutting down\r\n", new CopyOnWriteArrayList<>())) {
            assertEquals(Attempt.failed("Bad HELO response from server [127.0.0.1]:" + server.port()),
                    probe(server.port()));
        }
    }

    @Test
    void silenceAndRefusalFail() throws Exception {
        try (TcpServer server = new TcpServer((in, out) -> {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            assertEquals(Attempt.failed("Read timeout from server [127.0.0.1]:" + server.port()), probe(server.port()));
        }
        int closed = closedPort();
        assertEquals(Attempt.failed("Could not connect to server [127.0.0.1]:" + closed), probe(closed));
    }

    /** A server that closes at once, or after its banner: keepalived's "Read failure". */
    @Test
    void aServerThatHangsUpFails() throws Exception {
        try (TcpServer server = new TcpServer((in, out) -> {
        })) {
            assertEquals(Attempt.failed("Read failure from server [127.0.0.1]:" + server.port()), probe(server.port()));
        }
        try (TcpServer server = new TcpServer((in, out) -> send(out, "220 ok\r\n"))) {
            assertEquals(Attempt.failed("Read failure from server [127.0.0.1]:" + server.port()), probe(server.port()));
        }
    }
}
