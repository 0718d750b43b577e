package io.lvsj.keepalived.script;

import io.lvsj.keepalived.config.host.Host;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs a script the way keepalived's child does between fork and exec
 * ({@code set_script_env}, then {@code prctl(PR_SET_PDEATHSIG, SIGTERM)}): the script's gid,
 * that gid as its only supplementary group, its uid, and SIGTERM when keepalived-j dies. A JVM
 * cannot run code in the child, so util-linux {@code setpriv} does it. Pure.
 *
 * @param setpriv   what this machine's setpriv can do
 * @param ourUid    the uid keepalived-j runs as (root, unless testing)
 */
record ScriptArgv(Setpriv setpriv, int ourUid) {

    /** {@code command} as {@code user} with {@code account} its ids (both null: as keepalived-j itself, root's group only). */
    List<String> of(List<String> command, String user, Host.Account account) {
        List<String> argv = new ArrayList<>();
        if (!setpriv.present()) {
            // No setpriv (not util-linux): runuser still switches user, with the user's own groups.
            if (account != null && account.uid() != ourUid) {
                argv.addAll(List.of("runuser", "-u", user, "--"));
            }
            argv.addAll(command);
            return argv;
        }
        argv.add("setpriv");
        if (ourUid == 0) {
            int gid = account == null ? 0 : account.gid();
            if (account != null) {
                argv.add("--regid=" + gid);
            }
            argv.add("--groups=" + gid);
            if (account != null) {
                argv.add("--reuid=" + account.uid());
            }
        }
        if (setpriv.pdeathsig()) {
            argv.add("--pdeathsig=TERM");
        }
        argv.add("--");
        argv.addAll(command);
        return argv;
    }
}
