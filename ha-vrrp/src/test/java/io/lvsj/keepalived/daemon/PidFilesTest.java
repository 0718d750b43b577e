package io.lvsj.keepalived.daemon;

import io.lvsj.log.LogOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PidFilesTest {
    @TempDir
    Path dir;
    final List<String> log = new ArrayList<>();

    PidFiles files() {
        return new PidFiles(dir.resolve("keepalived.pid"), dir.resolve("vrrp.pid"), dir.resolve("checkers.pid"),
                LogOutput.lines(log::add, true));
    }

    @Test
    void keepalivedsDefaultNames() {
        assertEquals(Path.of("/run/keepalived.pid"), PidFiles.defaultPath("keepalived", false, Optional.empty()));
        assertEquals(Path.of("/run/keepalived_vrrp.pid"), PidFiles.defaultPath("keepalived_vrrp", false, Optional.empty()));
        assertEquals(Path.of("/run/keepalived_checkers.pid"),
                PidFiles.defaultPath("keepalived_checkers", false, Optional.empty()));
        assertEquals(Path.of("/run/keepalived/keepalived.pid"), PidFiles.defaultPath("keepalived", true, Optional.empty()));
        assertEquals(Path.of("/run/keepalived/keepalived_vrrp_lb1.pid"),
                PidFiles.defaultPath("keepalived_vrrp", true, Optional.of("lb1")));
    }

    @Test
    void aFileNamingALiveProcessMeansAlreadyRunning() throws Exception {
        Files.writeString(dir.resolve("keepalived.pid"), "77\n");
        assertTrue(files().anyRunning(Mode.of(false, false, false), pid -> pid == 77));
        assertTrue(Files.exists(dir.resolve("keepalived.pid")), "a live daemon's file stays");
    }

    @Test
    void aSubsystemFileCountsOnlyForAnAllowedSubsystem() throws Exception {
        Files.writeString(dir.resolve("checkers.pid"), "77\n");
        assertFalse(files().anyRunning(Mode.of(true, false, false), pid -> true), "-P ignores the checkers' file");
        assertTrue(files().anyRunning(Mode.of(false, true, false), pid -> true));
    }

    @Test
    void aLeftoverFileIsRemoved() throws Exception {
        Files.writeString(dir.resolve("keepalived.pid"), "77\n");
        assertFalse(files().anyRunning(Mode.of(false, false, false), pid -> false));
        assertFalse(Files.exists(dir.resolve("keepalived.pid")));
        assertTrue(log.contains("Remove a zombie pid file " + dir.resolve("keepalived.pid")), log.toString());
    }

    @Test
    void anUnreadableFileIsRemovedButCountsAsRunningAsInKeepalived() throws Exception {
        Files.writeString(dir.resolve("keepalived.pid"), "garbage\n");
        assertTrue(files().anyRunning(Mode.of(false, false, false), pid -> false));
        assertFalse(Files.exists(dir.resolve("keepalived.pid")));
    }

    @Test
    void everyFileHoldsTheOneProcessAndGoesAtTheEnd() throws Exception {
        PidFiles f = files();
        assertTrue(f.writeMain(12));
        f.writeFor(Subsystem.Kind.VRRP, 12);
        f.writeFor(Subsystem.Kind.CHECKERS, 12);
        assertEquals("12\n", Files.readString(dir.resolve("keepalived.pid")));
        assertEquals("12\n", Files.readString(dir.resolve("vrrp.pid")));
        f.removeFor(Subsystem.Kind.VRRP);
        assertFalse(Files.exists(dir.resolve("vrrp.pid")));
        f.removeAll();
        assertFalse(Files.exists(dir.resolve("keepalived.pid")));
        assertFalse(Files.exists(dir.resolve("checkers.pid")));
    }

    @Test
    void aPidFileThatCannotBeWrittenSaysSo() {
        PidFiles f = new PidFiles(dir.resolve("no/such/dir/k.pid"), dir.resolve("v"), dir.resolve("c"),
                LogOutput.lines(log::add, true));
        assertFalse(f.writeMain(1));
        assertEquals(List.of("pidfile_write : Cannot open " + dir.resolve("no/such/dir/k.pid") + " pidfile"), log);
    }
}
