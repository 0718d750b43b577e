package io.lvsj.keepalived.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** A {@code virtual_server_group}: address ranges (each address its own IPVS service) and fwmarks. */
public record VirtualServerGroup(Location location, String name, List<Entry> entries) {

    public VirtualServerGroup {
        entries = List.copyOf(entries);
    }

    /** One line of the group. */
    public sealed interface Entry {
    }

    /** {@code IP[-END|/LEN] [PORT]}: first and last address inclusive; port 0 when none. */
    public record AddressRange(Location location, InetAddress first, InetAddress last, int port) implements Entry {
    }

    /** {@code fwmark N [inet|inet6]}. */
    public record Fwmark(Location location, long mark, Optional<Boolean> ipv6) implements Entry {
    }
}
