package io.lvsj.keepalived.metrics;

import io.lvsj.lab.BackgroundProcess;
import io.lvsj.lab.Command;
import io.lvsj.lab.LabNamespace;
import io.lvsj.metrics.model.Promtool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's real Prometheus server, started inside a test's network namespace, scraping targets
 * there every second and answering queries through its own HTTP API (asked with curl in the
 * namespace). Its data directory and log stay in the test's directory.
 */
public final class PrometheusServer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Pattern SAMPLE = Pattern.compile("\\{\"metric\":\\{([^}]*)\\},\"value\":\\[[0-9.e+]+,\"([^\"]*)\"\\]\\}");
    private static final Pattern LABEL = Pattern.compile("\"([^\"]+)\":\"([^\"]*)\"");

    private final LabNamespace namespace;
    private final BackgroundProcess process;
    private final String api;

    private PrometheusServer(LabNamespace namespace, BackgroundProcess process, String api) {
        this.namespace = namespace;
        this.process = process;
        this.api = api;
    }

    /**
     * Starts Prometheus in {@code namespace}, listening on 127.0.0.1:{@code port}, scraping
     * {@code targets} (host:port, /metrics) every second, with {@code ruleFiles} loaded.
     */
    public static PrometheusServer start(LabNamespace namespace, Path directory, int port, List<String> targets,
                                  List<Path> ruleFiles) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            Promtool.binary(); // the same package: its message says how to install it
            throw new IllegalStateException("prometheus is missing: run scripts/install-prerequisites");
        }
        Files.createDirectories(directory);
        StringBuilder conf = new StringBuilder("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n");
        if (!ruleFiles.isEmpty()) {
            conf.append("rule_files:\n");
            ruleFiles.forEach(f -> conf.append("  - '").append(f).append("'\n"));
        }
        conf.append("scrape_configs:\n  - job_name: keepalived-j\n    static_configs:\n      - targets: [");
        conf.append(String.join(", ", targets.stream().map(t -> "'" + t + "'").toList())).append("]\n");
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, conf);
        BackgroundProcess p = BackgroundProcess.start(List.of("ip", "netns", "exec", namespace.name(),
                BINARY.toString(), "--config.file=" + config, "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"), directory.resolve("prometheus.log"));
        PrometheusServer server = new PrometheusServer(namespace, p, "http://127.0.0.1:" + port);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (namespace.run("curl", "-sf", api + "/-/ready").status() != 0) {
            if (!process.alive() || System.nanoTime() > deadline) {
                throw new AssertionError("prometheus did not become ready:\n" + log());
            }
            Thread.sleep(100);
        }
    }

    public String log() {
        return process.log();
    }

    /** The raw JSON answer of {@code /api/v1/PATH} with {@code query} (may be empty). */
    String api(String path, String query) {
        Command.Result r = query.isEmpty() ? namespace.run("curl", "-sf", api + "/api/v1/" + path)
                : namespace.run("curl", "-sf", "-G", "--data-urlencode", "query=" + query, api + "/api/v1/" + path);
        if (r.status() != 0) {
            throw new AssertionError("prometheus API " + path + " " + query + " failed: " + r.stderr() + "\n" + log());
        }
        return r.stdout();
    }

    /** The instant vector {@code promql} evaluates to: each series' labels (as text) and value. */
    public Map<Map<String, String>, Double> query(String promql) {
        String json = api("query", promql);
        Map<Map<String, String>, Double> out = new LinkedHashMap<>();
        Matcher m = SAMPLE.matcher(json);
        while (m.find()) {
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher l = LABEL.matcher(m.group(1));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            out.put(labels, Double.parseDouble(m.group(2)));
        }
        return out;
    }

    /** The one value {@code promql} gives, or null when it gives none. */
    public Double value(String promql) {
        Map<Map<String, String>, Double> v = query(promql);
        if (v.size() > 1) {
            throw new AssertionError(promql + " gave " + v.size() + " series: " + v);
        }
        return v.isEmpty() ? null : v.values().iterator().next();
    }

    /** Waits until {@code promql}'s single value passes {@code test}; returns it. */
    public Double await(String promql, Predicate<Double> test, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Double v;
        while (!test.test(v = value(promql))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(promql + " is " + v + " after " + limit + "; prometheus log:\n" + log());
            }
            Thread.sleep(250);
        }
        return v;
    }

    @Override
    public void close() throws InterruptedException {
        process.stop(Duration.ofSeconds(30));
    }

    public static void delete(Path directory) {
        try (var files = Files.walk(directory)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
