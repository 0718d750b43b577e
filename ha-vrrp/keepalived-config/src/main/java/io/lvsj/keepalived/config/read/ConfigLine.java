package io.lvsj.keepalived.config.read;

import io.lvsj.keepalived.config.Location;

/**
 * One logical line of configuration after comments, includes, definitions, conditionals and
 * sequences have been dealt with: what keepalived's {@code read_line} hands its parser. A
 * {@code '{'} or {@code '}'} always comes as a line of its own.
 */
public record ConfigLine(Location location, String text) {
}
