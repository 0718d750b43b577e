package io.lvsj.keepalived.bench;

import io.lvsj.ipvs.IpvsClient;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.keepalived.check.CheckScheduler;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.net.Endpoint;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.net.TlsContexts;
import io.lvsj.keepalived.check.probe.ProbeFactory;
import io.lvsj.keepalived.healthcheckers.Healthcheckers;
import io.lvsj.keepalived.lvs.Forwarding;
import io.lvsj.keepalived.lvs.LvsNotifier;
import io.lvsj.keepalived.lvs.RealServerSpec;
import io.lvsj.keepalived.lvs.ScriptRunner;
import io.lvsj.keepalived.lvs.ServiceTemplate;
import io.lvsj.keepalived.lvs.VirtualServerSpec;
import io.lvsj.log.LogOutput;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;

/**
 * Not a test: keepalived-j's checker process for {@code bench/keepalived-j-checkers}, with the
 * configuration the benchmark gives keepalived (one NAT virtual server, N real servers with a
 * TCP_CHECK each: delay_loop 1, connect_timeout 1, retry 1, delay_before_retry 1, warm-up =
 * delay_loop). Runs in the network namespace it is started in until SIGTERM.
 *
 *   CheckerProcess N [--in-memory-ipvs]
 *
 * With {@code --in-memory-ipvs} IPVS is kept in memory, to measure the checker alone where the
 * kernel has no IPVS.
 */
public final class CheckerProcess {
    private CheckerProcess() {
    }

    /** Real server {@code i}: 10.200.x.y, as the benchmark's keepalived.conf lists them. */
    static InetAddress realServer(int i) throws Exception {
        return InetAddress.getByName("10.200." + (i / 250) + "." + (i % 250 + 1));
    }

    static VirtualServerSpec config(int n) throws Exception {
        CheckTiming timing = new CheckTiming(Duration.ofSeconds(1), 1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                false, false);
        List<RealServerSpec> servers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            InetAddress a = realServer(i);
            servers.add(RealServerSpec.of(a, 80, Forwarding.NAT,
                    new CheckSpec.Tcp(Endpoint.of(a, 80).withConnectTimeout(Duration.ofSeconds(1)), timing)));
        }
        return VirtualServerSpec.of(ServiceKey.tcp(InetAddress.getByName("203.0.113.10"), 80), ServiceTemplate.of("rr"),
                servers);
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        boolean inMemory = args.length > 1 && args[1].equals("--in-memory-ipvs");
        CountDownLatch stopped = new CountDownLatch(1);
        io.lvsj.ipvs.Ipvs ipvs = inMemory ? new io.lvsj.ipvs.MemoryIpvs() : IpvsClient.open();
        CheckScheduler scheduler = new CheckScheduler();
        org.slf4j.Logger errors = LogOutput.lines(System.err::println, true);
        Healthcheckers checkers = new Healthcheckers(ipvs, new ProbeFactory(NetworkContext.host(),
                TlsContexts.acceptingAnyServer(null)), scheduler,
                new LvsNotifier(LogOutput.silent(false), new ScriptRunner(NetworkContext.host(), errors)),
                errors, RandomGenerator.getDefault());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            checkers.stop(false);
            stopped.countDown();
        }));
        checkers.start(List.of(config(n)));
        System.out.println("started " + n);
        stopped.await();
    }
}
