package io.lvsj.keepalived.metrics;

import io.lvsj.keepalived.vrrp.RouterStats;
import io.lvsj.keepalived.vrrp.VrrpState;
import io.lvsj.metrics.model.Promtool;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VrrpCollectorTest {
    private static VrrpView view() {
        RouterStats s = new RouterStats();
        s.advertSent = 12;
        s.advertRcvd = 3;
        s.becomeMaster = 1;
        s.authFailure = 2;
        s.peerErr = 4;
        return new VrrpView(List.of(new VrrpView.Instance("VI_1", "eth0", 51, VrrpState.MASTER, 100, 90, true, s)),
                List.of(new VrrpView.Group("G1", VrrpState.BACKUP)));
    }

    @Test
    void anInstanceWithItsStateCountersAndDrops() {
        String text = Exposition.text(VrrpCollector.families(view()));
        String labels = "interface=\"eth0\",vrid=\"51\",vrrp_instance=\"VI_1\"";
        assertTrue(text.contains("lvsj_vrrp_state{interface=\"eth0\",state=\"MASTER\",vrid=\"51\",vrrp_instance=\"VI_1\"} 1.0\n"),
                text);
        assertTrue(text.contains("lvsj_vrrp_state{interface=\"eth0\",state=\"BACKUP\",vrid=\"51\",vrrp_instance=\"VI_1\"} 0.0\n"),
                text);
        assertTrue(text.contains("lvsj_vrrp_priority{" + labels + "} 90.0\n"), text);
        assertTrue(text.contains("lvsj_vrrp_base_priority{" + labels + "} 100.0\n"), text);
        assertTrue(text.contains("lvsj_vrrp_adverts_sent_total{" + labels + "} 12.0\n"), text);
        assertTrue(text.contains("lvsj_vrrp_adverts_received_total{" + labels + "} 3.0\n"), text);
        assertTrue(text.contains("lvsj_vrrp_became_master_total{" + labels + "} 1.0\n"), text);
        assertTrue(text.contains("lvsj_vrrp_adverts_dropped_total{interface=\"eth0\",reason=\"auth_failure\",vrid=\"51\","
                + "vrrp_instance=\"VI_1\"} 2.0\n"), text);
        assertTrue(text.contains("lvsj_vrrp_adverts_dropped_total{interface=\"eth0\",reason=\"not_a_peer\",vrid=\"51\","
                + "vrrp_instance=\"VI_1\"} 4.0\n"), text);
        assertTrue(text.contains("lvsj_vrrp_sync_group_state{state=\"BACKUP\",sync_group=\"G1\"} 1.0\n"), text);
        assertEquals(12, text.lines().filter(l -> l.startsWith("lvsj_vrrp_adverts_dropped_total{")).count());
    }

    @Test
    void promtoolFindsNothing() throws Exception {
        assertEquals("", Promtool.checkMetrics(Exposition.text(VrrpCollector.families(view()))
                .getBytes(StandardCharsets.UTF_8)));
    }
}
