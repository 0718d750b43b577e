package io.lvsj.keepalived.config;

import java.util.Optional;

/**
 * A {@code track_file} (formerly {@code vrrp_track_file}): a file holding a number that
 * instances and real servers track, multiplied by {@code weight}. {@code init} creates the file
 * at start-up (or overwrites it) with a value.
 */
public record TrackFile(Location location, String name, String path, int weight, boolean reverse,
                        Optional<Init> init) {

    /** {@code init_file [VALUE] [overwrite]}. */
    public record Init(int value, boolean overwrite) {
    }
}
