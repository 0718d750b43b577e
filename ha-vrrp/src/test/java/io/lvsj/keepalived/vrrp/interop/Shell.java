package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.lab.Command.Result;
import io.lvsj.lab.Command;

import java.time.Duration;
import java.util.List;

/** Runs host commands for the namespace lab; a failure is a loud test error with the command's output. */
final class Shell {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Shell() {
    }

    static Result run(List<String> command) {
        return Command.run(command, "", TIMEOUT);
    }

    static String must(String... command) {
        Result r = run(List.of(command));
        if (r.status() != 0) {
            throw new AssertionError("`" + String.join(" ", command) + "` failed (" + r.status() + "): " + r.output());
        }
        return r.output();
    }

    static Result quiet(String... command) {
        return run(List.of(command));
    }
}
