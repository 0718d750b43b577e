package io.lvsj.keepalived.vrrp;

/**
 * How tracked objects move instances: keepalived's {@code down_instance()},
 * {@code try_up_instance()}, {@code process_script_update_priority()} and
 * {@code process_update_vrrp_track_file_status()}. A weight of 0 means FAULT while down; any
 * other weight moves the total priority, which is clamped to 1..254.
 */
final class Tracking {
    private Tracking() {
    }

    /** One more tracked object is down. */
    static void down(VirtualRouter r, long now, RouterActions out) {
        if (r.faults++ == 0 || r.state == VrrpState.INIT) {
            r.wantState = VrrpState.FAULT;
            if (r.state == VrrpState.MASTER) {
                r.leaveMaster(now, true, out);
            } else {
                r.leaveFault(now, out);
            }
            if (r.group != null && r.group.faults++ == 0) {
                r.group.syncFault(r, now, out);
            }
        }
    }

    /** One tracked object came back (or, with {@code leavingInit}, the last initial script reported). */
    static void tryUp(VirtualRouter r, boolean leavingInit, long now, RouterActions out) {
        if (leavingInit) {
            if (r.faults > 0) {
                return;
            }
        } else if (--r.faults > 0 || r.scriptsInit > 0) {
            if (r.faults == 0) {
                if (r.group != null) {
                    r.group.faults--;
                    r.group.state = VrrpState.INIT;
                }
                r.wantState = VrrpState.BACKUP;
            }
            return;
        }
        boolean owner = r.wantState == VrrpState.MASTER && r.basePriority == VirtualRouter.Vrrp.OWNER;
        if (!owner) {
            r.wantState = VrrpState.BACKUP;
        }
        r.masterAdverInt = r.adverInt;
        r.msDownTimer = owner ? r.masterAdverInt + r.skew() : r.masterDownInterval();
        if (r.group != null) {
            if (leavingInit) {
                if (r.group.faults > 0) {
                    return;
                }
            } else if (--r.group.faults > 0 || r.group.membersInit > 0) {
                return;
            }
        }
        VrrpState wanted = r.wantState;
        if (r.group != null && r.wantState == VrrpState.MASTER && !r.group.canGotoMaster(r, now)) {
            r.wantState = VrrpState.BACKUP;
        }
        r.leaveFault(now, out);
        if (r.config.isUnicast() && r.sourceAddress != null) {
            // So the master re-learns our MAC and its adverts reach us before we time out.
            out.announceSource(r);
        }
        r.initSands(now);
        r.wantState = wanted;
        if (r.group != null) {
            if (r.state == VrrpState.MASTER) {
                r.group.syncMaster(r, now, out);
            } else {
                r.group.syncBackup(r, now, out);
            }
        }
    }

    /** A weighted object changed: {@code delta} is added to the total priority. */
    static void adjust(VirtualRouter r, int delta, RouterActions out) {
        if (r.basePriority == VirtualRouter.Vrrp.OWNER) {
            return;
        }
        r.totalPriority += delta;
        r.setEffectivePriority(out);
    }

    /** {@code process_script_update_priority}: a tracked script's result changed. */
    static void script(VirtualRouter r, TrackScript script, int weight, int multiplier, boolean ok, long now,
                       RouterActions out) {
        if (weight == 0) {
            boolean leftInit = false;
            if (script.initState == TrackScript.InitState.INIT && --r.scriptsInit == 0) {
                leftInit = true;
                if (r.group != null) {
                    r.group.membersInit--;
                }
            }
            if (ok != (multiplier == 1)) {
                down(r, now, out);
            } else if (r.scriptsInit == 0 && (r.group == null || r.group.membersInit == 0)) {
                tryUp(r, leftInit, now, out);
            }
            return;
        }
        int delta;
        if (script.initState != TrackScript.InitState.DONE) {
            delta = ok ? (weight > 0 ? weight * multiplier : 0) : (weight < 0 ? weight * multiplier : 0);
        } else {
            delta = (ok ? 1 : -1) * Math.abs(weight) * multiplier;
        }
        adjust(r, delta, out);
    }

    /** The status a tracked file's value means for one instance: -254 is FAULT. */
    static int fileStatus(long value, int weight, int multiplier) {
        if (weight == 0) {
            return (value == 0) != (multiplier == 1) ? -254 : 0;
        }
        return (int) Math.clamp(value * weight * multiplier, -254, 253);
    }

    /** {@code process_update_vrrp_track_file_status}. */
    static void file(VirtualRouter r, int weight, int previous, int current, long now, RouterActions out) {
        if (previous == current) {
            return;
        }
        if (current == -254) {
            if (weight != 0 && r.basePriority != VirtualRouter.Vrrp.OWNER) {
                r.totalPriority -= previous;
            }
            down(r, now, out);
        } else if (previous == -254) {
            if (weight != 0 && r.basePriority != VirtualRouter.Vrrp.OWNER) {
                r.totalPriority += current;
                r.effectivePriority = Math.clamp(r.totalPriority, 1, VirtualRouter.Vrrp.OWNER - 1);
            }
            tryUp(r, false, now, out);
        } else {
            adjust(r, current - previous, out);
        }
    }
}
