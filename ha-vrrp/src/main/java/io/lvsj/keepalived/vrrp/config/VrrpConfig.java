package io.lvsj.keepalived.vrrp.config;

import io.lvsj.keepalived.lib.NotifyFifoConfig;

import java.util.List;

/**
 * Everything the VRRP engine runs: instances, sync groups, scripts, and the few global
 * settings that touch VRRP.
 *
 * @param notifyFifos          {@code notify_fifo} and {@code vrrp_notify_fifo} with their readers (null: none)
 * @param scriptUser           {@code script_user}, or {@code null} (root)
 * @param enableScriptSecurity {@code enable_script_security}
 * @param staticAddresses      {@code static_ipaddress}: added at start, removed at stop
 * @param staticRoutes         {@code static_routes}: likewise
 * @param globals              the process-wide settings
 * @param trackProcesses       {@code vrrp_track_process}
 * @param staticRules          {@code static_rules}: added at start, removed at stop
 * @param scriptGroup          {@code script_user USER GROUP}'s group, or {@code null} (the user's primary group)
 */
public record VrrpConfig(List<VirtualRouterConfig> instances, List<SyncGroupConfig> syncGroups,
                         List<VrrpScriptConfig> scripts, List<TrackFileConfig> trackFiles, List<NotifyFifoConfig> notifyFifos,
                         String scriptUser, boolean enableScriptSecurity, List<VirtualAddress> staticAddresses,
                         List<VirtualRoute> staticRoutes, VrrpGlobals globals,
                         List<TrackProcessConfig> trackProcesses, List<VirtualRule> staticRules, String scriptGroup) {
    public VrrpConfig {
        staticRules = staticRules == null ? List.of() : List.copyOf(staticRules);
        trackProcesses = trackProcesses == null ? List.of() : List.copyOf(trackProcesses);
        globals = globals == null ? VrrpGlobals.DEFAULTS : globals;
        instances = List.copyOf(instances);
        syncGroups = List.copyOf(syncGroups);
        scripts = List.copyOf(scripts);
        trackFiles = List.copyOf(trackFiles);
        notifyFifos = notifyFifos == null ? List.of() : List.copyOf(notifyFifos);
        staticAddresses = staticAddresses == null ? List.of() : List.copyOf(staticAddresses);
        staticRoutes = staticRoutes == null ? List.of() : List.copyOf(staticRoutes);
    }

    /** With {@code script_user}'s primary group. */
    public VrrpConfig(List<VirtualRouterConfig> instances, List<SyncGroupConfig> syncGroups,
                      List<VrrpScriptConfig> scripts, List<TrackFileConfig> trackFiles, List<NotifyFifoConfig> notifyFifos,
                      String scriptUser, boolean enableScriptSecurity, List<VirtualAddress> staticAddresses,
                      List<VirtualRoute> staticRoutes, VrrpGlobals globals,
                      List<TrackProcessConfig> trackProcesses, List<VirtualRule> staticRules) {
        this(instances, syncGroups, scripts, trackFiles, notifyFifos, scriptUser, enableScriptSecurity, staticAddresses,
                staticRoutes, globals, trackProcesses, staticRules, null);
    }

    /** With the default process-wide settings. */
    public VrrpConfig(List<VirtualRouterConfig> instances, List<SyncGroupConfig> syncGroups,
                      List<VrrpScriptConfig> scripts, List<TrackFileConfig> trackFiles, List<NotifyFifoConfig> notifyFifos,
                      String scriptUser, boolean enableScriptSecurity, List<VirtualAddress> staticAddresses,
                      List<VirtualRoute> staticRoutes) {
        this(instances, syncGroups, scripts, trackFiles, notifyFifos, scriptUser, enableScriptSecurity, staticAddresses,
                staticRoutes, VrrpGlobals.DEFAULTS, List.of(), List.of(), null);
    }

    /** Whom a script with no account of its own runs as: {@code script_user} and its group. */
    public io.lvsj.keepalived.script.RunAs scriptAccount() {
        return new io.lvsj.keepalived.script.RunAs(scriptUser, scriptGroup);
    }

    /** Without static addresses or routes. */
    public VrrpConfig(List<VirtualRouterConfig> instances, List<SyncGroupConfig> syncGroups,
                      List<VrrpScriptConfig> scripts, List<TrackFileConfig> trackFiles, List<NotifyFifoConfig> notifyFifos,
                      String scriptUser, boolean enableScriptSecurity) {
        this(instances, syncGroups, scripts, trackFiles, notifyFifos, scriptUser, enableScriptSecurity, List.of(),
                List.of());
    }

    public static VrrpConfig of(List<VirtualRouterConfig> instances) {
        return new VrrpConfig(instances, List.of(), List.of(), List.of(), null, null, false);
    }
}
