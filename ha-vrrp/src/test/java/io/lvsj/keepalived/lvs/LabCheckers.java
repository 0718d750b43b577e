package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.IpvsClient;
import io.lvsj.keepalived.check.CheckScheduler;
import io.lvsj.keepalived.check.net.TlsContexts;
import io.lvsj.keepalived.check.probe.ProbeFactory;
import io.lvsj.keepalived.healthcheckers.Healthcheckers;
import io.lvsj.lab.LabNamespace;
import io.lvsj.log.LogOutput;
import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/** The checker process running against the director's real IPVS, for kernel tests. */
final class LabCheckers implements AutoCloseable {
    final IpvsClient ipvs;
    final CheckScheduler scheduler = new CheckScheduler();
    final List<String> log = new CopyOnWriteArrayList<>();
    final Healthcheckers checkers;
    private final LabNamespace director;

    LabCheckers(LabTopology topology) {
        this.director = topology.director;
        this.ipvs = IpvsClient.open(NetNamespace.named(director.name()));
        Logger lines = LogOutput.lines(this::log, true);
        this.checkers = new Healthcheckers(ipvs, new ProbeFactory(topology.directorNet,
                TlsContexts.acceptingAnyServer(null)), scheduler,
                new LvsNotifier(lines, new ScriptRunner(topology.directorNet, lines)), lines,
                RandomGenerator.getDefault());
    }

    private void log(String line) {
        log.add(line);
        System.out.println("[keepalived-j] " + line);
    }

    /** {@code ipvsadm -Sn} as a set of lines (the kernel lists in hash order). */
    Set<String> table() {
        return new TreeSet<>(Arrays.asList(director.savedTable().split("\n")));
    }

    static Set<String> lines(String... lines) {
        return new TreeSet<>(Arrays.asList(lines));
    }

    /** Waits for {@code condition}; returns how long it took. */
    static Duration await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError("timed out after " + limit + " waiting for: " + what);
            }
            Thread.sleep(50);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        checkers.close();
        scheduler.close();
        ipvs.close();
    }
}
