package io.lvsj.keepalived.config;

import java.util.List;
import java.util.Optional;

/**
 * A whole {@code keepalived.conf} as keepalived 2.2 would run it: what it rejects is gone,
 * what it corrects is corrected, what it defaults is filled in. Immutable; every element
 * remembers where it was written ({@link Location}), which takes no part in equality.
 * {@code localAddressGroups} are keepalived-j's FullNAT extension ({@code local_address_group}).
 */
public record KeepalivedConfig(GlobalDefs global, List<IpAddress> staticAddresses, List<Route> staticRoutes,
                               List<Rule> staticRules, List<TrackGroup> trackGroups, List<VrrpScript> vrrpScripts,
                               List<TrackFile> trackFiles, List<TrackProcess> trackProcesses,
                               List<BfdInstance> bfdInstances, List<GarpGroup> garpGroups,
                               List<InterfaceSettings> interfaces, List<VrrpSyncGroup> syncGroups,
                               List<VrrpInstance> vrrpInstances, Optional<SslContext> ssl,
                               List<VirtualServerGroup> virtualServerGroups, List<VirtualServer> virtualServers,
                               List<LocalAddressGroup> localAddressGroups) {

    public KeepalivedConfig {
        staticAddresses = List.copyOf(staticAddresses);
        staticRoutes = List.copyOf(staticRoutes);
        staticRules = List.copyOf(staticRules);
        trackGroups = List.copyOf(trackGroups);
        vrrpScripts = List.copyOf(vrrpScripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        bfdInstances = List.copyOf(bfdInstances);
        garpGroups = List.copyOf(garpGroups);
        interfaces = List.copyOf(interfaces);
        syncGroups = List.copyOf(syncGroups);
        vrrpInstances = List.copyOf(vrrpInstances);
        virtualServerGroups = List.copyOf(virtualServerGroups);
        virtualServers = List.copyOf(virtualServers);
        localAddressGroups = List.copyOf(localAddressGroups);
    }

    public Optional<LocalAddressGroup> localAddressGroup(String name) {
        return localAddressGroups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    public Optional<VrrpInstance> vrrpInstance(String name) {
        return vrrpInstances.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** True when there is something for keepalived's VRRP process to do. */
    public boolean hasVrrp() {
        return !vrrpInstances.isEmpty() || !staticAddresses.isEmpty() || !staticRoutes.isEmpty()
                || !staticRules.isEmpty();
    }

    /** True when there is something for keepalived's checker process to do. */
    public boolean hasCheckers() {
        return !virtualServers.isEmpty();
    }
}
