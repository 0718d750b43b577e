package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.testserver.TcpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static io.lvsj.keepalived.check.probe.Probes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpConnectProbeTest {
    static Attempt probe(int port) {
        return new TcpConnectProbe(new CheckSpec.Tcp(endpoint(port), TIMING), NetworkContext.host()).attempt(FIRST_URL);
    }

    @Test
    void passesWhenTheServerAccepts() throws Exception {
        try (TcpServer server = TcpServer.accepting()) {
            assertEquals(Attempt.passed(), probe(server.port()));
            Thread.sleep(50);
            assertEquals(1, server.connections());
        }
    }

    @Test
    void failsAtOnceWhenRefused() throws Exception {
        long start = System.nanoTime();
        Attempt a = probe(closedPort());
        assertInstanceOf(Attempt.Failed.class, a);
        assertTrue(System.nanoTime() - start < 500_000_000L, "refusal is immediate");
    }

    @Test
    void failsWithinTheTimeoutWhenSynsGoUnanswered() throws Exception {
        // a listener whose accept queue is full drops further SYNs: the connect hangs
        try (ServerSocket full = new ServerSocket()) {
            full.bind(new InetSocketAddress(LOOPBACK, 0), 1);
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                    } catch (java.io.IOException e) {
                        // already full
                    }
                    fillers.add(s);
                }
                long start = System.nanoTime();
                Attempt a = probe(full.getLocalPort());
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertEquals("TCP connection to [127.0.0.1]:" + full.getLocalPort() + " timeout",
                        ((Attempt.Failed) a).reason());
                assertTrue(ms >= 700 && ms < 2000, "took " + ms + " ms for an 800 ms connect_timeout");
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }
}
