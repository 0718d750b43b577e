package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.SyncGroupConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code vrrp_sync_group}: its members are MASTER together, or BACKUP/FAULT together.
 * keepalived 2.2.7's {@code vrrp_sync.c}: a member may only become master when every other
 * member wants to, one member's fault faults them all, and one member's step down takes the
 * others down with it.
 */
public final class SyncGroup {
    final SyncGroupConfig config;
    final List<VirtualRouter> members = new ArrayList<>();
    VrrpState state = VrrpState.BACKUP;
    /** Members in FAULT. */
    int faults;
    /** Members waiting for their first weight-0 script result. */
    int membersInit;

    SyncGroup(SyncGroupConfig config) {
        this.config = config;
    }

    public String name() {
        return config.name();
    }

    public SyncGroupConfig config() {
        return config;
    }

    public VrrpState state() {
        return state;
    }

    public List<VirtualRouter> members() {
        return List.copyOf(members);
    }

    /** {@code vrrp_sync_can_goto_master}: only if every other member wants MASTER too. */
    boolean canGotoMaster(VirtualRouter r, long now) {
        if (state == VrrpState.MASTER) {
            return true;
        }
        for (VirtualRouter member : members) {
            if (member != r && member.wantState != VrrpState.MASTER) {
                // Give the others time to get ready; the exact timer does not matter.
                r.msDownTimer = r.masterDownInterval();
                r.initSands(now);
                return false;
            }
        }
        return true;
    }

    /** {@code vrrp_sync_backup}: a member left MASTER, so all do. */
    void syncBackup(VirtualRouter r, long now, RouterActions out) {
        if (state == VrrpState.BACKUP) {
            return;
        }
        out.log("VRRP_Group(" + name() + ") Syncing instances to BACKUP state");
        for (VirtualRouter member : members) {
            if (member == r || member.state == VrrpState.BACKUP) {
                continue;
            }
            member.wantState = VrrpState.BACKUP;
            if (member.state == VrrpState.FAULT || member.state == VrrpState.INIT) {
                member.leaveFault(now, out);
            } else {
                member.leaveMaster(now, false, out);
            }
        }
        state = VrrpState.BACKUP;
        out.notifyGroup(this, state);
    }

    /** {@code vrrp_sync_master}: a member became MASTER, so the others follow. */
    void syncMaster(VirtualRouter r, long now, RouterActions out) {
        if (state == VrrpState.MASTER || !canGotoMaster(r, now)) {
            return;
        }
        out.log("VRRP_Group(" + name() + ") Syncing instances to MASTER state");
        for (VirtualRouter member : members) {
            if (member != r && member.state != VrrpState.MASTER) {
                member.wantState = VrrpState.MASTER;
                member.gotoMaster(now, out);
            }
        }
        state = VrrpState.MASTER;
        out.notifyGroup(this, state);
    }

    /** {@code vrrp_sync_fault}: a member faulted, so all do. */
    void syncFault(VirtualRouter r, long now, RouterActions out) {
        if (state == VrrpState.FAULT) {
            return;
        }
        out.log("VRRP_Group(" + name() + ") Syncing instances to FAULT state");
        for (VirtualRouter member : members) {
            if (member == r || member.state == VrrpState.FAULT) {
                continue;
            }
            member.wantState = VrrpState.FAULT;
            if (member.state == VrrpState.MASTER) {
                member.leaveMaster(now, false, out);
            } else if (member.state == VrrpState.BACKUP || member.state == VrrpState.INIT) {
                member.state = VrrpState.FAULT;
                member.leaveFault(now, out);
            }
        }
        state = VrrpState.FAULT;
        out.notifyGroup(this, state);
    }

    /**
     * keepalived's transition matrix ({@code VRRP_TSM}): what a member's state change means for
     * the group. BACKUP/FAULT/MASTER → MASTER pulls the group to MASTER; MASTER → BACKUP pushes
     * it to BACKUP. FAULT is handled where faults are detected.
     */
    void afterTransition(VirtualRouter r, VrrpState before, long now, RouterActions out) {
        if (r.state == VrrpState.MASTER && before != VrrpState.INIT) {
            syncMaster(r, now, out);
        } else if (r.state == VrrpState.BACKUP && before == VrrpState.MASTER) {
            syncBackup(r, now, out);
        }
    }
}
