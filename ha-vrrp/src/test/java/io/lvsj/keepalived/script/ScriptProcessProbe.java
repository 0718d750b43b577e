package io.lvsj.keepalived.script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * For {@link ScriptProcessTest}: starts a script that sleeps, from a virtual thread whose
 * carrier may come and go, writes the script's pid and waits to be killed.
 */
public final class ScriptProcessProbe {
    private ScriptProcessProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path pidFile = Path.of(args[0]);
        Thread starter = Thread.ofVirtual().start(() -> {
            try {
                Process p = ScriptProcess.start(List.of("/bin/sleep", "120"), Optional.empty(), null);
                Files.writeString(pidFile, Long.toString(p.pid()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        starter.join();
        Thread.sleep(120_000);
    }
}
