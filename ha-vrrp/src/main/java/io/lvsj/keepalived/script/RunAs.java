package io.lvsj.keepalived.script;

import java.util.Optional;

/**
 * Whom a script runs as: keepalived's {@code USER [GROUP]} after a script (a notify script's
 * line, a {@code vrrp_script}'s {@code user}, a MISC_CHECK's {@code user}) or on
 * {@code script_user}. The script's gid, and its only group, is the named group, else the
 * user's primary group; with no user, the default account's (see {@link #or}).
 *
 * @param user  the account, or null for the default
 * @param group the group, or null for the user's primary group
 */
public record RunAs(String user, String group) {
    /** As keepalived-j itself, or as the default account. */
    public static final RunAs DEFAULT = new RunAs(null, null);

    /** A script with no account of its own runs as {@code fallback}: user and group go together. */
    public RunAs or(RunAs fallback) {
        return user != null ? this : fallback == null ? DEFAULT : fallback;
    }

    public Optional<String> userName() {
        return Optional.ofNullable(user);
    }

    public Optional<String> groupName() {
        return Optional.ofNullable(group);
    }
}
