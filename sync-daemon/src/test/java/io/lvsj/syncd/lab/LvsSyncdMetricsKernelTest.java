package io.lvsj.syncd.lab;

import io.lvsj.lab.Command;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import io.lvsj.metrics.model.Promtool;
import io.lvsj.syncd.cluster.ClusterKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real {@code bin/lvs-syncd} with {@code metrics-listen}, alone in its cluster with the
 * kernel's two sync daemons it starts: {@code /metrics} says what {@code lvs-syncd --status}
 * says, promtool finds nothing wrong with it, {@code /state} is the status as JSON and
 * {@code /healthz} answers.
 */
@KernelTest
class LvsSyncdMetricsKernelTest {
    @Test
    void theStatusEndpointSaysWhatStatusSays(LabNamespace unused) throws Exception {
        Path dir = Files.createTempDirectory("lvs-syncd-metrics");
        Path key = dir.resolve("cluster.key");
        ClusterKey.generate().write(key);
        try (SyncTopology net = new SyncTopology()) {
            LabNamespace d1 = net.director("d1");
            try (Syncd s1 = Syncd.start("d1", d1.name(), dir.resolve("d1"), key, "bind " + SyncTopology.backAddress(1)
                    + "\ncluster lab-metrics\nmetrics-listen 127.0.0.1:9651\n")) {
                s1.awaitLog("lvs-syncd ready", Duration.ofSeconds(120));
                s1.awaitLog("Serving /metrics, /state and /healthz on http://127.0.0.1:9651", Duration.ofSeconds(10));
                String metrics = get(d1, "/metrics");
                assertEquals("", Promtool.checkMetrics(metrics.getBytes(StandardCharsets.UTF_8)));
                assertTrue(metrics.contains("\nlvsj_syncd_cluster_members 1.0\n"), metrics);
                assertTrue(metrics.contains("\nlvsj_syncd_connections " + s1.statusNumber("connections") + ".0\n"), metrics);
                assertTrue(metrics.contains("\nlvsj_syncd_kernel_daemon_running{role=\"master\"} 1.0\n"), metrics);
                assertTrue(metrics.contains("\nlvsj_syncd_kernel_daemon_running{role=\"backup\"} 1.0\n"), metrics);
                assertTrue(metrics.contains("\nlvsj_syncd_info{cluster=\"lab-metrics\",node=\"d1\"} 1.0\n"), metrics);
                assertTrue(metrics.contains("\njvm_memory_used_bytes{area=\"heap\"} "), metrics);
                String state = get(d1, "/state");
                assertTrue(state.startsWith("{\"node\":\"d1\",\"cluster\":\"lab-metrics\",\"members\":[\"d1\"],"), state);
                assertEquals("ok\n", get(d1, "/healthz"));
                assertEquals(0, s1.stop(), s1.log());
            }
        }
    }

    private static String get(LabNamespace ns, String path) {
        Command.Result r = ns.run("curl", "-sS", "-f", "http://127.0.0.1:9651" + path);
        return r.requireSuccess().stdout();
    }
}
