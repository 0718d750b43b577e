package io.lvsj.keepalived.daemon;

import io.lvsj.lab.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: a full or read-only {@code /run}. The real daemon (from the test class path) in a
 * mount namespace of its own, whose run directory is a tmpfs that is full or read-only:
 * keepalived-j refuses to start with keepalived's message and a failure status (it cannot
 * record itself, so a second one could start), leaves no empty pid file behind, and starts
 * once there is room again.
 */
class RunDirectoryFaultTest {
    @TempDir
    Path dir;

    @Test
    void aFullRunDirectoryStopsTheStartCleanlyAndRoomLetsItStart() throws Exception {
        String out = inMountNamespace("""
                mount -t tmpfs -o size=8k tmpfs "$RUN"
                dd if=/dev/zero of="$RUN/fill" bs=1k count=64 2>/dev/null
                "$@" -f "$CONF" -p "$RUN/keepalived.pid" -r "$RUN/vrrp.pid" -c "$RUN/checkers.pid"
                echo "status=$?"
                echo "left: $(ls -A "$RUN" | tr '\\n' ' ')"
                rm "$RUN/fill"
                "$@" -f "$CONF" -p "$RUN/keepalived.pid" -r "$RUN/vrrp.pid" -c "$RUN/checkers.pid" &
                for i in $(seq 1 300); do [ -s "$RUN/keepalived.pid" ] && break; sleep 0.1; done
                echo "pid file: $(cat "$RUN/keepalived.pid")"
                kill -TERM $!; wait $!
                echo "second status=$?"
                """);
        assertTrue(out.contains("pidfile_write : Cannot open " + dir.resolve("run/keepalived.pid") + " pidfile"), out);
        assertTrue(out.contains("status=1\n"), out);
        assertTrue(out.contains("left: fill \n"), "no empty pid file left behind:\n" + out);
        assertTrue(out.matches("(?s).*pid file: \\d+\n.*"), "it starts once there is room:\n" + out);
        assertTrue(out.contains("second status=0\n"), out);
    }

    @Test
    void aReadOnlyRunDirectoryStopsTheStartWithKeepalivedsMessage() throws Exception {
        String out = inMountNamespace("""
                mount -t tmpfs -o ro tmpfs "$RUN"
                "$@" -f "$CONF" -p "$RUN/keepalived.pid" -r "$RUN/vrrp.pid" -c "$RUN/checkers.pid"
                echo "status=$?"
                """);
        assertTrue(out.contains("pidfile_write : Cannot open " + dir.resolve("run/keepalived.pid") + " pidfile"), out);
        assertTrue(out.contains("status=1\n"), out);
    }

    /** Runs {@code script} in a new mount namespace with $RUN, $CONF and "$@" (keepalived-j -n -l). */
    private String inMountNamespace(String script) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, "global_defs {\n    router_id fault\n}\n");
        List<String> argv = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "RUN=$1; CONF=$2; shift 2\n" + script, "sh", run.toString(), conf.toString()));
        argv.addAll(KeepalivedJ.javaCommand());
        argv.addAll(List.of("-n", "-l"));
        return Command.run(argv, "", Duration.ofSeconds(180)).requireSuccess().output();
    }
}
