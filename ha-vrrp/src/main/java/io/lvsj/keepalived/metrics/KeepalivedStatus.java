package io.lvsj.keepalived.metrics;

import io.lvsj.keepalived.config.GlobalDefs;
import io.lvsj.keepalived.healthcheckers.Healthcheckers;
import io.lvsj.keepalived.vrrp.daemon.VrrpDaemon;
import io.lvsj.metrics.MetricsEndpoint;
import io.lvsj.metrics.OwnedSnapshot;
import io.lvsj.metrics.model.Families;
import io.lvsj.sys.NetNamespace;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.slf4j.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What keepalived-j's status endpoint ({@code metrics_listen}) shows, from whichever
 * subsystems run now: the VRRP families and {@code /state} from snapshots the VRRP thread
 * makes, the checker families from snapshots the checkers' event thread makes, the kernel's
 * IPVS table read over a socket of its own, and the JVM's metrics. Neither subsystem's threads
 * ever wait for a scrape. The subsystems report when they start and stop; the daemon calls
 * {@link #listen} at start and after each reload.
 */
public final class KeepalivedStatus implements MetricsEndpoint.Daemon, AutoCloseable {
    /** How old a snapshot a scrape may get: at most four requests a second reach each subsystem. */
    static final Duration MAX_AGE = Duration.ofMillis(250);
    /** How long a scrape waits for a subsystem's thread before it takes the last snapshot. */
    static final Duration PATIENCE = Duration.ofSeconds(1);
    /** A subsystem thread silent this long makes {@code /healthz} fail. */
    static final Duration STALLED = Duration.ofSeconds(5);

    private record Vrrp(OwnedSnapshot<VrrpView> view, OwnedSnapshot<String> json) {
    }

    private final CheckTries tries = new CheckTries();
    private final NetNamespace ipvsNamespace;
    private final Logger log;
    private volatile Vrrp vrrp;
    private volatile OwnedSnapshot<CheckerView> checkers;
    private volatile boolean syncDaemon;
    private volatile IpvsReader ipvs;
    /** Made when the endpoint is first wanted: a daemon without metrics_listen loads no metrics classes. */
    private PrometheusRegistry registry;
    private MetricsEndpoint endpoint;
    private Optional<GlobalDefs.StatusEndpoint> listening = Optional.empty();

    /**
     * @param ipvsNamespace whose IPVS table to show ({@code net_namespace_ipvs}, else
     *                      {@code net_namespace}), or null for this process's
     */
    public KeepalivedStatus(NetNamespace ipvsNamespace, Logger log) {
        this.ipvsNamespace = ipvsNamespace;
        this.log = log;
    }

    private PrometheusRegistry registry() {
        if (registry == null) {
            registry = MetricsEndpoint.newRegistry();
            registry.register((MultiCollector) this::collect);
        }
        return registry;
    }

    /** The VRRP subsystem runs {@code daemon} (null: it stopped). */
    public void vrrp(VrrpDaemon daemon) {
        vrrp = daemon == null ? null : new Vrrp(daemon.snapshot(VrrpView::of, MAX_AGE, PATIENCE),
                daemon.snapshot(daemon::json, MAX_AGE, PATIENCE));
    }

    /** The checker subsystem runs {@code healthcheckers} (null: it stopped). */
    public void checkers(Healthcheckers healthcheckers) {
        if (healthcheckers == null) {
            checkers = null;
        } else {
            healthcheckers.observe(tries);
            checkers = healthcheckers.snapshot(CheckerView::of, MAX_AGE, PATIENCE);
        }
        ipvsReader();
    }

    /**
     * At start and after each reload: serves as {@code wanted} says (nothing when empty) in
     * {@code namespace} (the daemon's, or null), moving or closing the endpoint when that
     * changed. {@code syncDaemon}: the configuration runs {@code lvs_sync_daemon}, whose
     * state is shown even when the checkers do not run. A failure to listen is logged and the
     * daemon carries on without the endpoint; the next reload tries again.
     */
    public synchronized void listen(Optional<GlobalDefs.StatusEndpoint> wanted, NetNamespace namespace,
                                    boolean syncDaemon) {
        this.syncDaemon = syncDaemon;
        ipvsReader();
        if (wanted.equals(listening) && (endpoint != null || wanted.isEmpty())) {
            return;
        }
        closeEndpoint();
        listening = wanted;
        if (wanted.isEmpty()) {
            return;
        }
        InetSocketAddress address = new InetSocketAddress(wanted.get().address(), wanted.get().port());
        try {
            endpoint = MetricsEndpoint.open(MetricsEndpoint.Settings.of(address, Optional.ofNullable(namespace)),
                    registry(), this, log);
            log.info("Serving /metrics, /state and /healthz on http://" + MetricsEndpoint.describe(address));
        } catch (IOException | RuntimeException e) {
            log.info("metrics_listen: cannot listen on " + e.getMessage() + "; carrying on without the status endpoint");
        }
    }

    /** Where the endpoint listens, if it does. */
    public synchronized Optional<InetSocketAddress> address() {
        return Optional.ofNullable(endpoint).map(MetricsEndpoint::address);
    }

    private synchronized void ipvsReader() {
        boolean wanted = checkers != null || syncDaemon;
        if (wanted && ipvs == null) {
            ipvs = new IpvsReader(ipvsNamespace, log);
        } else if (!wanted && ipvs != null) {
            ipvs.close();
            ipvs = null;
        }
    }

    private MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        Vrrp v = vrrp;
        OwnedSnapshot<CheckerView> c = checkers;
        IpvsReader reader = ipvs;
        Families.Gauge running = Families.gauge("lvsj_keepalived_subsystem_running",
                "1 while the subsystem (vrrp, checkers) runs.", "subsystem");
        running.add(v != null ? 1 : 0, "vrrp").add(c != null ? 1 : 0, "checkers");
        out.add(running.snapshot());
        if (v != null) {
            v.view().get().ifPresent(view -> out.addAll(VrrpCollector.families(view)));
        }
        if (c != null) {
            c.get().ifPresent(view -> out.addAll(CheckerCollector.families(view, tries)));
        }
        if (reader != null) {
            out.addAll(reader.families());
        }
        return new MetricSnapshots(out);
    }

    @Override
    public Optional<String> stateJson() {
        Vrrp v = vrrp;
        return v == null ? Optional.of("[]\n") : v.json().get();
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Vrrp v = vrrp;
        if (v != null) {
            v.view().get();
            silence("VRRP", v.view().silentNanos()).ifPresent(problems::add);
        }
        OwnedSnapshot<CheckerView> c = checkers;
        if (c != null) {
            c.get();
            silence("checker", c.silentNanos()).ifPresent(problems::add);
        }
        return problems;
    }

    private static Optional<String> silence(String thread, long nanos) {
        return nanos < STALLED.toNanos() ? Optional.empty()
                : Optional.of(String.format(Locale.ROOT, "the %s thread has not answered for %.1f s", thread, nanos / 1e9));
    }

    private void closeEndpoint() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }

    @Override
    public synchronized void close() {
        closeEndpoint();
        listening = Optional.empty();
        if (ipvs != null) {
            ipvs.close();
            ipvs = null;
        }
    }
}
