package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.check.CheckSpec;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code real_server} as the checker process runs it, every default resolved.
 *
 * @param port             the real server's port (for NAT); DR and TUN destinations take the
 *                         service's port, as keepalived does
 * @param weight           the configured weight ({@code weight}, default 1)
 * @param inhibitOnFailure keep a failed server in IPVS at weight 0 instead of removing it
 * @param checks           all must pass for the server to be alive; none = always alive
 */
public record RealServerSpec(InetAddress address, int port, Forwarding forwarding, int weight, int upperThreshold,
                             int lowerThreshold, boolean inhibitOnFailure, Optional<NotifyCommand> notifyUp,
                             Optional<NotifyCommand> notifyDown, List<CheckSpec> checks) {

    public RealServerSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forwarding, "forwarding");
        Objects.requireNonNull(notifyUp, "notifyUp");
        Objects.requireNonNull(notifyDown, "notifyDown");
        checks = List.copyOf(checks);
        if (weight < 0) {
            throw new IllegalArgumentException("weight must not be negative: " + weight);
        }
    }

    /** A real server with weight 1 and nothing else set. */
    public static RealServerSpec of(InetAddress address, int port, Forwarding forwarding, CheckSpec... checks) {
        return new RealServerSpec(address, port, forwarding, 1, 0, 0, false, Optional.empty(), Optional.empty(),
                List.of(checks));
    }

    @Override
    public String toString() {
        return "RS " + key();
    }

    public RealServerKey key() {
        return new RealServerKey(address, port);
    }

    public RealServerSpec withWeight(int newWeight) {
        return new RealServerSpec(address, port, forwarding, newWeight, upperThreshold, lowerThreshold,
                inhibitOnFailure, notifyUp, notifyDown, checks);
    }

    public RealServerSpec withInhibitOnFailure(boolean inhibit) {
        return new RealServerSpec(address, port, forwarding, weight, upperThreshold, lowerThreshold, inhibit,
                notifyUp, notifyDown, checks);
    }

    public RealServerSpec withNotify(Optional<NotifyCommand> up, Optional<NotifyCommand> down) {
        return new RealServerSpec(address, port, forwarding, weight, upperThreshold, lowerThreshold,
                inhibitOnFailure, up, down, checks);
    }

    public RealServerSpec withChecks(List<CheckSpec> newChecks) {
        return new RealServerSpec(address, port, forwarding, weight, upperThreshold, lowerThreshold,
                inhibitOnFailure, notifyUp, notifyDown, newChecks);
    }

    public RealServerSpec withThresholds(int upper, int lower) {
        return new RealServerSpec(address, port, forwarding, weight, upper, lower, inhibitOnFailure, notifyUp,
                notifyDown, checks);
    }
}
