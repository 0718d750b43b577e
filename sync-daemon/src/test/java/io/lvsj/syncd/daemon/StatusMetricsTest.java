package io.lvsj.syncd.daemon;

import io.lvsj.metrics.model.Promtool;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusMetricsTest {
    private static Status status() {
        Map<String, Long> drops = new LinkedHashMap<>();
        drops.put("kernel size_mismatch", 3L);
        drops.put("cluster too_short", 1L);
        return new Status("dir2", "web", List.of("dir1", "dir2"), 200, 4_000_000, true, false, 11, 12, 13, 14, 15, 16,
                17, 18, 19, 20, 21, 22, 23, 24, drops);
    }

    private static String text() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(StatusMetrics.families(status())));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The families say what --status says, number for number. */
    @Test
    void theStatusAsFamilies() throws IOException {
        String t = text();
        for (String line : List.of("lvsj_syncd_info{cluster=\"web\",node=\"dir2\"} 1.0",
                "lvsj_syncd_cluster_members 2.0", "lvsj_syncd_connections 200.0", "lvsj_syncd_connection_limit 4000000.0",
                "lvsj_syncd_kernel_daemon_running{role=\"master\"} 1.0", "lvsj_syncd_kernel_daemon_running{role=\"backup\"} 0.0",
                "lvsj_syncd_kernel_datagrams_received_total 11.0", "lvsj_syncd_kernel_updates_received_total 12.0",
                "lvsj_syncd_cluster_messages_sent_total 13.0", "lvsj_syncd_cluster_updates_received_total 16.0",
                "lvsj_syncd_kernel_updates_injected_total 18.0", "lvsj_syncd_updates_not_injected_total 19.0",
                "lvsj_syncd_injection_bursts_lost_total 20.0", "lvsj_syncd_table_full_total 21.0",
                "lvsj_syncd_states_given_total 22.0", "lvsj_syncd_state_connections_received_total 23.0",
                "lvsj_syncd_unsealed_messages_refused_total 24.0",
                "lvsj_syncd_dropped_total{from=\"kernel\",reason=\"size_mismatch\"} 3.0",
                "lvsj_syncd_dropped_total{from=\"cluster\",reason=\"too_short\"} 1.0")) {
            assertTrue(t.contains("\n" + line + "\n"), line + " in\n" + t);
        }
    }

    @Test
    void promtoolFindsNothing() throws IOException {
        assertEquals("", Promtool.checkMetrics(text().getBytes(StandardCharsets.UTF_8)));
    }
}
