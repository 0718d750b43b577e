package io.lvsj.keepalived.script;

import io.lvsj.keepalived.config.host.Host;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** keepalived's set_script_env and PR_SET_PDEATHSIG, as setpriv options. */
class ScriptArgvTest {
    private static final List<String> SCRIPT = List.of("/etc/keepalived/notify.sh", "MASTER");

    @Test
    void asRootTheScriptKeepsOnlyRootsGroupAndDiesWithUs() {
        assertEquals(List.of("setpriv", "--groups=0", "--pdeathsig=TERM", "--", "/etc/keepalived/notify.sh", "MASTER"),
                new ScriptArgv(new Setpriv(true, true), 0).of(SCRIPT, null, null));
    }

    @Test
    void asAnotherUserItTakesThatUsersIdsAndGroupOnly() {
        assertEquals(List.of("setpriv", "--regid=65534", "--groups=65534", "--reuid=65534", "--pdeathsig=TERM", "--",
                        "/etc/keepalived/notify.sh", "MASTER"),
                new ScriptArgv(new Setpriv(true, true), 0).of(SCRIPT, "nobody", new Host.Account(65534, 65534)));
    }

    @Test
    void anOldSetprivSwitchesUserWithoutTheDeathSignal() {
        assertEquals(List.of("setpriv", "--regid=100", "--groups=100", "--reuid=1000", "--", "/etc/keepalived/notify.sh",
                "MASTER"), new ScriptArgv(new Setpriv(true, false), 0).of(SCRIPT, "ops", new Host.Account(1000, 100)));
    }

    @Test
    void withoutSetprivRunuserSwitchesUser() {
        assertEquals(List.of("runuser", "-u", "ops", "--", "/etc/keepalived/notify.sh", "MASTER"),
                new ScriptArgv(new Setpriv(false, false), 0).of(SCRIPT, "ops", new Host.Account(1000, 100)));
        assertEquals(SCRIPT, new ScriptArgv(new Setpriv(false, false), 0).of(SCRIPT, null, null));
    }

    @Test
    void notRootItCannotChangeIdsButStillAsksForTheSignal() {
        assertEquals(List.of("setpriv", "--pdeathsig=TERM", "--", "/etc/keepalived/notify.sh", "MASTER"),
                new ScriptArgv(new Setpriv(true, true), 1000).of(SCRIPT, null, null));
    }
}
