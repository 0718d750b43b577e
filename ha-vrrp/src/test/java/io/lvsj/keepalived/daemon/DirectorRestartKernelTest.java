package io.lvsj.keepalived.daemon;

import io.lvsj.keepalived.check.testserver.HttpServer;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.lvsj.keepalived.daemon.DirectorPairKernelTest.await;
import static io.lvsj.keepalived.daemon.DirectorPairKernelTest.table;
import static io.lvsj.keepalived.daemon.DirectorPairKernelTest.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's crash faults, on the lab kernel with real HTTP traffic through the VIP: the real
 * {@code bin/keepalived-j} is killed with SIGKILL in the middle of a reload, and in the middle
 * of its start-up, then started again. The IPVS table converges to the configuration without
 * being flushed (the service's counters go on counting: a service deleted and added again
 * starts from zero), an established connection to a real server that did not change carries
 * on after the restart, and at the end exactly one director holds the VIPs. New connections do
 * fail for a moment: the restarted keepalived-j, like keepalived, starts as a backup and takes
 * its VIPs away until it is master again (the other director might be master by then), so the
 * test only accepts failures in that window.
 */
@KernelTest
class DirectorRestartKernelTest {
    private static final Pattern SERVICE_CONNS = Pattern.compile("(?m)^TCP\\s+203\\.0\\.113\\.10:80\\s+(\\d+)");

    /** A second service, 203.0.113.10:7 to real server 0's echo port, for a long-lived connection. */
    static final String ECHO_SERVICE = """
            virtual_server 203.0.113.10 7 {
              delay_loop 1
              lb_algo rr
              lb_kind NAT
              protocol TCP
              real_server 198.51.100.11 7 {
                TCP_CHECK {
                  connect_timeout 1
                }
              }
            }
            """;

    static String config(int priority, int realServers) {
        String all = DirectorPairKernelTest.realServers();
        // the first N real_server blocks of DirectorPairKernelTest's three
        StringBuilder some = new StringBuilder();
        int at = 0;
        for (int i = 0; i < realServers; i++) {
            int next = all.indexOf("  real_server", at + 1);
            some.append(all, at, next < 0 ? all.length() : next);
            at = next < 0 ? all.length() : next;
        }
        String base = DirectorPairKernelTest.config(priority);
        return base.replace(all, some.toString());
    }

