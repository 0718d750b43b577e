package io.lvsj.keepalived.script;

import io.lvsj.keepalived.config.GlobalDefs;
import io.lvsj.keepalived.config.Script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whom a script runs as when keepalived's checker or FIFO code starts it
 * ({@code get_default_script_user}): its own {@code USER [GROUP]}, else {@code script_user} and
 * its group, else the user {@code keepalived_script} when it exists, else keepalived-j itself.
 */
public final class ScriptUsers {
    private static final String DEFAULT_USER = "keepalived_script";

    private ScriptUsers() {
    }

    /** The account {@code script} runs as under {@code scripts}' defaults. */
    public static RunAs of(Script script, GlobalDefs.Scripts scripts) {
        if (script.user().isPresent()) {
            return new RunAs(script.user().get(), script.group().orElse(null));
        }
        return byDefault(scripts);
    }

    /** The account a script (or a FIFO) with none of its own gets. */
    public static RunAs byDefault(GlobalDefs.Scripts scripts) {
        if (scripts.scriptUser().isPresent()) {
            return new RunAs(scripts.scriptUser().get(), scripts.scriptGroup().orElse(null));
        }
        return exists(DEFAULT_USER) ? new RunAs(DEFAULT_USER, null) : RunAs.DEFAULT;
    }

    /** Whether {@code user} exists on this host, from {@code /etc/passwd} (the JDK has no getpwnam). */
    public static boolean exists(String user) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(user + ":"));
        } catch (IOException e) {
            return false;
        }
    }
}
