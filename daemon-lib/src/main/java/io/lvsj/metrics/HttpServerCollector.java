package io.lvsj.metrics;

import io.lvsj.http.StatusServer;
import io.lvsj.metrics.model.Families;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.function.Supplier;

/** The status server's own counters: how much it has served and turned away. */
final class HttpServerCollector implements MultiCollector {
    private final Supplier<StatusServer.Stats> stats;

    HttpServerCollector(Supplier<StatusServer.Stats> stats) {
        this.stats = stats;
    }

    @Override
    public MetricSnapshots collect() {
        StatusServer.Stats s = stats.get();
        if (s == null) {
            return new MetricSnapshots();
        }
        return MetricSnapshots.of(
                Families.counter("lvsj_http_requests", "Requests the status endpoint has answered, refused ones included.", s.requests()),
                Families.counter("lvsj_http_refused_requests",
                        "Requests refused: malformed, too large, a body, a method other than GET and HEAD.",
                        s.refused()),
                Families.counter("lvsj_http_evicted_connections",
                        "Connections closed to make room for a new one, at the connection limit.", s.evicted()),
                Families.counter("lvsj_http_timed_out_connections",
                        "Connections closed because the client was too slow to send its request or read the response.",
                        s.timedOut()),
                GaugeSnapshot.builder().name("lvsj_http_open_connections").help("Connections open to the status endpoint.")
                        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(s.connections()).build())
                        .build());
    }
}
