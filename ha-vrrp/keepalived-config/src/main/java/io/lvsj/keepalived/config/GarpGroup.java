package io.lvsj.keepalived.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A {@code garp_group}: pacing of gratuitous ARPs and NAs on a set of interfaces. */
public record GarpGroup(Location location, Optional<Duration> garpInterval, Optional<Duration> gnaInterval,
                        List<String> interfaces, boolean aggregate) {
    public GarpGroup {
        interfaces = List.copyOf(interfaces);
    }
}
