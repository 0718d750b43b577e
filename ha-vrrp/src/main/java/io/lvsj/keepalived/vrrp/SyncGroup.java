package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.SyncGroupConfig;

import java.util.List;

/**
 * A {@code vrrp_sync_group}: instances that are MASTER together or not at all (keepalived.md
 * §1.8). A member becomes MASTER only once every member wants to; one member leaving MASTER
 * takes the others with it; one member in FAULT puts them all in FAULT until none has a
 * reason to be there. The group's own state is reported through {@link RouterActions#notifyGroup}.
 */
public final class SyncGroup {
    private final SyncGroupConfig config;
    private final List<VirtualRouter> members;
    VrrpState state = VrrpState.INIT;

    SyncGroup(SyncGroupConfig config, List<VirtualRouter> members) {
        this.config = config;
        this.members = List.copyOf(members);
        members.forEach(m -> m.group = this);
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
        return members;
    }

    /** Whether some member has a fault of its own. */
    boolean faulted() {
        return members.stream().anyMatch(m -> m.fault() != null);
    }

    /** Whether every member's down timer has run out (they all want MASTER). */
    boolean allWantMaster() {
        return members.stream().allMatch(m -> m.wantState == VrrpState.MASTER);
    }

    /** The members' start-up is done: the group reports where it begins. */
    void started(RouterActions actions) {
        enter(faulted() ? VrrpState.FAULT : VrrpState.BACKUP, actions);
    }

    /** Every member wants MASTER: all of them go over together. */
    void goToMaster(long now, RouterActions actions) {
        actions.log("VRRP_Group(" + name() + ") Syncing instances to MASTER state");
        for (VirtualRouter m : members) {
            if (m.state != VrrpState.MASTER) {
                StateTransitions.becomeMaster(m, now, actions);
            }
        }
        enter(VrrpState.MASTER, actions);
    }

    /** A member stepped down for a better master: the others that are MASTER step down too. */
    void memberSteppedDown(long now, RouterActions actions) {
        if (state != VrrpState.MASTER) {
            return;
        }
        actions.log("VRRP_Group(" + name() + ") Syncing instances to BACKUP state");
        for (VirtualRouter m : members) {
            if (m.state == VrrpState.MASTER) {
                StateTransitions.stepDown(m, now, actions);
            }
        }
        enter(VrrpState.BACKUP, actions);
    }

    /** A member's own fault appeared or cleared: the whole group follows. */
    void reconcileFault(long now, RouterActions actions) {
        boolean faulted = faulted();
        if (faulted && state != VrrpState.FAULT) {
            actions.log("VRRP_Group(" + name() + ") Syncing instances to FAULT state");
            for (VirtualRouter m : members) {
                if (m.state != VrrpState.FAULT) {
                    StateTransitions.enterFault(m, actions);
                }
            }
            enter(VrrpState.FAULT, actions);
        } else if (!faulted && state == VrrpState.FAULT) {
            for (VirtualRouter m : members) {
                if (m.state == VrrpState.FAULT) {
                    StateTransitions.leaveFault(m, now, actions);
                }
            }
            enter(VrrpState.BACKUP, actions);
        }
    }

    /** After a reload carried the members over: the group's state is theirs, without a notify. */
    void restoreFromMembers() {
        if (members.stream().anyMatch(m -> m.state == VrrpState.FAULT)) {
            state = VrrpState.FAULT;
        } else if (members.stream().allMatch(m -> m.state == VrrpState.MASTER)) {
            state = VrrpState.MASTER;
        } else {
            state = VrrpState.BACKUP;
        }
    }

    /** keepalived's shutdown: the group reports STOP after its members. */
    void stop(RouterActions actions) {
        state = VrrpState.INIT;
        actions.notifyGroup(this, VrrpState.STOP);
    }

    private void enter(VrrpState next, RouterActions actions) {
        state = next;
        actions.notifyGroup(this, next);
    }
}
