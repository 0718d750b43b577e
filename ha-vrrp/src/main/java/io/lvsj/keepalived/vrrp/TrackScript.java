package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.VrrpScriptConfig;

/**
 * A {@code vrrp_script}'s rise/fall filter, as keepalived counts it
 * ({@code vrrp_script_child_thread()}): {@code result} runs from 0 (down) through
 * {@code rise - 1} to {@code rise + fall - 1} (up). A script starts "unknown" unless it has
 * {@code init_fail}, and then one result decides either way.
 */
public final class TrackScript {
    public enum Change { NONE, UP, DOWN }

    enum InitState { INIT, FAILED, DONE }

    final VrrpScriptConfig config;
    int result;
    InitState initState;

    TrackScript(VrrpScriptConfig config) {
        this.config = config;
        this.initState = config.initFail() ? InitState.FAILED : InitState.INIT;
        this.result = config.initFail() ? 0 : config.rise() - 1; // one success is enough at first
    }

    public String name() {
        return config.name();
    }

    /** Whether the script currently counts as up. */
    public boolean isUp() {
        return result >= config.rise();
    }

    /**
     * Records one run and says whether the instances tracking it must hear about it. The
     * caller applies the change before {@link #settle()} ends the initial state.
     */
    Change record(boolean success) {
        int rise = config.rise();
        int fall = config.fall();
        Change change = Change.NONE;
        if (success) {
            if (result < rise - 1) {
                result++;
            } else if (result != rise + fall - 1) {
                if (result < rise) {
                    change = Change.UP;
                }
                result = rise + fall - 1;
            }
        } else if (result > rise) {
            result--;
        } else {
            if (result == rise || initState == InitState.INIT) {
                change = Change.DOWN;
            }
            result = 0;
        }
        return change;
    }

    void settle() {
        initState = InitState.DONE;
    }
}
