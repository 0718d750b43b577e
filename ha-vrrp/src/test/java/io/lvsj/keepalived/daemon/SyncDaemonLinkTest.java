package io.lvsj.keepalived.daemon;

import io.lvsj.keepalived.vrrp.VrrpState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncDaemonLinkTest {
    @Test
    void followsTheInstanceThroughItsStatesButNotIntoStopOrDeletion() {
        assertTrue(SyncDaemonLink.follows(VrrpState.MASTER));
        assertTrue(SyncDaemonLink.follows(VrrpState.BACKUP));
        assertTrue(SyncDaemonLink.follows(VrrpState.FAULT));
        assertFalse(SyncDaemonLink.follows(VrrpState.STOP));
        assertFalse(SyncDaemonLink.follows(VrrpState.DELETED));
    }
}
