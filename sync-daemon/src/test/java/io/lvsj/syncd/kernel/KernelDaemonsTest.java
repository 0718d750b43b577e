package io.lvsj.syncd.kernel;

import io.lvsj.ipvs.DaemonState;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.SyncDaemon;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.lvsj.syncd.kernel.KernelDaemons.DEFAULT_GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelDaemonsTest {
    static final SyncDaemon KEEPALIVED_BACKUP = new SyncDaemon(DaemonState.BACKUP, "lvsync0", 51, 1472, DEFAULT_GROUP, 8848, 1);

    @Test
    void manageStartsWhatIsMissingOnTheSyncLink() {
        KernelDaemons.Plan p = KernelDaemons.plan(List.of(), DaemonMode.MANAGE, "lvsync0", 5, DEFAULT_GROUP, 8848);
        assertEquals(List.of(
                new IpvsCommand.StartDaemon(new SyncDaemon(DaemonState.MASTER, "lvsync0", 5, 0, DEFAULT_GROUP, 8848, 1)),
                new IpvsCommand.StartDaemon(new SyncDaemon(DaemonState.BACKUP, "lvsync0", 5, 0, DEFAULT_GROUP, 8848, 1))),
                p.start());
        assertTrue(p.master());
        assertTrue(p.backup().isPresent());
        assertEquals(List.of(), p.warnings());
    }

    @Test
    void followStartsNothingAndInjectsIntoTheBackupKeepalivedRuns() {
        KernelDaemons.Plan p = KernelDaemons.plan(List.of(KEEPALIVED_BACKUP), DaemonMode.FOLLOW, "lvsync0", 5,
                DEFAULT_GROUP, 8848);
        assertEquals(List.of(), p.start());
        assertEquals(Optional.of(KEEPALIVED_BACKUP), p.backup());
        assertFalse(p.master());
        assertEquals(1472, KernelDaemons.maxLength(p.backup().get()));
    }

    @Test
    void aDaemonElsewhereIsLeftAloneAndReported() {
        SyncDaemon onEth1 = SyncDaemon.of(DaemonState.MASTER, "eth1", 51);
        KernelDaemons.Plan p = KernelDaemons.plan(List.of(onEth1), DaemonMode.MANAGE, "lvsync0", 5, DEFAULT_GROUP, 8848);
        assertEquals(1, p.start().size(), "only the missing backup is started");
        assertFalse(p.master());
        assertEquals(List.of("the kernel's master sync daemon runs on eth1, not on the sync link lvsync0:"
                + " lvs-syncd leaves it alone and cannot relay its messages (point lvs_sync_daemon or"
                + " ipvsadm --start-daemon at lvsync0)"), p.warnings());
    }

    @Test
    void aDaemonOnAnotherGroupIsReported() {
        SyncDaemon other = new SyncDaemon(DaemonState.BACKUP, "lvsync0", 0, 0, DEFAULT_GROUP, 9000, 1);
        KernelDaemons.Plan p = KernelDaemons.plan(List.of(other), DaemonMode.FOLLOW, "lvsync0", 0, DEFAULT_GROUP, 8848);
        assertTrue(p.backup().isEmpty());
        assertTrue(p.warnings().getFirst().contains("uses 224.0.0.81:9000, lvs-syncd 224.0.0.81:8848"));
    }

    @Test
    void receiveBufferErrorsFromProcNetSnmp() {
        String snmp = """
                Ip: Forwarding DefaultTTL
                Ip: 1 64
                Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
                Udp: 112 0 7 99 5 0 0 3 0
                UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
                UdpLite: 0 0 0 0 0 0 0 0 0
                """;
        assertEquals(5, UdpErrors.receiveBufferErrors(snmp));
        assertEquals(-1, UdpErrors.receiveBufferErrors("Ip: 1\n"));
    }
}
