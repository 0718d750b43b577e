package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Location;

/** A {@code track_file} block being read. */
final class TrackFileDraft {
    final Location location;
    final String name;
    String path;
    int weight = 1;
    boolean reverse;
    boolean init;
    int initValue;
    boolean overwrite;

    TrackFileDraft(Location location, String name) {
        this.location = location;
        this.name = name;
    }
}
