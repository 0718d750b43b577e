package io.lvsj.keepalived.script;

import io.lvsj.keepalived.config.GlobalDefs;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.host.SystemHost;


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
        return script.user().isPresent() ? of(script, RunAs.DEFAULT) : byDefault(scripts);
    }

    /** The account {@code script} runs as, {@code fallback} (from {@link #byDefault}) when it names none. */
    public static RunAs of(Script script, RunAs fallback) {
        if (script.user().isPresent()) {
            return new RunAs(script.user().get(), script.group().orElse(null));
        }
        return fallback;
    }

    /** The account a script (or a FIFO) with none of its own gets. */
    public static RunAs byDefault(GlobalDefs.Scripts scripts) {
        return byDefault(new RunAs(scripts.scriptUser().orElse(null), scripts.scriptGroup().orElse(null)));
    }

    /** {@code scriptUser} ({@code script_user USER [GROUP]}) when it names a user, else the default. */
    public static RunAs byDefault(RunAs scriptUser) {
        if (scriptUser.user() != null) {
            return scriptUser;
        }
        return new SystemHost(null).user(DEFAULT_USER).isPresent() ? new RunAs(DEFAULT_USER, null) : RunAs.DEFAULT;
    }
}
