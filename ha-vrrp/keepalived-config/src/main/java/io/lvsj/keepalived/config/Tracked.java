package io.lvsj.keepalived.config;

/**
 * A tracked interface, script, file, process or BFD session as one VRRP instance or sync
 * group uses it. Weight 0 means a failure puts the instance in FAULT; otherwise the weight is
 * added to the priority while the tracked thing is up (positive) or subtracted while it is
 * down (negative), the other way round when {@code reverse} is set.
 */
public record Tracked(Location location, String name, int weight, boolean reverse) {
}
