package io.lvsj.keepalived.config.parse;

import java.util.Optional;

/**
 * The {@code track_group} option of a virtual or static route or rule, read as keepalived
 * reads it for both: the group must exist (else "not found", and the option is dropped), and a
 * second {@code track_group} on one line is a duplicate that ends the line's reading.
 */
final class TrackGroupOption {
    private final ParseContext ctx;
    private String group;

    TrackGroupOption(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** Reads the group named by word {@code at}; false when the line already had one (reported). */
    boolean read(Statement st, int at) {
        String name = st.word(at);
        if (group != null) {
            ctx.error(st, "track_group " + name + " is a duplicate");
            return false;
        }
        if (ctx.vrrp.findTrackGroup(name) == null) {
            ctx.error(st, "track_group " + name + " not found");
        } else {
            group = name;
        }
        return true;
    }

    /** Drops the group read, with {@code message}, when the route or rule has no interface to track. */
    void dropWithoutInterface(Statement st, boolean hasInterface, String message) {
        if (group != null && !hasInterface) {
            ctx.error(st, message);
            group = null;
        }
    }

    Optional<String> value() {
        return Optional.ofNullable(group);
    }
}
