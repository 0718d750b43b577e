package io.lvsj.keepalived.metrics;

import io.lvsj.keepalived.daemon.KeepalivedJ;
import io.lvsj.lab.LabNamespace;
import io.lvsj.metrics.model.Promtool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real keepalived-j (VRRP; the host has no IPVS, the lab test adds the checkers) with
 * {@code metrics_listen}, in a network namespace, scraped every second by Debian's real
 * Prometheus running there: the state Prometheus' own API reports is the one the VRRP log
 * announced, and follows the instance when it leaves MASTER, which fires the documented
 * {@code VrrpInstanceLeftMaster} rule in that Prometheus. {@code /state} is the JSON dump
 * {@code kill -USR1} writes, with the same fields; {@code /healthz} answers; promtool finds
 * nothing wrong with a scrape.
 */
class KeepalivedMetricsProcessTest {
    static final String CONFIG = """
            global_defs {
              metrics_listen 127.0.0.1 9650
            }
            vrrp_instance VI_1 {
              state MASTER
              interface eth0
              virtual_router_id 51
              priority 150
              advert_int 1
              virtual_ipaddress {
                192.0.2.100/24
              }
            }
            """;
    private static final String MASTER = "lvsj_vrrp_state{vrrp_instance=\"VI_1\",state=\"MASTER\"}";
    private static final String FAULT = "lvsj_vrrp_state{vrrp_instance=\"VI_1\",state=\"FAULT\"}";

    private LabNamespace ns;
    private Path dir;

    @BeforeEach
    void director() throws Exception {
        ns = LabNamespace.create("mt-kd");
        ns.run("ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth1").requireSuccess();
        ns.run("ip", "link", "set", "eth0", "up").requireSuccess();
        ns.run("ip", "link", "set", "eth1", "up").requireSuccess();
        ns.run("ip", "addr", "add", "192.0.2.1/24", "dev", "eth0").requireSuccess();
        dir = Files.createTempDirectory("mt-daemon");
        Files.writeString(dir.resolve("keepalived.conf"), CONFIG);
    }

    @AfterEach
    void cleanUp() {
        ns.close();
        PrometheusServer.delete(dir);
    }

    private String get(String path) {
        return ns.run("curl", "-sS", "-f", "http://127.0.0.1:9650" + path).requireSuccess().stdout();
    }

