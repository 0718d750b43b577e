package io.lvsj.keepalived.lvs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A script keepalived runs on an event ({@code notify_up}, {@code quorum_down}, ...): its words,
 * run directly (no shell) with no arguments added, as {@code user} when one is set, with
 * {@code group} as its gid and only group when one is named (else the user's primary group).
 */
public record NotifyCommand(List<String> argv, Optional<String> user, Optional<String> group) {
    public NotifyCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a notify script needs a program");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
    }

    public NotifyCommand(List<String> argv, Optional<String> user) {
        this(argv, user, Optional.empty());
    }

    public static NotifyCommand of(String... argv) {
        return new NotifyCommand(List.of(argv), Optional.empty());
    }
}
