package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.DaemonState;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.SyncDaemon;
import io.lvsj.log.LogOutput;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SyncDaemonsTest {
    static final SyncDaemonSpec SPEC = new SyncDaemonSpec("eth1", "VI_1", 51, 0, 0, 0, Optional.empty());

    @Test
    void followsTheInstance() {
        FakeIpvs kernel = new FakeIpvs();
        List<String> log = new ArrayList<>();
        SyncDaemons daemons = new SyncDaemons(kernel, LogOutput.lines(log::add, true));
        daemons.configure(Optional.of(SPEC), false);
        assertEquals(List.of(SyncDaemon.of(DaemonState.BACKUP, "eth1", 51)), kernel.daemons());
        daemons.instanceState("VI_2", true);
        assertEquals(List.of(SyncDaemon.of(DaemonState.BACKUP, "eth1", 51)), kernel.daemons(), "another instance");
        daemons.instanceState("VI_1", true);
        assertEquals(List.of(SyncDaemon.of(DaemonState.MASTER, "eth1", 51)), kernel.daemons());
        daemons.instanceState("VI_1", true);
        assertEquals(3, kernel.log.size(), "no change, no command");
        daemons.instanceState("VI_1", false);
        assertEquals(List.of(SyncDaemon.of(DaemonState.BACKUP, "eth1", 51)), kernel.daemons());
        daemons.stop();
        assertEquals(List.of(), kernel.daemons());
        assertEquals(List.of(), log);
    }

    @Test
    void aReloadWithNewSettingsRestartsIt() {
        assertEquals(List.of(new IpvsCommand.StopDaemon(DaemonState.MASTER, 51),
                        new IpvsCommand.StartDaemon(SyncDaemon.of(DaemonState.MASTER, "eth2", 51))),
                SyncDaemons.transition(SyncDaemon.of(DaemonState.MASTER, "eth1", 51),
                        SyncDaemon.of(DaemonState.MASTER, "eth2", 51)));
        assertEquals(List.of(), SyncDaemons.transition(SyncDaemon.of(DaemonState.MASTER, "eth1", 51),
                SyncDaemon.of(DaemonState.MASTER, "eth1", 51)));
    }
}
