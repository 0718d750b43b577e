package io.lvsj.keepalived.vrrp.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * keepalived's pacing of gratuitous ARPs and unsolicited NAs per interface: no two leave an
 * interface closer together than its interval. A {@code garp_group} gives its interfaces one
 * shared pace (a packet on any of them delays the next on all); {@code vrrp_garp_interval} and
 * {@code vrrp_gna_interval} give every other interface a pace of its own.
 *
 * @param defaults {@code vrrp_garp_interval} / {@code vrrp_gna_interval}
 * @param groups   the {@code garp_group}s (each with at least one interval, as keepalived keeps them)
 */
public record GarpPacing(Pace defaults, List<Group> groups) {
    public static final GarpPacing NONE = new GarpPacing(Pace.NONE, List.of());

    public GarpPacing {
        groups = List.copyOf(groups);
    }

    /** Whether anything is paced at all. */
    public boolean isPaced() {
        return defaults.isPaced() || !groups.isEmpty();
    }

    /**
     * The least time between two gratuitous ARPs, and between two NAs, on one interface; empty:
     * not paced (keepalived's {@code have_garp_interval} / {@code have_gna_interval} false).
     */
    public record Pace(Optional<Duration> garp, Optional<Duration> gna) {
        public static final Pace NONE = new Pace(Optional.empty(), Optional.empty());

        public boolean isPaced() {
            return garp.isPresent() || gna.isPresent();
        }
    }

    /** A {@code garp_group}: {@code interface} or {@code interfaces}, all sharing one pace. */
    public record Group(Pace pace, List<String> interfaces) {
        public Group {
            interfaces = List.copyOf(interfaces);
        }
    }
}
