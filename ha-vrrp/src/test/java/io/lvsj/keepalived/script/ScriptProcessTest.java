package io.lvsj.keepalived.script;

import io.lvsj.lab.BackgroundProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real scripts, as root: the ids and groups keepalived gives a script, and the script's end
 * when keepalived-j is killed (issue 12: PR_SET_PDEATHSIG was "not yet").
 */
class ScriptProcessTest {
    @TempDir
    Path dir;

    @Test
    void aScriptRunsWithItsUsersIdsAndThatGroupAlone() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path out = dir.resolve("ids");
        Process p = ScriptProcess.start(List.of("/bin/sh", "-c", "echo $(id -u) $(id -g) $(id -G) > " + out),
                Optional.of("nobody"), null);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals("65534 65534 65534", Files.readString(out).strip());
    }

    @Test
    void asRootTheScriptHasRootsGroupOnly() throws Exception {
        Path out = dir.resolve("ids");
        Process p = ScriptProcess.start(List.of("/bin/sh", "-c", "echo $(id -u) $(id -G) > " + out), Optional.empty(), null);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals("0 0", Files.readString(out).strip());
    }

    /**
     * A JVM starts a long script through ScriptProcess and is killed with SIGKILL: the script
     * gets SIGTERM from the kernel (PR_SET_PDEATHSIG), as a keepalived script does.
     */
    @Test
    void aScriptEndsWhenKeepalivedJIsKilled() throws Exception {
        Path pidFile = dir.resolve("script.pid");
        String classPath = String.join(":", location(ScriptProcess.class), location(io.lvsj.sys.LibC.class),
                location(org.slf4j.LoggerFactory.class), location(ScriptProcessProbe.class));
        BackgroundProcess jvm = BackgroundProcess.start(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath, ScriptProcessProbe.class.getName(),
                pidFile.toString()), dir.resolve("probe.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long scriptPid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle script = ProcessHandle.of(scriptPid).orElseThrow();
        assertTrue(script.isAlive());
        jvm.kill();
        assertFalse(jvm.alive());
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (script.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        boolean alive = script.isAlive();
        script.destroyForcibly();
        assertFalse(alive, "the script outlived the JVM that started it");
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
