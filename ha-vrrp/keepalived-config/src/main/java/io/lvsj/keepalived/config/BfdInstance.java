package io.lvsj.keepalived.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@code bfd_instance}: a BFD session with {@code neighbor}, which VRRP instances
 * ({@code track_bfd}) and real servers ({@code BFD_CHECK}) may follow. Without {@code vrrp}
 * or {@code checker} both may use it.
 */
public record BfdInstance(Location location, String name, InetAddress neighbor, Optional<InetAddress> source,
                          Duration minRx, Duration minTx, Duration idleTx, int multiplier, boolean passive, int ttl,
                          int maxHops, int weight, boolean reverse, boolean forVrrp, boolean forChecker) {
}
