package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.VrrpScriptConfig;

/**
 * What a {@code vrrp_script}'s runs add up to. Until its first result a script is neither up
 * nor down: a weighted script moves no priority and a weight-0 one holds its instances in
 * FAULT. The first result decides at once, whatever {@code rise} and {@code fall} say
 * (observed on keepalived 2.2.7: {@code fall 3} and a failing script lowered the priority at
 * the first failure). After that {@code rise} consecutive successes are needed to go up and
 * {@code fall} consecutive failures to go down. {@code init_fail} starts it down.
 */
public final class TrackScript {
    /** Where the script stands. */
    enum Status { UNKNOWN, UP, DOWN }

    private final VrrpScriptConfig config;
    private Status status;
    /** Consecutive results against the current status. */
    private int streak;

    TrackScript(VrrpScriptConfig config) {
        this.config = config;
        this.status = config.initFail() ? Status.DOWN : Status.UNKNOWN;
    }

    public String name() {
        return config.name();
    }

    public boolean isUp() {
        return status == Status.UP;
    }

    VrrpScriptConfig config() {
        return config;
    }

    Status status() {
        return status;
    }

    /** Records one run; returns whether the status changed. */
    boolean record(boolean success) {
        Status toward = success ? Status.UP : Status.DOWN;
        if (status == toward) {
            streak = 0;
            return false;
        }
        if (status == Status.UNKNOWN) {
            status = toward;
            streak = 0;
            return true;
        }
        streak++;
        if (streak < (success ? config.rise() : config.fall())) {
            return false;
        }
        status = toward;
        streak = 0;
        return true;
    }

    /** Takes over the status of the same script in the configuration before a reload. */
    void carryFrom(TrackScript before) {
        status = before.status;
        streak = before.streak;
    }
}
