package io.lvsj.keepalived.vrrp.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the VRRP engine runs: instances, sync groups, scripts, and the few global
 * settings that touch VRRP.
 *
 * @param notifyFifo           {@code notify_fifo} / {@code vrrp_notify_fifo}, or {@code null}
 * @param scriptUser           {@code script_user}, or {@code null} (root)
 * @param enableScriptSecurity {@code enable_script_security}
 */
public record VrrpConfig(List<VirtualRouterConfig> instances, List<SyncGroupConfig> syncGroups,
                         List<VrrpScriptConfig> scripts, List<TrackFileConfig> trackFiles, Path notifyFifo,
                         String scriptUser, boolean enableScriptSecurity) {
    public VrrpConfig {
        instances = List.copyOf(instances);
        syncGroups = List.copyOf(syncGroups);
        scripts = List.copyOf(scripts);
        trackFiles = List.copyOf(trackFiles);
    }

    public static VrrpConfig of(List<VirtualRouterConfig> instances) {
        return new VrrpConfig(instances, List.of(), List.of(), List.of(), null, null, false);
    }
}