    /** Requests through the VIP every 100 ms until stopped, counting the failures. */
    private static final class Traffic implements AutoCloseable {
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final List<String> failures = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Traffic(DirectorPair pair) {
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    try {
                        String body = pair.get();
                        if (body.startsWith("rs")) {
                            ok.incrementAndGet();
                        } else {
                            fail("answer '" + body + "'");
                        }
                    } catch (Exception e) {
                        fail(e.toString());
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        private synchronized void fail(String why) {
            failed.incrementAndGet();
            failures.add(System.nanoTime() / 1_000_000 + " ms: " + why);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    /** An echo server on real server 0 (no idle timeout): one line in, the same line out. */
    static java.nio.channels.ServerSocketChannel echo(DirectorPair pair) throws Exception {
        java.nio.channels.ServerSocketChannel server = pair.realServerNets.get(0).call(() ->
                java.nio.channels.ServerSocketChannel.open().bind(new java.net.InetSocketAddress(DirectorPair.realServer(0), 7)));
        Thread.ofPlatform().daemon().start(() -> {
            while (server.isOpen()) {
                try {
                    java.net.Socket s = server.accept().socket();
                    Thread.ofPlatform().daemon().start(() -> {
                        try (s; var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream()))) {
                            for (String line = in.readLine(); line != null; line = in.readLine()) {
                                s.getOutputStream().write((line + "\n").getBytes());
                            }
                        } catch (java.io.IOException ignored) {
                            // the client went away
                        }
                    });
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    static String roundTrip(java.net.Socket s, String line) throws java.io.IOException {
        s.getOutputStream().write((line + "\n").getBytes());
        StringBuilder back = new StringBuilder();
        for (int c = s.getInputStream().read(); c >= 0 && c != '\n'; c = s.getInputStream().read()) {
            back.append((char) c);
        }
        return back.toString();
    }

    static long connections(LabNamespace director) {
        Matcher m = SERVICE_CONNS.matcher(director.ipvsadm("-Ln", "--stats").stdout());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Test
    void killedInTheMiddleOfAReloadItRestartsToTheNewTableWithoutFlushingTheOld() throws Exception {
        Path dir = Files.createTempDirectory("kd-restart");
        List<KeepalivedJ> all = new ArrayList<>();
        try (DirectorPair pair = new DirectorPair(3)) {
            List<HttpServer> servers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                servers.add(web(pair, i));
            }
            java.nio.channels.ServerSocketChannel echo = echo(pair);
            Path conf = dir.resolve("d1.conf");
            Files.writeString(conf, config(150, 2) + ECHO_SERVICE);
            KeepalivedJ first = KeepalivedJ.start(pair.director(1).name(), conf, dir.resolve("first"));
            all.add(first);
            first.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(120));
            Set<String> two = table("198.51.100.11", "198.51.100.12");
            await("the table of two", Duration.ofSeconds(60), () -> table(pair.director(1)).containsAll(two));
            try (Traffic traffic = new Traffic(pair);
                 java.nio.channels.SocketChannel held = pair.clientNet.openStream(DirectorPair.VIP)) {
                await("traffic flows", Duration.ofSeconds(30), () -> traffic.ok.get() >= 10);
                java.net.Socket connection = held.socket();
                connection.connect(new java.net.InetSocketAddress(DirectorPair.VIP, 7), 5000);
                connection.setSoTimeout(60_000);
                assertEquals("before", roundTrip(connection, "before"));
                long before = connections(pair.director(1));

                Files.writeString(conf, config(150, 3) + ECHO_SERVICE);
                first.signal("HUP");
                first.awaitLog("Reloading", Duration.ofSeconds(30));
                first.kill();
                assertTrue(pair.holds(1, "203.0.113.10"), "a killed keepalived-j leaves the VIP (and the table) serving");

                KeepalivedJ second = KeepalivedJ.start(pair.director(1).name(), conf, dir.resolve("second"));
                all.add(second);
                second.awaitLog("(VI_1) removing VIPs.", Duration.ofSeconds(120));
                long vipsGone = System.nanoTime() / 1_000_000;
                second.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(120));
                long master = System.nanoTime() / 1_000_000;
                Set<String> three = table("198.51.100.11", "198.51.100.12", "198.51.100.13");
                await("the new configuration's table", Duration.ofSeconds(60),
                        () -> table(pair.director(1)).containsAll(three));
                int okBefore = traffic.ok.get();
                await("traffic after the restart", Duration.ofSeconds(30), () -> traffic.ok.get() >= okBefore + 10);
                assertEquals("after", roundTrip(connection, "after"), "the established connection carried on");
                long after = connections(pair.director(1));
                assertTrue(after > before, "the service's counters went on (" + before + " -> " + after
                        + "): it was not deleted and added again");
                assertFalse(second.log().contains("Removing service [198.51.100.11]")
                        || second.log().contains("Removing service [198.51.100.12]"), second.log());
                synchronized (traffic) {
                    for (String failure : traffic.failures) {
                        long at = Long.parseLong(failure.substring(0, failure.indexOf(' ')));
                        assertTrue(at >= vipsGone - 5000 && at <= master + 5000, "a request failed outside the"
                                + " window without VIPs (" + vipsGone + " - " + master + " ms): " + traffic.failures);
                    }
                }
                System.out.println("requests: " + traffic.ok.get() + " answered, " + traffic.failures.size()
                        + " failed in the " + (master - vipsGone) + " ms the restarted director was backup");
            }
            echo.close();
            assertEquals(0, all.getLast().stop(), all.getLast().log());
            for (HttpServer s : servers) {
                s.close();
            }
        } finally {
            for (KeepalivedJ k : all) {
                k.close();
                System.out.println("---- " + k.directory() + "\n" + k.log());
            }
        }
    }

    @Test
    void killedDuringStartUpItRestartsAndOnlyOneDirectorKeepsTheVips() throws Exception {
        Path dir = Files.createTempDirectory("kd-startup");
        List<KeepalivedJ> all = new ArrayList<>();
        try (DirectorPair pair = new DirectorPair(2)) {
            List<HttpServer> servers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                servers.add(web(pair, i));
            }
            Path conf1 = dir.resolve("d1.conf");
            Path conf2 = dir.resolve("d2.conf");
            Files.writeString(conf1, config(150, 2));
            Files.writeString(conf2, config(100, 2));
            KeepalivedJ backup = KeepalivedJ.start(pair.director(2).name(), conf2, dir.resolve("d2"));
            all.add(backup);
            backup.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(120)); // alone, it becomes master
            Set<String> two = table("198.51.100.11", "198.51.100.12");
            try (Traffic traffic = new Traffic(pair)) {
                await("traffic through director 2", Duration.ofSeconds(60), () -> traffic.ok.get() >= 10);

                KeepalivedJ killed = KeepalivedJ.start(pair.director(1).name(), conf1, dir.resolve("d1-killed"));
                all.add(killed);
                killed.awaitLog("Starting", Duration.ofSeconds(60));
                Thread.sleep(300);
                killed.kill();

                KeepalivedJ master = KeepalivedJ.start(pair.director(1).name(), conf1, dir.resolve("d1"));
                all.add(master);
                master.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(120));
                await("director 2 gives the VIPs up", Duration.ofSeconds(30),
                        () -> !pair.holds(2, "203.0.113.10") && !pair.holds(2, "198.51.100.1"));
                assertTrue(pair.holds(1, "203.0.113.10") && pair.holds(1, "198.51.100.1"), "director 1 has them");
                await("director 1's table", Duration.ofSeconds(60), () -> table(pair.director(1)).equals(two));
                int okBefore = traffic.ok.get();
                await("traffic through director 1", Duration.ofSeconds(30), () -> traffic.ok.get() >= okBefore + 10);
                Thread.sleep(3000);
                assertFalse(pair.holds(2, "203.0.113.10"), "the VIP stays on one director");
                System.out.println("requests: " + traffic.ok.get() + " answered, " + traffic.failed.get()
                        + " failed while director 1 was killed, restarted and took over: " + traffic.failures);
            }
            for (KeepalivedJ k : List.of(all.get(2), all.get(0))) {
                assertEquals(0, k.stop(), k.log());
            }
            for (HttpServer s : servers) {
                s.close();
            }
        } finally {
            for (KeepalivedJ k : all) {
                k.close();
                System.out.println("---- " + k.directory() + "\n" + k.log());
            }
        }
    }
}
