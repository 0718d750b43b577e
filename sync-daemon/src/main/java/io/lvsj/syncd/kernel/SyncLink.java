package io.lvsj.syncd.kernel;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The private veth pair between the kernel's sync daemons and lvs-syncd. The kernel's master
 * and backup daemons run on {@code kernelSide}; lvs-syncd listens and sends on
 * {@code relaySide}. What the master daemon multicasts crosses the pair to lvs-syncd (its own
 * socket has multicast loop off, so nothing on the master's host would hear it otherwise), and
 * what lvs-syncd sends crosses back to the backup daemon, which is bound to its interface.
 * Nothing on a real segment reaches the backup daemon, so nobody there can inject connections.
 *
 * <p>Both ends get a link-local address (the master daemon binds to its interface's address,
 * and a datagram from one end arrives at the other from a local address, so both ends accept
 * local sources and use loose reverse-path filtering).
 */
public record SyncLink(String kernelSide, String relaySide, InetAddress kernelAddress, InetAddress relayAddress,
                       int prefixLength) {
    public static final String DEFAULT_KERNEL_SIDE = "lvsync0";
    public static final String DEFAULT_RELAY_SIDE = "lvsync1";

    public SyncLink {
        Objects.requireNonNull(kernelSide, "kernelSide");
        Objects.requireNonNull(relaySide, "relaySide");
        Objects.requireNonNull(kernelAddress, "kernelAddress");
        Objects.requireNonNull(relayAddress, "relayAddress");
    }

    /** {@code lvsync0} (169.254.81.1/30) and {@code lvsync1} (169.254.81.2/30). */
    public static SyncLink defaults() {
        return of(DEFAULT_KERNEL_SIDE, DEFAULT_RELAY_SIDE);
    }

    public static SyncLink of(String kernelSide, String relaySide) {
        return new SyncLink(kernelSide, relaySide, InetAddress.ofLiteral("169.254.81.1"),
                InetAddress.ofLiteral("169.254.81.2"), 30);
    }
}
