package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.net.NetworkContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code net.ipv4.ping_group_range}: which groups may open ICMP echo sockets (per network
 * namespace; the default "1 0" allows none, root included). Like keepalived, widen it to
 * start at group 0 when a PING_CHECK is configured.
 */
public final class PingGroupRange {
    static final Path FILE = Path.of("/proc/sys/net/ipv4/ping_group_range");

    private PingGroupRange() {
    }

    /**
     * Reads the sysctl in one call: these files answer a read at a non-zero offset with
     * end-of-file, so a reader that starts small (as {@link Files#readString} does) sees half.
     */
    static String read() throws IOException {
        try (java.io.InputStream in = Files.newInputStream(FILE)) {
            byte[] buffer = new byte[256];
            int n = in.read(buffer);
            return new String(buffer, 0, Math.max(0, n), java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /**
     * Makes group 0 allowed in {@code network}'s namespace; returns the warning keepalived
     * would log when it changed a non-empty range, or empty.
     */
    public static Optional<String> allowRoot(NetworkContext network) throws IOException {
        return network.call(() -> {
            String[] range = read().trim().split("\\s+");
            long min = Long.parseLong(range[0]);
            long max = Long.parseLong(range[1]);
            if (min == 0 && max >= 0) {
                return Optional.empty();
            }
            long newMax = max > 1 ? max : 2147483647L;
            Files.writeString(FILE, "0\t" + newMax + "\n");
            return min > 1 && max > 1
                    ? Optional.of("Warning: " + FILE + " being expanded from " + min + " " + max + " to 0 " + newMax)
                    : Optional.empty();
        });
    }
}
