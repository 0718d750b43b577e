package io.lvsj.keepalived.config;

import java.util.List;
import java.util.Optional;

/**
 * A command keepalived runs: its words after quote and escape processing (the first is the
 * program), and the user and group it runs as when the configuration names them. Without a
 * user, the global {@code script_user} applies, else {@code keepalived_script}, else root.
 */
public record Script(Location location, List<String> command, Optional<String> user, Optional<String> group) {

    public Script {
        command = List.copyOf(command);
    }

    public String program() {
        return command.getFirst();
    }
}
