package io.lvsj.keepalived.vrrp.config;

import java.nio.file.Path;

/**
 * A {@code vrrp_track_file}: a file holding an integer; the value times the weight moves the
 * priority of the instances tracking it (with weight 0, any non-zero value is a fault).
 *
 * @param weight   its own weight
 * @param reverse  {@code weight N reverse}
 * @param initFile create the file at start with {@code initValue} if it is missing
 */
public record TrackFileConfig(String name, Path file, int weight, boolean reverse, boolean initFile, int initValue) {
}
