package io.lvsj.keepalived.lvs;

import java.util.Map;
import java.util.Objects;

/** The health of a virtual server: its quorum state and each real server's health. */
public record VirtualServerHealth(boolean quorumUp, Map<RealServerKey, RealServerHealth> realServers) {
    public VirtualServerHealth {
        Objects.requireNonNull(realServers, "realServers");
        realServers = Map.copyOf(realServers);
    }

    public RealServerHealth of(RealServerKey key) {
        RealServerHealth h = realServers.get(key);
        if (h == null) {
            throw new IllegalArgumentException("no health for real server " + key);
        }
        return h;
    }
}
