package io.lvsj.syncd.daemon;

import io.lvsj.ipvs.IpvsClient;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.SyncDaemon;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.rtnl.RtnlClient;
import io.lvsj.syncd.kernel.KernelCapture;
import io.lvsj.syncd.kernel.KernelDaemons;
import io.lvsj.syncd.kernel.KernelInjector;
import io.lvsj.syncd.kernel.SyncLinkSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * This director's kernel as lvs-syncd uses it: the sync link, the kernel's sync daemons on it
 * (started in manage mode, followed in follow mode), the capture of what its master daemon
 * sends and the injection into its backup daemon. {@link #poll} runs every couple of seconds,
 * so lvs-syncd follows keepalived turning its daemon from backup to master and back.
 */
final class KernelSide implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KernelSide.class);
    private final SyncdConfig config;
    private final Relay relay;
    private final IpvsClient ipvs;
    private final KernelInjector injector;
    private final KernelCapture capture;
    private final Thread captureThread;
    private Set<String> warned = new HashSet<>();
    private volatile boolean master;
    private boolean started = true;

    private KernelSide(SyncdConfig config, Relay relay, IpvsClient ipvs, KernelInjector injector, KernelCapture capture) {
        this.config = config;
        this.relay = relay;
        this.ipvs = ipvs;
        this.injector = injector;
        this.capture = capture;
        this.captureThread = Thread.ofPlatform().name("kernel-capture").unstarted(() -> {
            try {
                capture.run(relay::fromKernel);
            } catch (IOException e) {
                LOG.error("Stopped hearing the kernel's sync daemon: {}", e.getMessage());
            }
        });
    }

    /**
     * Sets up the sync link and the daemons and opens the sockets; capture starts with
     * {@link #startCapture}. Throws {@link StartupException} with one sentence for people.
     */
    static KernelSide open(SyncdConfig config, Relay relay) throws StartupException {
        IpvsClient ipvs;
        try {
            ipvs = IpvsClient.open();
        } catch (NetlinkException e) {
            throw new StartupException("cannot use the kernel's IPVS: " + e.getMessage());
        }
        KernelInjector injector = null;
        try (RtnlClient rtnl = RtnlClient.open()) {
            SyncLinkSetup.system().ensure(rtnl, config.link());
            injector = KernelInjector.open(config.link().relaySide(), config.syncGroup(), config.syncPort());
            KernelCapture capture = KernelCapture.open(config.link().relaySide(), config.syncGroup(), config.syncPort(),
                    syncPorts());
            KernelSide side = new KernelSide(config, relay, ipvs, injector, capture);
            side.started = false;
            side.poll();
            side.started = true;
            return side;
        } catch (IOException | NetlinkException e) {
            ipvs.close();
            closeQuietly(injector);
            throw new StartupException("cannot set up the sync link " + config.link().kernelSide() + " <-> "
                    + config.link().relaySide() + ": " + e.getMessage());
        }
    }

    /** {@code net.ipv4.vs.sync_ports}: how many sync threads, each on its own port. */
    private static int syncPorts() {
        try {
            return Math.max(1, Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/vs/sync_ports")).strip()));
        } catch (IOException | NumberFormatException e) {
            return 1;
        }
    }

    void startCapture() {
        captureThread.start();
    }

    /**
     * Looks at the kernel's daemons again: starts what manage mode wants, points injection at
     * the backup daemon on the link (and gives a newly appeared one the whole table).
     */
    synchronized void poll() {
        List<SyncDaemon> running;
        try {
            running = ipvs.daemons();
        } catch (NetlinkException e) {
            LOG.warn("Cannot list the kernel's sync daemons: {}", e.getMessage());
            return;
        }
        KernelDaemons.Plan plan = KernelDaemons.plan(running, config.daemons(), config.link().kernelSide(),
                config.syncId(), config.syncGroup(), config.syncPort());
        boolean started = true;
        for (IpvsCommand c : plan.start()) {
            try {
                ipvs.execute(c);
                LOG.info("Started the kernel's {}", c.describe().replaceFirst("^start ", ""));
            } catch (NetlinkException e) {
                started = false;
                warnOnce("Cannot " + e.getMessage());
            }
        }
        Set<String> now = new HashSet<>(plan.warnings());
        for (String w : plan.warnings()) {
            if (!warned.contains(w)) {
                LOG.warn("{}", w);
            }
        }
        warned = now;
        master = plan.master() && started;
        Relay.Target before = relay.target();
        if (plan.backup().isPresent() && started) {
            SyncDaemon b = plan.backup().get();
            relay.target(new Relay.Target(b.syncId(), KernelDaemons.maxLength(b), injector::inject));
            if (before == null && started) {
                int n = relay.injectAll();
                LOG.info("The kernel's backup sync daemon runs on {}: injected {} connections",
                        config.link().kernelSide(), n);
            }
        } else if (before != null) {
            relay.target(null);
            LOG.info("No backup sync daemon on {}: updates from the cluster are kept in the table only",
                    config.link().kernelSide());
        }
    }

    private void warnOnce(String message) {
        if (warned.add(message)) {
            LOG.warn("{}", message);
        }
    }

    boolean master() {
        return master;
    }

    boolean backup() {
        return relay.target() != null;
    }

    @Override
    public void close() {
        closeQuietly(capture);
        try {
            captureThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        relay.target(null);
        closeQuietly(injector);
        ipvs.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing {}: {}", c, e.toString());
            }
        }
    }
}
