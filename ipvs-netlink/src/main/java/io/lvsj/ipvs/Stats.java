package io.lvsj.ipvs;

/**
 * Traffic counters and rate estimates of a service or destination, all 64-bit
 * ({@code IPVS_*_ATTR_STATS64}; from {@code STATS} on kernels older than 4.1).
 * Rates are per second, as the kernel's estimator computes them.
 */
public record Stats(long connections, long inPackets, long outPackets, long inBytes, long outBytes,
                    long connectionRate, long inPacketRate, long outPacketRate, long inByteRate, long outByteRate) {

    public static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
