package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.IpvsClient;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import io.lvsj.log.LogOutput;
import io.lvsj.sys.NetNamespace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.lvsj.keepalived.lvs.LabTopology.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** lvs_sync_daemon following a VRRP instance, against the lab kernel, read back with ipvsadm. */
@KernelTest
class SyncDaemonsKernelTest {
    @Test
    void backupThenMasterThenStopped(LabNamespace ns) {
        ns.run("ip", "link", "add", "ck-sync0", "type", "dummy").requireSuccess();
        ns.run("ip", "link", "set", "ck-sync0", "up").requireSuccess();
        List<String> log = new ArrayList<>();
        try (IpvsClient ipvs = IpvsClient.open(NetNamespace.named(ns.name()))) {
            SyncDaemons daemons = new SyncDaemons(ipvs, LogOutput.lines(log::add, true));
            daemons.configure(Optional.of(new SyncDaemonSpec("ck-sync0", "VI_1", 51, 0, 8850, 0,
                    Optional.of(ip("239.1.2.3")))), false);
            assertEquals("backup sync daemon (mcast=ck-sync0, syncid=51, maxlen=1472, group=239.1.2.3, port=8850, ttl=1)\n",
                    ns.ipvsadm("-L", "--daemon").requireSuccess().stdout());
            daemons.instanceState("VI_1", true);
            assertEquals("master sync daemon (mcast=ck-sync0, syncid=51, maxlen=1472, group=239.1.2.3, port=8850, ttl=1)\n",
                    ns.ipvsadm("-L", "--daemon").requireSuccess().stdout());
            daemons.stop();
            assertEquals("", ns.ipvsadm("-L", "--daemon").requireSuccess().stdout());
        }
        assertEquals(List.of(), log);
    }
}
