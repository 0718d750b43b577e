package io.lvsj.keepalived.config;

import java.util.Optional;

/**
 * The notify scripts of an instance or sync group. The state scripts get only their own
 * arguments; {@code notify} gets four more: INSTANCE|GROUP, the name, the state and the priority.
 * {@code deleted} and {@code masterRxLowerPriority} exist for instances only.
 */
public record NotifyScripts(Optional<Script> master, Optional<Script> backup, Optional<Script> fault,
                            Optional<Script> stop, Optional<Script> deleted, Optional<Script> any,
                            Optional<Script> masterRxLowerPriority) {

    public static final NotifyScripts NONE = new NotifyScripts(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
