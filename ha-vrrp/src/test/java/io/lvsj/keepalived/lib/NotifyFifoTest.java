package io.lvsj.keepalived.lib;

import io.lvsj.keepalived.script.RunAs;
import io.lvsj.log.LogOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A notify FIFO and its reader, as keepalived's fifo_open/fifo_close: real FIFOs, real processes. */
class NotifyFifoTest {
    private final Path dir = temp();
    private final Path fifo = dir.resolve("notify.fifo");
    private final Path out = dir.resolve("reader.out");
    private final List<String> log = new CopyOnWriteArrayList<>();

    private static Path temp() {
        try {
            return Files.createTempDirectory("notify-fifo");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.delete(dir);
    }

    /** A reader that notes its start and arguments, then copies what it reads to reader.out. */
    private NotifyFifoConfig withReader(String... extraWords) {
        List<String> reader = new java.util.ArrayList<>(List.of("/bin/sh", "-c",
                "echo \"start $# ${1##*/}\" >> " + out + "; exec cat \"$" + (extraWords.length + 1) + "\" >> " + out,
                "reader"));
        reader.addAll(List.of(extraWords));
        return new NotifyFifoConfig(fifo, "vrrp_", RunAs.DEFAULT, reader, RunAs.DEFAULT);
    }

    private NotifyFifo open(NotifyFifoConfig config) {
        return NotifyFifo.open(config, "vrrp", null, LogOutput.lines(log::add, false));
    }

    @Test
    void theReaderGetsTheFifoAsItsLastArgumentAndEveryLine() throws Exception {
        try (NotifyFifo f = open(withReader("one", "two"))) {
            assertNotNull(f);
            assertTrue(f.write("INSTANCE \"VI_1\" MASTER 100\n"));
            await("the line to reach the reader", () -> read().contains("MASTER"));
            assertEquals("start 3 one\nINSTANCE \"VI_1\" MASTER 100\n", read(), "argv: the words, then the FIFO");
            assertEquals("prw-------", "p" + PosixFilePermissions.toString(Files.getPosixFilePermissions(fifo)),
                    "keepalived's 0644 under its umask 0177");
        }
        assertFalse(Files.exists(fifo), "a FIFO we made is removed");
    }

    @Test
    void linesWrittenBeforeTheReaderOpensItWaitInThePipe() throws Exception {
        NotifyFifoConfig slow = new NotifyFifoConfig(fifo, "", RunAs.DEFAULT,
                List.of("/bin/sh", "-c", "sleep 0.5; exec cat \"$1\" >> " + out, "reader"), RunAs.DEFAULT);
        try (NotifyFifo f = open(slow)) {
            assertTrue(f.write("INSTANCE \"VI_1\" BACKUP 100\n"));
            await("the early line", () -> read().contains("BACKUP"));
        }
    }

    @Test
    void closeStopsTheReaderAndALingeringOneIsKilled() throws Exception {
        NotifyFifoConfig stubborn = new NotifyFifoConfig(fifo, "", RunAs.DEFAULT,
                List.of("/bin/sh", "-c", "trap '' TERM; echo up > " + out + "; while :; do sleep 0.05; done", "reader"),
                RunAs.DEFAULT);
        NotifyFifo f = open(stubborn);
        await("the reader to ignore SIGTERM", () -> read().contains("up"));
        ProcessHandle reader = f.reader().orElseThrow();
        long start = System.nanoTime();
        f.close();
        assertFalse(reader.isAlive(), "SIGKILL a second after SIGTERM");
        assertTrue(System.nanoTime() - start >= 900_000_000L, "SIGTERM first, then a second's grace");
        assertTrue(log.stream().noneMatch(l -> l.contains("terminated")), "a reader we stop is not reported: " + log);
    }

    @Test
    void aReaderThatExitsIsReportedAndNotRestarted() throws Exception {
        NotifyFifoConfig brief = new NotifyFifoConfig(fifo, "", RunAs.DEFAULT, List.of("/bin/true"), RunAs.DEFAULT);
        try (NotifyFifo f = open(brief)) {
            await("the exit to be logged", () -> log.contains("vrrp notify fifo script terminated"));
            assertTrue(f.write("INSTANCE \"VI_1\" FAULT 0\n"), "the pipe still takes lines");
            assertTrue(f.reader().isEmpty() || !f.reader().get().isAlive());
        }
    }

    @Test
    void aReloadKeepsTheFifoAndStartsTheReaderAgain() throws Exception {
        NotifyFifos fifos = new NotifyFifos("vrrp", null, LogOutput.lines(log::add, false));
        try (fifos) {
            NotifyFifo first = fifos.configure(List.of(withReader())).getFirst();
            ProcessHandle before = first.reader().orElseThrow();
            Object inode = Files.getAttribute(fifo, "unix:ino");
            fifos.write("A\n");
            await("A", () -> read().contains("A\n"));
            NotifyFifo again = fifos.configure(List.of(withReader("reloaded"))).getFirst();
            ProcessHandle after = again.reader().orElseThrow();
            assertNotEquals(before.pid(), after.pid(), "a new reader");
            await("the old reader to go", () -> !before.isAlive());
            assertEquals(inode, Files.getAttribute(fifo, "unix:ino"), "the same FIFO");
            fifos.write("B\n");
            await("B", () -> read().contains("B\n"));
            assertTrue(read().contains("start 2 reloaded"), read());
            fifos.configure(List.of());
            assertFalse(Files.exists(fifo), "a FIFO no longer configured is removed");
            assertFalse(after.isAlive(), "its reader stopped");
        }
        assertTrue(log.stream().noneMatch(l -> l.contains("terminated")), log.toString());
    }

    @Test
    void anExistingFifoIsUsedAndLeft() throws Exception {
        io.lvsj.sys.LibC.mkfifo(fifo.toString(), 0666);
        try (NotifyFifo f = open(NotifyFifoConfig.of(fifo))) {
            assertTrue(f.reader().isEmpty());
        }
        assertTrue(Files.exists(fifo), "not ours to remove");
    }

    @Test
    void aPathThatCannotBeMadeIsLoggedAsKeepalivedDoes() {
        NotifyFifoConfig nowhere = new NotifyFifoConfig(dir.resolve("no/such/dir/f"), "lvs_", RunAs.DEFAULT,
                List.of("/bin/true"), RunAs.DEFAULT);
        assertNull(NotifyFifo.open(nowhere, "lvs", null, LogOutput.lines(log::add, false)));
        assertEquals(List.of("Unable to create lvs_notify fifo " + nowhere.path()), log);
    }

    @Test
    void aSymlinkIsRefused() throws Exception {
        Path target = dir.resolve("target.fifo");
        io.lvsj.sys.LibC.mkfifo(target.toString(), 0600);
        Files.createSymbolicLink(fifo, target);
        assertNull(open(NotifyFifoConfig.of(fifo)));
        assertEquals(List.of("Unable to open notify fifo " + fifo + " - errno 40"), log);
        assertTrue(Files.exists(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS), "not ours to remove");
    }

    @Test
    void theOwnerIsGivenAFifoWeMake() throws Exception {
        try (NotifyFifo f = open(new NotifyFifoConfig(fifo, "", new RunAs("nobody", "daemon"), List.of(),
                RunAs.DEFAULT))) {
            assertEquals(65534, Files.getAttribute(fifo, "unix:uid"));
            assertEquals(1, Files.getAttribute(fifo, "unix:gid"));
        }
    }

    private String read() {
        try {
            return Files.exists(out) ? Files.readString(out) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