    @Test
    void prometheusSeesWhatTheVrrpLogSays() throws Exception {
        try (KeepalivedJ daemon = KeepalivedJ.startFromClassPath(ns.name(), dir.resolve("keepalived.conf"),
                dir.resolve("run"), "-P")) {
            daemon.awaitLog("Serving /metrics, /state and /healthz on http://127.0.0.1:9650", Duration.ofSeconds(30));
            daemon.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(30));
            assertEquals("ok\n", get("/healthz"));
            byte[] scrape = get("/metrics").getBytes(StandardCharsets.UTF_8);
            assertEquals("", Promtool.checkMetrics(scrape), "promtool check metrics on a scrape");

            try (PrometheusServer prometheus = PrometheusServer.start(ns, dir.resolve("prometheus"), 9090,
                    List.of("127.0.0.1:9650"), List.of(AlertRules.write(dir)))) {
                prometheus.await(MASTER, v -> v != null && v == 1, Duration.ofSeconds(30));
                assertEquals(0.0, prometheus.value(FAULT));
                assertEquals(Map.of("vrrp_instance", "VI_1", "interface", "eth0", "vrid", "51", "state", "MASTER",
                                "instance", "127.0.0.1:9650", "job", "keepalived-j", "__name__", "lvsj_vrrp_state"),
                        prometheus.query(MASTER).keySet().iterator().next());
                assertEquals(150.0, prometheus.value("lvsj_vrrp_priority{vrrp_instance=\"VI_1\"}"));
                prometheus.await("lvsj_vrrp_adverts_sent_total{vrrp_instance=\"VI_1\"}", v -> v != null && v >= 2,
                        Duration.ofSeconds(30));
                assertEquals(1.0, prometheus.value("lvsj_keepalived_subsystem_running{subsystem=\"vrrp\"}"));
                assertEquals(0.0, prometheus.value("lvsj_keepalived_subsystem_running{subsystem=\"checkers\"}"));
                assertEquals(1.0, prometheus.value("up{job=\"keepalived-j\"}"));

                // the instance leaves MASTER: its interface goes down
                ns.run("ip", "link", "set", "eth1", "down").requireSuccess();
                daemon.awaitLog("(VI_1) Entering FAULT STATE", Duration.ofSeconds(30));
                prometheus.await(FAULT, v -> v != null && v == 1, Duration.ofSeconds(30));
                assertEquals(0.0, prometheus.value(MASTER));
                assertEquals(1.0, prometheus.value("lvsj_vrrp_released_master_total{vrrp_instance=\"VI_1\"}"));
                prometheus.await("count(ALERTS{alertname=\"VrrpInstanceLeftMaster\",vrrp_instance=\"VI_1\","
                        + "alertstate=\"firing\"})", v -> v != null && v == 1, Duration.ofSeconds(30));
            }
        }
    }

    /** {@code /state} is what {@code kill -USR1} writes to keepalived.json: the same fields, the same values. */
    @Test
    void stateIsTheJsonDumpLive() throws Exception {
        try (KeepalivedJ daemon = KeepalivedJ.startFromClassPath(ns.name(), dir.resolve("keepalived.conf"),
                dir.resolve("run"), "-P")) {
            daemon.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(30));
            daemon.awaitLog("Serving /metrics", Duration.ofSeconds(30));
            String live = get("/state");
            daemon.signal("USR1");
            Path dumped = dir.resolve("run/keepalived.json");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Files.exists(dumped) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String file = Files.readString(dumped);
            assertEquals(fields(file), fields(live), "the same fields");
            assertTrue(live.startsWith("[{\"data\":{\"iname\":\"VI_1\","), live);
            for (String stable : List.of("\"state\":2", "\"vrid\":51", "\"effective_priority\":150",
                    "\"ifp_ifname\":\"eth0\"", "\"vips\":[\"192.0.2.100\\/24 dev eth0 scope global set\"]")) {
                assertTrue(file.contains(stable), stable + " in the dump: " + file);
                assertTrue(live.contains(stable), stable + " live: " + live);
            }
            assertEquals("application/json", ns.run("curl", "-sS", "-o", "/dev/null", "-w", "%{content_type}",
                    "http://127.0.0.1:9650/state").requireSuccess().stdout());
        }
    }

    /** A reload moves the endpoint to the new port, and one without metrics_listen closes it. */
    @Test
    void aReloadMovesOrClosesTheEndpoint() throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        try (KeepalivedJ daemon = KeepalivedJ.startFromClassPath(ns.name(), conf, dir.resolve("run"), "-P")) {
            daemon.awaitLog("Serving /metrics, /state and /healthz on http://127.0.0.1:9650", Duration.ofSeconds(30));
            Files.writeString(conf, CONFIG.replace("metrics_listen 127.0.0.1 9650", "metrics_listen 127.0.0.1 9651"));
            daemon.signal("HUP");
            daemon.awaitLog("Serving /metrics, /state and /healthz on http://127.0.0.1:9651", Duration.ofSeconds(30));
            assertEquals("ok\n", ns.run("curl", "-sS", "-f", "http://127.0.0.1:9651/healthz").requireSuccess().stdout());
            assertEquals(7, ns.run("curl", "-sS", "http://127.0.0.1:9650/healthz").status(), "nothing on 9650 (curl: 7)");
            assertTrue(ns.run("curl", "-sS", "-f", "http://127.0.0.1:9651/metrics").requireSuccess().stdout()
                    .contains("\nlvsj_http_requests_total "), "the registry is served again, once");

            Files.writeString(conf, CONFIG.replace("  metrics_listen 127.0.0.1 9650\n", ""));
            int reloads = daemon.log().split("Reloading", -1).length;
            daemon.signal("HUP");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (ns.run("curl", "-sS", "http://127.0.0.1:9651/healthz").status() != 7) {
                assertTrue(System.nanoTime() < deadline, "the endpoint closed\n" + daemon.log());
                Thread.sleep(100);
            }
            assertTrue(daemon.log().split("Reloading", -1).length > reloads, daemon.log());
            assertTrue(daemon.alive());
        }
    }

    private static Set<String> fields(String json) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\"([a-z_]+)\":").matcher(json);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
