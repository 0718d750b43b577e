package io.lvsj.keepalived.vrrp.config;

import java.time.Duration;
import java.util.List;

/**
 * A {@code vrrp_script}: a command run every {@code interval}; its exit status, filtered by
 * {@code rise}/{@code fall}, moves the priority of the instances tracking it or puts them in FAULT.
 *
 * @param command  the command line split into words
 * @param interval how often it runs
 * @param timeout  when a run is killed and counts as a failure
 * @param weight   its own weight (0 = fault)
 * @param reverse  {@code weight N reverse}
 * @param rise     successes needed to count as up
 * @param fall     failures needed to count as down
 * @param initFail {@code init_fail}: start failed rather than unknown
 * @param user     {@code user}, or {@code null} for {@code script_user}
 * @param group    {@code user USER GROUP}'s group, or {@code null} for the user's primary group
 */
public record VrrpScriptConfig(String name, List<String> command, Duration interval, Duration timeout, int weight,
                               boolean reverse, int rise, int fall, boolean initFail, String user, String group) {
    public VrrpScriptConfig {
        command = List.copyOf(command);
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException(name + ": rise and fall must be at least 1");
        }
        timeout = timeout == null || timeout.isZero() ? interval : timeout;
    }

    /** Whom it runs as (with no user of its own: {@code script_user}). */
    public io.lvsj.keepalived.script.RunAs runAs() {
        return new io.lvsj.keepalived.script.RunAs(user, group);
    }

    public static VrrpScriptConfig of(String name, List<String> command, Duration interval, int weight) {
        return new VrrpScriptConfig(name, command, interval, interval, weight, false, 1, 1, false, null, null);
    }
}
