package io.lvsj.ipvs;

import java.util.Objects;

/** A service as the kernel reports it: its configuration and its counters. */
public record ServiceEntry(Service service, Stats stats) {
    public ServiceEntry {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(stats, "stats");
    }

    public ServiceKey key() {
        return service.key();
    }
}
