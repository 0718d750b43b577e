package io.lvsj.ipvs;

import java.util.List;
import java.util.Objects;

/** A service and its destinations, as one listing of the kernel's table shows them. */
public record ServiceListing(ServiceEntry service, List<DestinationEntry> destinations) {
    public ServiceListing {
        Objects.requireNonNull(service, "service");
        destinations = List.copyOf(destinations);
    }
}
