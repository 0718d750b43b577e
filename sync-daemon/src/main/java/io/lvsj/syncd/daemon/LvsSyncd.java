package io.lvsj.syncd.daemon;

import io.lvsj.metrics.MetricsEndpoint;
import io.lvsj.process.SystemdNotify;
import io.lvsj.syncd.cluster.ClusterKey;
import io.lvsj.syncd.cluster.SyncCluster;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running daemon: the {@link Relay} between this director's kernel ({@link KernelSide})
 * and the cluster ({@link SyncCluster}), a housekeeping tick, and the control socket.
 *
 * <p>Start-up order matters: the kernel side first (so a kernel without IPVS or a link that
 * cannot be made is one clear sentence before anything else happens), then the cluster with
 * state transfer, then the whole table into the kernel's backup daemon, and only then capture
 * and readiness: a director that joined late has every connection before it says it is ready.
 */
public final class LvsSyncd implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LvsSyncd.class);
    private static final long TICK_MILLIS = 2000;
    private final Path configFile;
    private final Counters counters = new Counters();
    private final Relay relay;
    private final SystemdNotify systemd = SystemdNotify.from(System.getenv("NOTIFY_SOCKET"));
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("housekeeping").unstarted(r));
    private SyncdConfig config;
    private KernelSide kernel;
    private SyncCluster cluster;
    private ControlSocket control;
    private MetricsEndpoint endpoint;
    private boolean started;

    private LvsSyncd(Path configFile, SyncdConfig config) {
        this.configFile = configFile;
        this.config = config;
        this.relay = new Relay(config.maxConnections(), counters, () -> System.nanoTime() / 1_000_000);
    }

    /** Starts as {@code config} says; throws with one sentence when it cannot. */
    public static LvsSyncd start(Path configFile, SyncdConfig config) throws StartupException {
        LvsSyncd d = new LvsSyncd(configFile, config);
        try {
            d.startParts();
        } catch (StartupException e) {
            d.close();
            throw e;
        }
        return d;
    }

    private void startParts() throws StartupException {
        LOG.info("Starting lvs-syncd: cluster {} as {} ({}, kernel daemons: {})", config.cluster(), config.node(),
                config.transport().name().toLowerCase(java.util.Locale.ROOT),
                config.daemons().name().toLowerCase(java.util.Locale.ROOT));
        kernel = KernelSide.open(config, relay);
        joinCluster();
        int injected = relay.injectAll();
        if (kernel.backup()) {
            LOG.info("Injected {} connections into the kernel's backup sync daemon", injected);
        }
        kernel.startCapture();
        try {
            control = ControlSocket.open(config.controlSocket(), this::answer);
        } catch (IOException e) {
            throw new StartupException(e.getMessage());
        }
        ticks.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        listen(config.metricsListen());
        String ready = readiness();
        systemd.ready();
        started = true;
        LOG.info("lvs-syncd ready: {}", ready);
    }

    private void joinCluster() throws StartupException {
        ClusterKey key;
        try {
            key = ClusterKey.read(config.keyFile());
        } catch (IOException e) {
            throw new StartupException(e.getMessage());
        }
        try {
            cluster = SyncCluster.join(config.clusterSettings(key), relay);
        } catch (Exception e) {
            throw new StartupException("cannot join the sync cluster " + config.cluster() + " on "
                    + config.bind().getHostAddress() + ":" + config.port() + ": " + e.getMessage());
        }
        relay.outbox(cluster::send);
        LOG.info("Joined the sync cluster {} as {}: members {}", config.cluster(), config.node(),
                String.join(", ", cluster.members()));
    }

    private String readiness() {
        return cluster.members().size() + " members, " + relay.size() + " connections";
    }

    private void tick() {
        try {
            int expired = relay.expire();
            if (expired > 0) {
                LOG.debug("{} connections expired", expired);
            }
            kernel.poll();
        } catch (RuntimeException e) {
            LOG.warn("housekeeping: {}", e.toString());
        }
    }

    private String answer(String request) {
        Status s = status();
        return "json".equals(request) ? s.json() + "\n" : s.text();
    }

    public synchronized Status status() {
        return new Status(config.node(), config.cluster(), cluster == null ? java.util.List.of() : cluster.members(),
                relay.size(), relay.limit(), kernel != null && kernel.master(), kernel != null && kernel.backup(),
                counters.kernelDatagrams.sum(), counters.kernelRecords.sum(),
                counters.clusterMessagesOut.sum(), counters.clusterRecordsOut.sum(),
                counters.clusterMessagesIn.sum(), counters.clusterRecordsIn.sum(),
                counters.injectedDatagrams.sum(), counters.injectedRecords.sum(),
                counters.notInjected.sum(), counters.injectLosses.sum(), counters.tableFull.sum(),
                counters.statesGiven.sum(), counters.stateRecordsReceived.sum(),
                cluster == null ? 0 : cluster.sealRejected(), counters.drops());
    }

    /**
     * SIGHUP: reads the configuration again. A bad file changes nothing; otherwise the parts
     * whose settings changed are set up again (the table is kept; a cluster joined again
     * merges the coordinator's table into it).
     */
    public synchronized void reload() {
        LOG.info("Reloading the configuration {}", configFile);
        systemd.reloading();
        SyncdConfigParser.Result r;
        try {
            r = SyncdConfigParser.parse(configFile.toString(), Files.readString(configFile), config.node());
        } catch (IOException e) {
            LOG.error("Reload failed, keeping the running configuration: cannot read {}: {}", configFile, e.getMessage());
            systemd.ready();
            return;
        }
        if (!r.ok()) {
            r.errors().forEach(LOG::error);
            LOG.error("Reload failed, keeping the running configuration");
            systemd.ready();
            return;
        }
        SyncdConfig next = r.config();
        SyncdConfig before = config;
        try {
            if (next.kernelDiffers(before)) {
                kernel.close();
                config = next;
                kernel = KernelSide.open(next, relay);
                kernel.startCapture();
            }
            if (next.clusterDiffers(before)) {
                cluster.close();
                config = next;
                joinCluster();
                relay.injectAll();
            }
            config = next;
            if (!next.metricsListen().equals(before.metricsListen())) {
                listen(next.metricsListen());
            }
            if (next.maxConnections() != before.maxConnections() || !next.controlSocket().equals(before.controlSocket())) {
                LOG.warn("max-connections and control-socket take effect when lvs-syncd restarts");
            }
            LOG.info("Reload finished: {}", readiness());
        } catch (StartupException e) {
            LOG.error("Reload failed: {}", e.getMessage());
        }
        systemd.ready();
    }

    /**
     * {@code metrics-listen}: serves {@code /metrics} (the status as {@code lvsj_syncd_*} and the
     * JVM's metrics), {@code /state} (the status as JSON) and {@code /healthz} there, through
     * daemon-lib's endpoint; nothing when empty. An address that cannot be listened on is logged
     * and lvs-syncd carries on without it: sync matters more than its metrics.
     */
    private void listen(Optional<InetSocketAddress> wanted) {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
        if (wanted.isEmpty()) {
            return;
        }
        var registry = MetricsEndpoint.newRegistry();
        registry.register((MultiCollector) () -> new MetricSnapshots(StatusMetrics.families(status())));
        try {
            endpoint = MetricsEndpoint.open(MetricsEndpoint.Settings.of(wanted.get(), Optional.empty()), registry,
                    new MetricsEndpoint.Daemon() {
                        @Override
                        public Optional<String> stateJson() {
                            return Optional.of(status().json() + "\n");
                        }

                        @Override
                        public List<String> problems() {
                            return cluster == null ? List.of("not in the sync cluster") : List.of();
                        }
                    }, LOG);
            LOG.info("Serving /metrics, /state and /healthz on http://{}", MetricsEndpoint.describe(wanted.get()));
        } catch (IOException | RuntimeException e) {
            LOG.error("metrics-listen: cannot listen on {}; carrying on without the status endpoint", e.getMessage());
        }
    }

    /** Where the status endpoint listens, if it does. */
    public synchronized Optional<InetSocketAddress> metricsAddress() {
        return endpoint == null ? Optional.empty() : Optional.of(endpoint.address());
    }

    /** SIGTERM: leaves the cluster and stops. The kernel's sync daemons keep running. */
    @Override
    public synchronized void close() {
        systemd.stopping();
        ticks.shutdownNow();
        if (endpoint != null) {
            endpoint.close();
        }
        if (control != null) {
            try {
                control.close();
            } catch (IOException e) {
                LOG.debug("closing the control socket: {}", e.toString());
            }
        }
        if (kernel != null) {
            kernel.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (started) {
            LOG.info("Stopped lvs-syncd; the kernel's sync daemons keep running");
        }
    }
}
