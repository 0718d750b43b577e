package io.lvsj.metrics;

import io.lvsj.http.Limits;
import io.lvsj.http.Response;
import io.lvsj.http.StatusServer;
import io.lvsj.sys.NetNamespace;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A daemon's status over HTTP, the same for every LVS-J daemon: {@code /metrics} (the
 * daemon's registry in Prometheus' text format, with the JVM's own metrics and this server's),
 * {@code /state} (the daemon's state as JSON) and {@code /healthz} (200 when the daemon's
 * threads answer, 503 and what is wrong otherwise). Served by a {@link StatusServer}, off the
 * daemon's threads; a scrape renders the registry at most once per {@code renderMaxAge},
 * however many clients ask.
 */
public final class MetricsEndpoint implements AutoCloseable {
    /** LVS-J's port when the configuration names none. */
    public static final int DEFAULT_PORT = 9650;

    /**
     * Where to listen and how.
     *
     * @param namespace the network namespace to listen in (the daemon's), or empty for the caller's
     */
    public record Settings(InetSocketAddress listen, Optional<NetNamespace> namespace, Limits limits,
                           Duration renderMaxAge) {
        public static Settings of(InetSocketAddress listen, Optional<NetNamespace> namespace) {
            return new Settings(listen, namespace, Limits.DEFAULT, Duration.ofSeconds(1));
        }
    }

    /** What a daemon shows through the endpoint. */
    public interface Daemon {
        /** The state as JSON, or empty when there is none to give (yet). */
        Optional<String> stateJson();

        /** What stops the daemon from working now, one line each; empty when it is healthy. */
        List<String> problems();
    }

    private final StatusServer server;
    private final PrometheusRegistry registry;
    private final HttpServerCollector own;

    private MetricsEndpoint(StatusServer server, PrometheusRegistry registry, HttpServerCollector own) {
        this.server = server;
        this.registry = registry;
        this.own = own;
    }

    /** A registry with the JVM's and the process's metrics in it, for a daemon to add its own to. */
    public static PrometheusRegistry newRegistry() {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        return registry;
    }

    /**
     * Listens as {@code settings} say and serves {@code registry} and {@code daemon}.
     *
     * @throws IOException when the address cannot be listened on (in use, not on this host)
     */
    public static MetricsEndpoint open(Settings settings, PrometheusRegistry registry, Daemon daemon, Logger log)
            throws IOException {
        ServerSocketChannel listening = listen(settings);
        StatusServer[] self = new StatusServer[1];
        HttpServerCollector own = new HttpServerCollector(() -> self[0] == null ? null : self[0].stats());
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        SharedRendering metrics = new SharedRendering(() -> render(writer, registry), settings.renderMaxAge(),
                System::nanoTime);
        Map<String, StatusServer.Route> routes = Map.of(
                "/metrics", () -> new Response(200, writer.getContentType(), metrics.get()),
                "/state", () -> daemon.stateJson()
                        .map(json -> new Response(200, "application/json", json.getBytes(StandardCharsets.UTF_8)))
                        .orElseGet(() -> Response.text(503, "no state yet\n")),
                "/healthz", () -> health(daemon.problems()));
        try {
            self[0] = StatusServer.start(listening, routes, settings.limits(), log, "lvsj-http");
        } catch (IOException e) {
            listening.close();
            throw e;
        }
        registry.register(own);
        return new MetricsEndpoint(self[0], registry, own);
    }

    static Response health(List<String> problems) {
        return problems.isEmpty() ? Response.text(200, "ok\n")
                : Response.text(503, String.join("\n", problems) + "\n");
    }

    private static byte[] render(PrometheusTextFormatWriter writer, PrometheusRegistry registry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The socket is made on a thread inside the namespace, so it listens there for good. */
    private static ServerSocketChannel listen(Settings settings) throws IOException {
        if (settings.namespace().isEmpty()) {
            return bind(settings.listen());
        }
        try {
            return settings.namespace().get().call(() -> bind(settings.listen()));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static ServerSocketChannel bind(InetSocketAddress address) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(address, 128);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw new IOException(describe(address) + ": " + e.getMessage(), e);
        }
    }

    /** An address as a URL host and port: {@code 127.0.0.1:9650}, {@code [::1]:9650}. */
    public static String describe(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    public InetSocketAddress address() {
        return server.address();
    }

    /** Stops serving; the registry stays the daemon's (an endpoint opened again on it serves it again). */
    @Override
    public void close() {
        server.close();
        registry.unregister(own);
    }
}
