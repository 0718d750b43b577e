package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.lvsj.keepalived.vrrp.Peer.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateDumpTest {
    VrrpEngine master() {
        VrrpEngine e = new VrrpEngine(VrrpConfig.of(List.of(VirtualRouterConfig.builder("VI_1", "eth0", 51)
                .priority(150).sourceAddress(ip("192.0.2.1"))
                .virtualAddresses(List.of(VirtualAddress.of(ip("192.0.2.100"), 24))).build())));
        RecordingActions out = new RecordingActions();
        e.start(0, i -> true, Map.of(), out);
        e.runTimers(e.nextDeadline(), out);
        e.runTimers(e.nextDeadline(), out);
        return e;
    }

    @Test
    void jsonHasKeepalivedsFieldsAndStateNumbers() {
        String json = StateDump.json(master());
        assertTrue(json.startsWith("[{\"data\":{\"iname\":\"VI_1\""), json);
        assertTrue(json.contains("\"state\":2,"), "MASTER is 2 in keepalived's JSON");
        assertTrue(json.contains("\"vips\":[\"192.0.2.100\\/24 dev eth0 scope global set\"]"), "json-c escapes /: " + json);
        assertTrue(json.contains("\"adver_int\":1,"), "json-c writes a whole double without a point: " + json);
        assertTrue(json.contains("\"stats\":{\"advert_rcvd\":0,\"advert_sent\":2,\"become_master\":1,"), json);
        assertEquals(json.chars().filter(c -> c == '{').count(), json.chars().filter(c -> c == '}').count());
    }

    @Test
    void statsHaveKeepalivedsLayoutAndClear() {
        VrrpEngine e = master();
        String stats = StateDump.stats(e);
        assertTrue(stats.startsWith("VRRP Instance: VI_1\n  Advertisements:\n    Received: 0\n    Sent: 2\n"
                + "  Became master: 1\n"), stats);
        StateDump.clearStats(e);
        assertTrue(StateDump.stats(e).contains("    Sent: 0\n  Became master: 0\n"));
    }

    @Test
    void dataNamesStateAndAddresses() {
        String data = StateDump.data(master());
        assertTrue(data.contains(" VRRP Instance = VI_1\n"));
        assertTrue(data.contains("   State = MASTER\n"));
        assertTrue(data.contains("     192.0.2.100/24 dev eth0 scope global set\n"));
    }
}
