package io.lvsj.keepalived.config;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A line of {@code virtual_rules} or {@code static_rules}: {@code ip rule add}'s grammar. A
 * rule without {@code preference} gets one from keepalived (counting down from 32767), with
 * a warning; the value it got is what is recorded here.
 */
public record Rule(Location location, boolean ipv6, Action action, OptionalLong table, OptionalLong gotoTarget,
                   Optional<Prefix> from, Optional<Prefix> to, boolean invert, long preference, OptionalInt tos,
                   OptionalLong fwmark, OptionalLong fwmask, OptionalLong realms, OptionalInt suppressPrefixLength,
                   OptionalLong suppressGroup, Optional<String> inputInterface, Optional<String> outputInterface,
                   OptionalLong tunnelId, Optional<PortRange> uidRange, boolean l3mdev, OptionalInt protocol,
                   OptionalInt ipProtocol, Optional<PortRange> sourcePorts, Optional<PortRange> destinationPorts,
                   boolean noTrack, Optional<String> trackGroup) {

    /** What a matching packet gets ({@code FR_ACT_*}). */
    public enum Action { TABLE, GOTO, NOP, BLACKHOLE, UNREACHABLE, PROHIBIT }

    /** An inclusive range of ports (or user ids). */
    public record PortRange(long start, long end) {
    }
}
