package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.wire.AdvertisementView;
import io.lvsj.keepalived.vrrp.wire.AuthType;

import java.util.Arrays;

/**
 * What a BACKUP and a MASTER do with a received advert: keepalived 2.2.7's
 * {@code vrrp_state_backup()} and {@code vrrp_state_master_rx()}.
 */
final class AdvertHandler {
    private AdvertHandler() {
    }

    /** BACKUP: accept (re-arm the down timer), take note of a priority 0, or ignore a lower priority we preempt. */
    static void backup(VirtualRouter r, Reception in, long now, RouterActions out) {
        AdvertisementView v = in.view;
        byte[] source = in.source();
        boolean checkAddresses = !r.config.skipCheckAdvAddr() || r.masterAddress == null
                || !Arrays.equals(source, r.masterAddress);
        ReceiveCheck.Verdict verdict = ReceiveCheck.check(r, in, checkAddresses, out);
        boolean ignore = false;
        int priority = v.priority();
        if (verdict != ReceiveCheck.Verdict.OK) {
            ignore = true;
        } else if (priority == 0) {
            out.logDetail("(" + r.name() + ") Backup received priority 0 advertisement");
            r.msDownTimer = r.skew();
        } else if (r.nopreempt || priority >= r.effectivePriority
                || (r.preemptDelay > 0 && (r.preemptTime == 0 || r.preemptTime > now))) {
            if (r.config.version() == 3) {
                adoptMasterInterval(r, v, out);
            }
            r.msDownTimer = r.masterDownInterval();
            r.masterAddress = source.clone();
            r.masterPriority = priority;
            if (r.preemptDelay > 0) {
                if (priority >= r.effectivePriority) {
                    if (r.preemptTime != 0) {
                        out.logDetail("(" + r.name() + ") stop preempt delay");
                        r.preemptTime = 0;
                    }
                } else if (r.preemptTime == 0) {
                    out.logDetail("(" + r.name() + ") start preempt delay (" + r.preemptDelay / 1_000_000.0 + ")");
                    r.preemptTime = now + r.preemptDelay;
                }
            }
            // A sync group may have held us in BACKUP while we wanted MASTER; a master is here now.
            r.wantState = VrrpState.BACKUP;
        } else {
            out.log("(" + r.name() + ") received lower priority (" + priority + ") advert from "
                    + VirtualRouter.text(source) + " - discarding");
            ignore = true;
            r.masterAddress = source.clone();
        }
        if (ignore) {
            // Keep the timer running: the caller re-arms it from msDownTimer.
            r.msDownTimer = Math.max(0, r.sands == VirtualRouter.NEVER ? r.msDownTimer : r.sands - now);
        }
    }

    /**
     * MASTER: answer a priority 0 and a lower priority with an advert, step down for a higher
     * priority (or an equal one from a higher address). Returns whether to leave MASTER, and
     * sets {@code sentAdvert} when an advert went out (the advert timer restarts then).
     */
    static boolean master(VirtualRouter r, Reception in, long now, RouterActions out, boolean[] sentAdvert) {
        AdvertisementView v = in.view;
        if (ReceiveCheck.check(r, in, true, out) != ReceiveCheck.Verdict.OK) {
            return false;
        }
        byte[] source = in.source();
        int priority = v.priority();
        int cmp = r.compareSource(source);
        String name = "(" + r.name() + ")";
        if (priority == 0 || (r.config.higherPrioSendAdvert()
                && (priority > r.effectivePriority || (priority == r.effectivePriority && cmp > 0)))) {
            r.sendAdvert(r.effectivePriority, out);
            sentAdvert[0] = true;
            if (priority == 0) {
                out.logDetail(name + " Master received priority 0 message");
                return false;
            }
        }
        if (priority == r.effectivePriority) {
            if (cmp == 0) {
                out.log(name + " WARNING - equal priority advert received from remote host with our IP address.");
            } else if (r.effectivePriority == VirtualRouter.Vrrp.OWNER) {
                // Two address owners: the rogue-owner workaround, as keepalived does it.
                out.log(name + " CONFIGURATION ERROR: local instance and a remote instance are both configured as"
                        + " address owner, please fix - reducing local priority");
                r.effectivePriority = VirtualRouter.Vrrp.OWNER - 1;
                r.basePriority = VirtualRouter.Vrrp.OWNER - 1;
            }
        }
        if (priority < r.effectivePriority || (priority == r.effectivePriority && cmp < 0)) {
            out.log(name + " Received advert from " + VirtualRouter.text(source) + " with lower priority " + priority
                    + ", ours " + r.effectivePriority + (r.config.lowerPrioNoAdvert() ? "" : ", forcing new election"));
            if (r.config.authentication().type() == AuthType.AH) {
                out.log(name + " IPSEC-AH : Syncing seq_num - Increment seq");
                r.ahSequence = v.ahSequence() + 1;
                r.ahCycle = false;
            }
            if (!r.config.lowerPrioNoAdvert()) {
                r.sendAdvert(r.effectivePriority, out);
                sentAdvert[0] = true;
            }
            lowerPriorityGratuitous(r, now, out);
            if (r.group != null) {
                for (VirtualRouter member : r.group.members) {
                    if (member != r) {
                        lowerPriorityGratuitous(member, now, out);
                    }
                }
            }
            out.notifyEvent(r, RouterEvent.MASTER_RX_LOWER_PRI);
            return false;
        }
        if (priority > r.effectivePriority || (priority == r.effectivePriority && cmp > 0)) {
            if (priority > r.effectivePriority) {
                out.log(name + " Master received advert from " + VirtualRouter.text(source) + " with higher priority "
                        + priority + ", ours " + r.effectivePriority);
            } else {
                out.log(name + " Master received advert from " + VirtualRouter.text(source) + " with same priority "
                        + priority + " but higher IP address than ours");
            }
            if (r.config.authentication().type() == AuthType.AH) {
                r.ahCycle = false;
            }
            if (r.config.version() == 3) {
                adoptMasterInterval(r, v, out);
            }
            r.msDownTimer = r.masterDownInterval();
            r.masterPriority = priority;
            r.masterAddress = source.clone();
            r.wantState = VrrpState.BACKUP;
            r.state = VrrpState.BACKUP;
            return true;
        }
        return false;
    }

    private static void lowerPriorityGratuitous(VirtualRouter r, long now, RouterActions out) {
        int repeat = r.config.garp().lowerPrioRepeat();
        if (repeat == 0 || !r.vipSet) {
            return;
        }
        out.sendGratuitous(r, repeat);
        long delay = r.config.garp().lowerPrioDelay().toNanos() / 1000;
        if (delay > 0) {
            r.lowerPrioGarpAt = now + delay;
        }
    }

    /** RFC 5798: a v3 backup times the master out by the master's interval. */
    private static void adoptMasterInterval(VirtualRouter r, AdvertisementView v, RouterActions out) {
        long theirs = v.v3IntervalCentis() * 10_000L;
        if (r.masterAdverInt != theirs) {
            out.logDetail("(" + r.name() + ") advertisement interval updated from " + r.masterAdverInt / 1000
                    + "ms to " + theirs / 1000 + "ms by master");
            r.masterAdverInt = theirs;
        }
    }
}
