package io.lvsj.metrics.model;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.DaemonState;
import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceEntry;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.ServiceListing;
import io.lvsj.ipvs.Stats;
import io.lvsj.ipvs.SyncDaemon;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpvsMetricsTest {
    static String text(List<MetricSnapshot> families) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(families));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ServiceListing tcp80() throws IOException {
        ServiceKey key = ServiceKey.tcp(InetAddress.getByName("192.0.2.10"), 80);
        Stats s = new Stats(3, 30, 20, 3000, 2000000, 1, 10, 7, 1000, 700000);
        Stats d = new Stats(2, 20, 10, 2000, 1000000, 1, 5, 4, 500, 400000);
        return new ServiceListing(new ServiceEntry(Service.of(key, "rr"), s), List.of(
                new DestinationEntry(new Destination(InetAddress.getByName("10.0.0.1"), 8080, ForwardingMethod.MASQ, 3,
                        0, 0, io.lvsj.ipvs.TunnelType.IPIP, 0, 0), 4, 5, 6, d)));
    }

    @Test
    void aServiceAndItsDestination() throws IOException {
        String text = text(IpvsMetrics.table(List.of(tcp80())));
        assertTrue(text.contains("# HELP lvsj_ipvs_service_connections_total Connections the kernel has sent to the service.\n"
                + "# TYPE lvsj_ipvs_service_connections_total counter\n"
                + "lvsj_ipvs_service_connections_total{protocol=\"tcp\",service=\"192.0.2.10:80\"} 3.0\n"), text);
        assertTrue(text.contains("lvsj_ipvs_service_bytes_total{direction=\"out\",protocol=\"tcp\",service=\"192.0.2.10:80\"} 2000000.0\n"), text);
        assertTrue(text.contains("lvsj_ipvs_destination_packets_total{destination=\"10.0.0.1:8080\",direction=\"in\",protocol=\"tcp\",service=\"192.0.2.10:80\"} 20.0\n"), text);
        assertTrue(text.contains("lvsj_ipvs_destination_active_connections{destination=\"10.0.0.1:8080\",protocol=\"tcp\",service=\"192.0.2.10:80\"} 4.0\n"), text);
        assertTrue(text.contains("lvsj_ipvs_destination_inactive_connections{destination=\"10.0.0.1:8080\",protocol=\"tcp\",service=\"192.0.2.10:80\"} 5.0\n"), text);
        assertTrue(text.contains("lvsj_ipvs_destination_weight{destination=\"10.0.0.1:8080\",protocol=\"tcp\",service=\"192.0.2.10:80\"} 3.0\n"), text);
        assertTrue(text.contains("lvsj_ipvs_destination_bytes_per_second{destination=\"10.0.0.1:8080\",direction=\"out\",protocol=\"tcp\",service=\"192.0.2.10:80\"} 400000.0\n"), text);
        assertTrue(text.contains("lvsj_ipvs_service_connections_per_second{protocol=\"tcp\",service=\"192.0.2.10:80\"} 1.0\n"), text);
    }

    @Test
    void everyFamilyIsThereForAnEmptyTable() throws IOException {
        List<MetricSnapshot> families = IpvsMetrics.table(List.of());
        assertEquals(16, families.size());
        List<String> names = new ArrayList<>();
        families.forEach(f -> names.add(f.getMetadata().getName()));
        assertEquals(names.stream().distinct().count(), names.size());
    }

    @Test
    void labelsAreIpvsadmsNumericForms() throws IOException {
        assertEquals("fwmark", IpvsMetrics.protocol(ServiceKey.fwmark(1, AddressFamily.INET)));
        assertEquals("1", IpvsMetrics.service(ServiceKey.fwmark(1, AddressFamily.INET)));
        assertEquals("4294967295 IPv6", IpvsMetrics.service(ServiceKey.fwmark(-1, AddressFamily.INET6)));
        assertEquals("[2001:db8::10]:443",
                IpvsMetrics.service(ServiceKey.udp(InetAddress.getByName("2001:db8:0::10"), 443)));
        assertEquals("udp", IpvsMetrics.protocol(ServiceKey.udp(InetAddress.getByName("2001:db8::10"), 443)));
        assertEquals("sctp", IpvsMetrics.protocol(ServiceKey.sctp(InetAddress.getByName("192.0.2.1"), 1)));
    }

    @Test
    void countersAreUnsigned64Bit() {
        assertEquals(18446744073709551615.0, IpvsMetrics.unsigned(-1L));
        assertEquals(9223372036854775808.0, IpvsMetrics.unsigned(Long.MIN_VALUE));
        assertEquals(42.0, IpvsMetrics.unsigned(42));
    }

    @Test
    void syncDaemonsByRole() throws IOException {
        String text = text(List.of(IpvsMetrics.syncDaemons(List.of(SyncDaemon.of(DaemonState.BACKUP, "eth1", 7)))));
        assertTrue(text.contains("lvsj_ipvs_sync_daemon_running{interface=\"eth1\",state=\"backup\",syncid=\"7\"} 1.0\n"), text);
        assertTrue(text.contains("lvsj_ipvs_sync_daemon_running{interface=\"\",state=\"master\",syncid=\"\"} 0.0\n"), text);
    }

    @Test
    void promtoolFindsNothing() throws Exception {
        List<MetricSnapshot> families = new ArrayList<>(IpvsMetrics.table(List.of(tcp80())));
        families.add(IpvsMetrics.syncDaemons(List.of()));
        assertEquals("", Promtool.checkMetrics(text(families).getBytes(StandardCharsets.UTF_8)));
    }
}
