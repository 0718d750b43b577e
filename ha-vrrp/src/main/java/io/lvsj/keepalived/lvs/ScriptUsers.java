package io.lvsj.keepalived.lvs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a user exists on this host, from {@code /etc/passwd} (the JDK has no getpwnam). */
final class ScriptUsers {
    private ScriptUsers() {
    }

    static boolean exists(String user) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(user + ":"));
        } catch (IOException e) {
            return false;
        }
    }
}
