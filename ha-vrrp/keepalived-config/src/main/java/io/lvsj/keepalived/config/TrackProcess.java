package io.lvsj.keepalived.config;

import java.time.Duration;
import java.util.List;

/**
 * A {@code vrrp_track_process}: up while between {@code quorum} and {@code quorumMax}
 * processes named {@code process} run (matched on their command line when parameters or
 * {@code full_command} are given).
 */
public record TrackProcess(Location location, String name, String process, List<String> parameters,
                           ParamMatch paramMatch, int weight, boolean reverse, int quorum, long quorumMax,
                           Duration forkDelay, Duration terminateDelay, boolean fullCommand) {

    /** How parameters are compared with a process's. */
    public enum ParamMatch { NONE, EXACT, INITIAL, PARTIAL }

    public TrackProcess {
        parameters = List.copyOf(parameters);
    }
}
