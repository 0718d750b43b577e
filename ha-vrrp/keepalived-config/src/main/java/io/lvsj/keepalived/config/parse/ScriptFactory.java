package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.host.Host;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Commands and the users they run as ({@code notify_script_init}, {@code set_script_uid_gid},
 * {@code get_default_script_user} in keepalived's {@code notify.c}). A command line is split
 * again with quotes and escapes honoured: the first word is the command (quoted when it has
 * arguments), any further words name the user and group.
 */
final class ScriptFactory {
    private static final String DEFAULT_USER = "keepalived_script";

    private final ParseContext ctx;
    private Host.Account defaultAccount;
    private boolean defaultResolved;
    private boolean defaultFailed;

    ScriptFactory(ParseContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The script on a notify-style line ({@code notify_master "/bin/x arg" [user [group]]});
     * null when keepalived would drop it (it only logs why).
     */
    Script notifyScript(Statement st, String type) {
        List<String> words = Words.splitQuotedEscaped(st.line(), st.location(), ctx.diagnostics);
        if (words == null) {
            ctx.note(st, "Unable to parse notify script");
            return null;
        }
        List<String> command = words.size() >= 2 ? Words.splitQuotedEscaped(words.get(1), st.location(), ctx.diagnostics) : null;
        if (command == null) {
            ctx.note(st, "Unable to parse script '" + (words.size() >= 2 ? words.get(1) : "") + "' - ignoring");
            return null;
        }
        if (words.size() > 2) {
            String user = words.get(2);
            String group = words.size() > 3 ? words.get(3) : null;
            if (!userExists(st, user, group)) {
                ctx.note(st, "Invalid user/group for " + type + " script " + command.getFirst() + " - ignoring");
                return null;
            }
            return new Script(st.location(), command, Optional.of(user), Optional.ofNullable(group));
        }
        if (!defaultUserUsable(st)) {
            ctx.note(st, "Failed to set default user for " + type + " script " + command.getFirst() + " - ignoring");
            return null;
        }
        return new Script(st.location(), command, Optional.empty(), Optional.empty());
    }

    /** A script from {@code script}/{@code misc_path}: only the command, the user comes separately. */
    List<String> command(Statement st) {
        List<String> words = Words.splitQuotedEscaped(st.line(), st.location(), ctx.diagnostics);
        if (words == null || words.size() < 2) {
            return null;
        }
        return Words.splitQuotedEscaped(words.get(1), st.location(), ctx.diagnostics);
    }

    /** {@code set_uid_gid}: true when the user (and group, if given) exist; logs why not. */
    boolean userExists(Statement st, String user, String group) {
        if (ctx.host.user(user).isEmpty()) {
            ctx.note(st, "Script user '" + user + "' does not exist");
            return false;
        }
        if (group != null && ctx.host.group(group).isEmpty()) {
            ctx.note(st, "Script group '" + group + "' does not exist");
            return false;
        }
        return true;
    }

    /** {@code script_user}: false when the user or group does not exist. */
    boolean setDefaultUser(Statement st, String user, String group) {
        defaultResolved = true;
        if (!userExists(st, user, group)) {
            defaultFailed = true;
            return false;
        }
        defaultAccount = account(user, group);
        return true;
    }

    /**
     * {@code get_default_script_user}: {@code keepalived_script} if it exists, else our own
     * user; with script security an absent {@code keepalived_script} is an error.
     */
    boolean defaultUserUsable(Statement st) {
        if (defaultFailed) {
            return false;
        }
        if (!defaultResolved) {
            defaultResolved = true;
            if (ctx.host.user(DEFAULT_USER).isPresent()) {
                defaultAccount = account(DEFAULT_USER, null);
            } else {
                ctx.note(st, "Script user '" + DEFAULT_USER + "' does not exist");
                if (ctx.global.scriptSecurity) {
                    ctx.error(st, "Unable to set default user " + DEFAULT_USER + " for script");
                    defaultFailed = true;
                    return false;
                }
                defaultAccount = ctx.host.self();
            }
        }
        return true;
    }

    /** The uid and gid a script runs as. */
    Host.Account accountOf(Script script) {
        if (script.user().isPresent()) {
            return account(script.user().get(), script.group().orElse(null));
        }
        return defaultAccount != null ? defaultAccount : ctx.host.self();
    }

    private Host.Account account(String user, String group) {
        Host.Account a = ctx.host.user(user).orElse(ctx.host.self());
        if (group != null) {
            OptionalInt gid = ctx.host.group(group);
            if (gid.isPresent()) {
                return new Host.Account(a.uid(), gid.getAsInt());
            }
        }
        return a;
    }

    /**
     * A command as keepalived prints it in messages ({@code cmd_str}): each word in single
     * quotes, except a first word that is a redirection ({@code <file}, a file check).
     */
    static String text(List<String> command) {
        if (command == null) {
            return "(null)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < command.size(); i++) {
            String word = command.get(i);
            boolean quoted = i > 0 || !(word.startsWith("<") || word.startsWith(">"));
            if (i > 0) {
                out.append(' ');
            }
            out.append(quoted ? "'" + word + "'" : word);
        }
        return out.toString();
    }
}
