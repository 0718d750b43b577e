package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceFlags;
import io.lvsj.ipvs.ServiceKey;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@code virtual_server} sets on each IPVS service it becomes: scheduler
 * ({@code lb_algo}/{@code lvs_sched}), flags ({@code ops}, {@code sh-port}, ...), persistence
 * ({@code persistence_timeout}, {@code persistence_granularity}, {@code persistence_engine}).
 *
 * @param flags              scheduler and one-packet flags, without the persistence bit
 * @param persistenceTimeout seconds; 0 = not persistent
 * @param granularity        the persistence netmask as the kernel takes it (IPv4 mask as a
 *                           32-bit number, IPv6 prefix length); empty = one client address
 * @param persistenceEngine  "" = none
 */
public record ServiceTemplate(String scheduler, ServiceFlags flags, int persistenceTimeout,
                              Optional<Integer> granularity, String persistenceEngine) {

    public ServiceTemplate {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(persistenceEngine, "persistenceEngine");
        if (persistenceTimeout < 0) {
            throw new IllegalArgumentException("persistence timeout must not be negative");
        }
    }

    public static ServiceTemplate of(String scheduler) {
        return new ServiceTemplate(scheduler, ServiceFlags.NONE, 0, Optional.empty(), "");
    }

    public ServiceTemplate withPersistence(int seconds, Optional<Integer> mask) {
        return new ServiceTemplate(scheduler, flags, seconds, mask, persistenceEngine);
    }

    public ServiceTemplate withFlags(ServiceFlags newFlags) {
        return new ServiceTemplate(scheduler, newFlags, persistenceTimeout, granularity, persistenceEngine);
    }

    /**
     * The service for {@code key}, as keepalived's {@code ipvs_set_srule} fills it in: the
     * netmask is the one-address mask unless persistence with a granularity says otherwise,
     * and persistence engine and granularity only count for persistent services.
     */
    public Service serviceFor(ServiceKey key) {
        AddressFamily family = key.family();
        int netmask = Service.fullNetmask(family);
        ServiceFlags serviceFlags = flags.without(ServiceFlags.PERSISTENT);
        int timeout = 0;
        String engine = "";
        if (persistenceTimeout > 0) {
            serviceFlags = serviceFlags.with(ServiceFlags.PERSISTENT);
            timeout = persistenceTimeout;
            netmask = granularity.orElse(netmask);
            engine = persistenceEngine;
        }
        return new Service(key, scheduler, serviceFlags, timeout, netmask, engine);
    }
}
