package io.lvsj.keepalived.lvs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A script keepalived runs on an event ({@code notify_up}, {@code quorum_down}, ...): its words,
 * run directly (no shell) with no arguments added, as {@code user} when one is set.
 */
public record NotifyCommand(List<String> argv, Optional<String> user) {
    public NotifyCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a notify script needs a program");
        }
        Objects.requireNonNull(user, "user");
    }

    public static NotifyCommand of(String... argv) {
        return new NotifyCommand(List.of(argv), Optional.empty());
    }
}
