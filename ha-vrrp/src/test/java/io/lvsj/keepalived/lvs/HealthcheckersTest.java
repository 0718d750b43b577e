package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.IpvsTable;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.keepalived.check.CheckScheduler;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.net.Endpoint;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.net.TlsContexts;
import io.lvsj.keepalived.check.probe.ProbeFactory;
import io.lvsj.keepalived.check.testserver.TcpServer;
import io.lvsj.keepalived.healthcheckers.Healthcheckers;
import io.lvsj.log.LogOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checker process end to end on the host: real servers on loopback, real checks, an
 * in-memory IPVS. (The kernel lab tests do the same against the real IPVS.)
 */
class HealthcheckersTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final ServiceKey WEB = ServiceKey.tcp(Fixtures.VIP, 80);
    static final CheckTiming FAST = CheckTiming.every(Duration.ofMillis(200)).withRetry(0, Duration.ofMillis(100));

    final FakeIpvs kernel = new FakeIpvs();
    final List<String> log = new CopyOnWriteArrayList<>();
    final CheckScheduler scheduler = new CheckScheduler();
    final List<AutoCloseable> toClose = new ArrayList<>();
    final Healthcheckers checkers = new Healthcheckers(kernel, new ProbeFactory(NetworkContext.host(),
            TlsContexts.acceptingAnyServer(null)), scheduler,
            new LvsNotifier(lines(log), new ScriptRunner(NetworkContext.host(), lines(log))), lines(log),
            RandomGenerator.getDefault());

    @AfterEach
    void cleanUp() throws Exception {
        checkers.close();
        scheduler.close();
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    TcpServer server() throws Exception {
        TcpServer s = TcpServer.accepting();
        toClose.add(s);
        return s;
    }

    static RealServerSpec realServer(int port) {
        Endpoint e = Endpoint.of(LOOPBACK, port).withConnectTimeout(Duration.ofMillis(300));
        return RealServerSpec.of(LOOPBACK, port, Forwarding.NAT, new CheckSpec.Tcp(e, FAST));
    }

    static VirtualServerSpec web(RealServerSpec... rs) {
        return VirtualServerSpec.of(WEB, ServiceTemplate.of("wlc"), List.of(rs));
    }

    IpvsTable.Entry entry() {
        return kernel.snapshot().services().get(WEB);
    }

    boolean has(int port, int weight) {
        IpvsTable.Entry e = entry();
        Destination d = e == null ? null : e.destinations().get(new IpvsTable.DestinationKey(LOOPBACK, port));
        return d != null && d.weight() == weight;
    }

    boolean absent(int port) {
        IpvsTable.Entry e = entry();
        return e != null && !e.destinations().containsKey(new IpvsTable.DestinationKey(LOOPBACK, port));
    }

    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aDeadServerLeavesWithinDelayLoopPlusTimeoutAndComesBack() throws Exception {
        TcpServer one = server();
        TcpServer two = server();
        int port = two.port();
        checkers.start(List.of(web(realServer(one.port()), realServer(port))));
        assertTrue(has(one.port(), 1) && has(port, 1), "both start in (no alpha)");
        two.close();
        long killed = System.nanoTime();
        await("server two removed", Duration.ofSeconds(3), () -> absent(port));
        long ms = (System.nanoTime() - killed) / 1_000_000;
        assertTrue(ms <= 200 + 300 + 150, "removed after " + ms + " ms; delay_loop 200 + connect_timeout 300");
        assertTrue(log.contains("Removing service [127.0.0.1]:tcp:" + port + " from VS [192.0.2.10]:tcp:80"), log.toString());
        TcpServer again = new TcpServer(LOOPBACK, port, (in, out) -> {
        });
        toClose.add(again);
        await("server two back", Duration.ofSeconds(3), () -> has(port, 1));
        assertTrue(has(one.port(), 1));
    }

    @Test
    void inhibitOnFailureKeepsTheServerAtWeightZero() throws Exception {
        TcpServer one = server();
        int port = one.port();
        checkers.start(List.of(web(realServer(port).withWeight(3).withInhibitOnFailure(true))));
        assertTrue(has(port, 3));
        one.close();
        await("weight 0", Duration.ofSeconds(3), () -> has(port, 0));
        assertTrue(log.contains("Disabling service [127.0.0.1]:tcp:" + port + " of VS [192.0.2.10]:tcp:80"), log.toString());
        toClose.add(new TcpServer(LOOPBACK, port, (in, out) -> {
        }));
        await("weight back", Duration.ofSeconds(3), () -> has(port, 3));
    }

    @Test
    void quorumLossSwitchesToTheSorryServerAndScriptsRun() throws Exception {
        TcpServer one = server();
        TcpServer two = server();
        Path marks = Files.createTempFile("ck-quorum", ".log");
        toClose.add(() -> Files.deleteIfExists(marks));
        NotifyCommand down = NotifyCommand.of("/bin/sh", "-c", "echo down >> " + marks);
        NotifyCommand up = NotifyCommand.of("/bin/sh", "-c", "echo up >> " + marks);
        InetAddress sorry = Fixtures.SORRY;
        VirtualServerSpec vs = web(realServer(one.port()), realServer(two.port())).withQuorum(2, 0)
                .withSorryServer(Optional.of(new SorryServerSpec(sorry, 80, Forwarding.NAT, false)))
                .withQuorumScripts(Optional.of(up), Optional.of(down));
        checkers.start(List.of(vs));
        Destination sorryDest = Destination.of(sorry, 80, ForwardingMethod.MASQ);
        assertFalse(entry().destinations().containsKey(IpvsTable.DestinationKey.of(sorryDest)));
        int twoPort = two.port();
        two.close();
        await("sorry server in", Duration.ofSeconds(3),
                () -> entry().destinations().containsKey(IpvsTable.DestinationKey.of(sorryDest)));
        assertTrue(absent(one.port()), "the remaining live server leaves the pool");
        // keepalived's init_service_vs tells of the quorum it starts with: quorum_up runs at start
        await("quorum_down ran", Duration.ofSeconds(3), () -> read(marks).equals("up\ndown\n"));
        toClose.add(new TcpServer(LOOPBACK, twoPort, (in, out) -> {
        }));
        await("pool back", Duration.ofSeconds(3), () -> has(one.port(), 1) && has(twoPort, 1)
                && !entry().destinations().containsKey(IpvsTable.DestinationKey.of(sorryDest)));
        await("quorum_up ran", Duration.ofSeconds(3), () -> read(marks).equals("up\ndown\nup\n"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Lost quorum 2-0=2 > 1 for VS")), log.toString());
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** keepalived's register_checkers_thread: every checker is named at start and again at each reload, in order. */
    static List<String> activations(List<String> log) {
        return log.stream().filter(l -> l.contains("ctivating healthchecker")).toList();
    }

    @Test
    void reloadTouchesOnlyWhatChanged() throws Exception {
        TcpServer one = server();
        TcpServer two = server();
        TcpServer three = server();
        RealServerSpec a = realServer(one.port());
        checkers.start(List.of(web(a, realServer(two.port()))));
        String vs = " for VS [192.0.2.10]:tcp:80";
        assertEquals(List.of("Activating healthchecker for service [127.0.0.1]:tcp:" + one.port() + vs,
                "Activating healthchecker for service [127.0.0.1]:tcp:" + two.port() + vs), activations(log));
        log.clear();
        kernel.log.clear();
        int before = one.connections();
        checkers.reload(List.of(web(a, realServer(three.port()))));
        assertEquals(List.of(new IpvsCommand.DeleteDestination(WEB, LOOPBACK, two.port()),
                new IpvsCommand.AddDestination(WEB, Destination.of(LOOPBACK, three.port(), ForwardingMethod.MASQ))),
                kernel.log, "nothing for the unchanged server");
        assertEquals(List.of("Activating healthchecker for service [127.0.0.1]:tcp:" + one.port() + vs,
                "Activating healthchecker for service [127.0.0.1]:tcp:" + three.port() + vs), activations(log));
        Thread.sleep(500);
        assertTrue(one.connections() > before, "the unchanged server's checker keeps running");
        assertTrue(has(one.port(), 1) && has(three.port(), 1) && absent(two.port()));
    }

    /** ha_suspend without the virtual address here: the checker starts held ("Deactivating") and runs once it comes. */
    @Test
    void aSuspendedCheckerIsDeactivatedFromTheStart() throws Exception {
        TcpServer one = server();
        checkers.setLocalAddresses(java.util.Set.of(LOOPBACK));
        checkers.start(List.of(web(realServer(one.port())).withHaSuspend(true)));
        String service = " healthchecker for service [127.0.0.1]:tcp:" + one.port() + " for VS [192.0.2.10]:tcp:80";
        assertEquals(List.of("Deactivating" + service), activations(log));
        Thread.sleep(500);
        assertEquals(0, one.connections(), "held: no check is made");
        checkers.setLocalAddresses(java.util.Set.of(LOOPBACK, Fixtures.VIP));
        assertEquals(List.of("Deactivating" + service, "Activating" + service), activations(log));
        await("the checker runs", Duration.ofSeconds(3), () -> one.connections() > 0);
    }

    @Test
    void fileCheckWeightsFollowTheFile() throws Exception {
        Path file = Files.createTempFile("ck-track", ".weight");
        toClose.add(() -> Files.deleteIfExists(file));
        Files.writeString(file, "4\n");
        RealServerSpec rs = RealServerSpec.of(LOOPBACK, 8080, Forwarding.NAT, new CheckSpec.File("w", file, 1, false));
        checkers.start(List.of(web(rs)));
        assertTrue(has(8080, 5), "weight 1 + 4 from the file");
        Files.writeString(file, "9\n");
        await("weight 10", Duration.ofSeconds(5), () -> has(8080, 10));
        Files.writeString(file, "-2147483648\n");
        await("down", Duration.ofSeconds(5), () -> absent(8080));
        Files.delete(file);
        await("a missing file is 0", Duration.ofSeconds(5), () -> has(8080, 1));
    }

    @Test
    void miscDynamicSetsTheWeight() throws Exception {
        Path code = Files.createTempFile("ck-misc", ".code");
        toClose.add(() -> Files.deleteIfExists(code));
        Files.writeString(code, "7");
        CheckSpec.Misc misc = new CheckSpec.Misc(List.of("/bin/sh", "-c", "exit $(cat " + code + ")"), Optional.empty(),
                Duration.ofSeconds(2), true, FAST);
        RealServerSpec rs = RealServerSpec.of(LOOPBACK, 8080, Forwarding.NAT, misc);
        checkers.start(List.of(web(rs)));
        await("weight 5 (exit 7 - 2)", Duration.ofSeconds(5), () -> has(8080, 5));
        Files.writeString(code, "1");
        await("failed", Duration.ofSeconds(5), () -> absent(8080));
        Files.writeString(code, "0");
        await("exit 0: configured weight", Duration.ofSeconds(5), () -> has(8080, 1));
    }

    @Test
    void globalSettingsFlushAndTimeouts() throws Exception {
        kernel.replace(IpvsTable.builder().add(io.lvsj.ipvs.Service.of(ServiceKey.tcp(Fixtures.SORRY, 25), "rr")).build());
        TcpServer one = server();
        io.lvsj.ipvs.Timeouts timeouts = new io.lvsj.ipvs.Timeouts(900, 0, 300);
        checkers.start(List.of(web(realServer(one.port()))), new LvsSettings(true, LvsSettings.FlushOnStop.FULL,
                Optional.of(timeouts), false));
        assertEquals(List.of(WEB), List.copyOf(kernel.snapshot().services().keySet()), "lvs_flush: nothing else remains");
        assertTrue(kernel.log.contains(new IpvsCommand.SetTimeouts(timeouts)));
        kernel.replace(IpvsTable.builder().add(io.lvsj.ipvs.Service.of(ServiceKey.tcp(Fixtures.SORRY, 25), "rr"))
                .add(kernel.snapshot().services().get(WEB).service()).build());
        checkers.stop();
        assertEquals(new IpvsCommand.Flush(), kernel.log.getLast(), "lvs_flush_on_stop: one flush");
        assertTrue(kernel.snapshot().services().isEmpty());
    }

    @Test
    void dontReleaseIpvsLeavesTheTable() throws Exception {
        TcpServer one = server();
        checkers.start(List.of(web(realServer(one.port()))));
        checkers.stop(true);
        assertTrue(kernel.snapshot().services().containsKey(WEB));
    }

    @Test
    void closingTwiceIsClosingOnce() {
        checkers.start(List.of());
        checkers.close();
        checkers.close();
    }

    @Test
    void stopRemovesWhatItAdded() throws Exception {
        TcpServer one = server();
        checkers.start(List.of(web(realServer(one.port()))));
        checkers.stop(false);
        assertFalse(kernel.snapshot().services().containsKey(WEB));
        assertTrue(log.contains("Shutting down service [127.0.0.1]:tcp:" + one.port() + " from VS [192.0.2.10]:tcp:80"));
    }

    private static org.slf4j.Logger lines(List<String> log) {
        return LogOutput.lines(log::add, true);
    }
}
