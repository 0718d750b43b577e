package io.lvsj.keepalived.vrrp.config;

import java.time.Duration;
import java.util.List;

/**
 * A {@code vrrp_track_process}: it has quorum while between {@code quorum} and
 * {@code quorumMax} processes match.
 *
 * @param process        the name to match: the process's comm (15 characters at most), or with
 *                       {@code fullCommand} the first word of its command line
 * @param parameters     the rest of the command line to compare (given after the name)
 * @param match          how the parameters are compared
 * @param fullCommand    match on the command line instead of the comm name
 * @param forkDelay      a gained quorum counts only after this long
 * @param terminateDelay a lost quorum counts only after this long
 */
public record TrackProcessConfig(String name, String process, List<String> parameters, ParamMatch match,
                                 boolean fullCommand, int quorum, long quorumMax, Duration forkDelay,
                                 Duration terminateDelay) {
    /** keepalived's {@code param_match}. */
    public enum ParamMatch { NONE, EXACT, INITIAL, PARTIAL }

    public TrackProcessConfig {
        parameters = List.copyOf(parameters);
    }

    /** Whether {@code count} processes make a quorum. */
    public boolean quorate(long count) {
        return count >= quorum && count <= quorumMax;
    }
}
