package io.lvsj.metrics;

import io.lvsj.log.LogOutput;
import io.lvsj.metrics.model.Promtool;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsEndpointTest {
    private final AtomicReference<List<String>> problems = new AtomicReference<>(List.of());
    private final AtomicReference<Optional<String>> state = new AtomicReference<>(Optional.empty());
    private final MetricsEndpoint.Daemon daemon = new MetricsEndpoint.Daemon() {
        @Override
        public Optional<String> stateJson() {
            return state.get();
        }

        @Override
        public List<String> problems() {
            return problems.get();
        }
    };

    private static HttpResponse<String> get(MetricsEndpoint e, String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://" + MetricsEndpoint.describe(e.address()) + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static MetricsEndpoint.Settings loopback() {
        return MetricsEndpoint.Settings.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Optional.empty());
    }

    @Test
    void servesMetricsStateAndHealth() throws Exception {
        try (MetricsEndpoint e = MetricsEndpoint.open(loopback(), MetricsEndpoint.newRegistry(), daemon,
                LogOutput.silent(false))) {
            HttpResponse<String> metrics = get(e, "/metrics");
            assertEquals(200, metrics.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.headers().firstValue("content-type").orElseThrow());
            assertTrue(metrics.body().contains("\njvm_memory_used_bytes{area=\"heap\"} "), metrics.body());
            assertTrue(metrics.body().contains("\nlvsj_http_requests_total "), metrics.body());
            assertTrue(metrics.body().contains("\nprocess_cpu_seconds_total "), metrics.body());

            assertEquals(503, get(e, "/state").statusCode());
            state.set(Optional.of("[{\"data\":{}}]\n"));
            HttpResponse<String> json = get(e, "/state");
            assertEquals("[{\"data\":{}}]\n", json.body());
            assertEquals("application/json", json.headers().firstValue("content-type").orElseThrow());

            assertEquals("ok\n", get(e, "/healthz").body());
            problems.set(List.of("VRRP thread has not answered for 12 s"));
            HttpResponse<String> sick = get(e, "/healthz");
            assertEquals(503, sick.statusCode());
            assertEquals("VRRP thread has not answered for 12 s\n", sick.body());
        }
    }

    @Test
    void promtoolFindsNothingInTheScrape() throws Exception {
        try (MetricsEndpoint e = MetricsEndpoint.open(loopback(), MetricsEndpoint.newRegistry(), daemon,
                LogOutput.silent(false))) {
            byte[] scrape = get(e, "/metrics").body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals("", Promtool.checkMetrics(scrape));
        }
    }

    /** A daemon whose endpoint moves (a reload) opens another on the same registry. */
    @Test
    void anEndpointOpenedAgainOnTheSameRegistryServesIt() throws Exception {
        io.prometheus.metrics.model.registry.PrometheusRegistry registry = MetricsEndpoint.newRegistry();
        MetricsEndpoint.open(loopback(), registry, daemon, LogOutput.silent(false)).close();
        try (MetricsEndpoint again = MetricsEndpoint.open(loopback(), registry, daemon, LogOutput.silent(false))) {
            HttpResponse<String> metrics = get(again, "/metrics");
            assertEquals(200, metrics.statusCode(), metrics.body());
            assertEquals(1, metrics.body().lines().filter(l -> l.startsWith("lvsj_http_requests_total ")).count());
        }
    }

    @Test
    void anAddressInUseIsACleanError() throws Exception {
        try (MetricsEndpoint first = MetricsEndpoint.open(loopback(), MetricsEndpoint.newRegistry(), daemon,
                LogOutput.silent(false))) {
            MetricsEndpoint.Settings same = MetricsEndpoint.Settings.of(first.address(), Optional.empty());
            java.io.IOException e = assertThrows(java.io.IOException.class,
                    () -> MetricsEndpoint.open(same, MetricsEndpoint.newRegistry(), daemon, LogOutput.silent(false)));
            assertEquals(MetricsEndpoint.describe(first.address()) + ": Address already in use", e.getMessage());
        }
    }
}
