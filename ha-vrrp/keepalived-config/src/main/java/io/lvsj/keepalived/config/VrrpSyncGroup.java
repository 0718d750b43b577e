package io.lvsj.keepalived.config;

import java.util.List;

/**
 * A {@code vrrp_sync_group}: instances that change state together. Its trackers apply to
 * every member; weights are ignored unless {@code trackingWeight} ({@code
 * sync_group_tracking_weight}) is set.
 */
public record VrrpSyncGroup(Location location, String name, List<String> members,
                            List<Tracked> trackInterfaces, List<Tracked> trackScripts, List<Tracked> trackFiles,
                            List<Tracked> trackProcesses, List<Tracked> trackBfds, NotifyScripts notifyScripts,
                            boolean smtpAlert, boolean trackingWeight, boolean notifyPriorityChanges) {

    public VrrpSyncGroup {
        members = List.copyOf(members);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        trackBfds = List.copyOf(trackBfds);
    }
}
