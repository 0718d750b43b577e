package io.lvsj.ipvs;

import java.util.Objects;

/**
 * A destination as the kernel reports it: its configuration, connection counts and counters.
 * The connection counts are unsigned 32-bit in the kernel; they are held here as longs.
 */
public record DestinationEntry(Destination destination, long activeConnections, long inactiveConnections,
                               long persistentConnections, Stats stats) {
    public DestinationEntry {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(stats, "stats");
    }
}
