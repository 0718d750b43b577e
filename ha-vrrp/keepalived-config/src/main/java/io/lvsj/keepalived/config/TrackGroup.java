package io.lvsj.keepalived.config;

import java.util.List;

/** A {@code track_group}: VRRP instances whose state static addresses, routes and rules follow. */
public record TrackGroup(Location location, String name, List<String> instances) {
    public TrackGroup {
        instances = List.copyOf(instances);
    }
}
