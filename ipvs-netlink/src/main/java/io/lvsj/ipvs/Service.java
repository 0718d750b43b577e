package io.lvsj.ipvs;

import java.util.Objects;

/**
 * A virtual service as configured: everything {@code ipvsadm -A/-E} sets.
 *
 * @param key               what identifies it
 * @param scheduler         scheduler name ({@code rr}, {@code wlc}, ..., or {@code none}); at most 15 characters
 * @param flags             persistence, one-packet and scheduler flags
 * @param timeout           persistence timeout in seconds (meaningful with {@link ServiceFlags#PERSISTENT})
 * @param netmask           persistence granularity: for IPv4 the mask as a 32-bit number
 *                          ({@code 255.255.255.0} = {@code 0xffffff00}); for IPv6 a prefix length (1..128)
 * @param persistenceEngine persistence engine name such as {@code sip}, or {@code ""} for none
 */
public record Service(ServiceKey key, String scheduler, ServiceFlags flags, int timeout, int netmask,
                      String persistenceEngine) {

    /** The kernel's (and ipvsadm's) persistence timeout when {@code -p} is given without a value. */
    public static final int DEFAULT_PERSISTENCE_TIMEOUT = 360;
    public static final int SCHEDULER_NAME_MAX = 15;
    public static final int PE_NAME_MAX = 15;

    public Service {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(persistenceEngine, "persistenceEngine");
        if (scheduler.length() > SCHEDULER_NAME_MAX) {
            throw new IllegalArgumentException("scheduler name longer than 15 characters: " + scheduler);
        }
        if (persistenceEngine.length() > PE_NAME_MAX) {
            throw new IllegalArgumentException("persistence engine name longer than 15 characters: " + persistenceEngine);
        }
    }

    /** A service with this scheduler and no persistence: what {@code ipvsadm -A -t VIP:PORT -s SCHED} makes. */
    public static Service of(ServiceKey key, String scheduler) {
        return new Service(key, scheduler, ServiceFlags.NONE, 0, fullNetmask(key.family()), "");
    }

    /** The netmask that means "one client address": {@code 255.255.255.255} or {@code /128}. */
    public static int fullNetmask(AddressFamily family) {
        return family == AddressFamily.INET ? 0xffffffff : 128;
    }

    public Service withScheduler(String name) {
        return new Service(key, name, flags, timeout, netmask, persistenceEngine);
    }

    public Service withFlags(ServiceFlags newFlags) {
        return new Service(key, scheduler, newFlags, timeout, netmask, persistenceEngine);
    }

    /** Persistent for {@code seconds}, with the given netmask. */
    public Service withPersistence(int seconds, int mask) {
        return new Service(key, scheduler, flags.with(ServiceFlags.PERSISTENT), seconds, mask, persistenceEngine);
    }

    public Service withPersistenceEngine(String name) {
        return new Service(key, scheduler, flags, timeout, netmask, name);
    }

    @Override
    public String toString() {
        return key + " " + scheduler;
    }
}
