package io.lvsj.keepalived.config;

import java.time.Duration;

/**
 * A {@code vrrp_script}: a command run every {@code interval}, killed after {@code timeout},
 * whose exit status (0 = up) instances track. {@code weight} 0 means failure puts the
 * tracking instances in FAULT. {@code rise}/{@code fall} consecutive results change state.
 */
public record VrrpScript(Location location, String name, Script script, Duration interval, Duration timeout,
                         int weight, boolean reverse, int rise, int fall, boolean initFail) {
}
