package io.lvsj.ipvsadm.listing;

import io.lvsj.ipvs.ServiceListing;
import io.lvsj.metrics.model.IpvsMetrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The extension {@code -L --prometheus}: the table in Prometheus' text format, every counter
 * and rate of every service and destination, for node_exporter's textfile collector (a cron
 * job writes it to a {@code .prom} file). The families and labels are those keepalived-j's
 * {@code /metrics} serves ({@link IpvsMetrics}), written by the Prometheus Java client.
 */
public final class PrometheusListing {
    private PrometheusListing() {
    }

    public static String text(List<ServiceListing> table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + 2048 * table.size());
        try {
            PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(IpvsMetrics.table(table)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
