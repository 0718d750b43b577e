package io.lvsj.keepalived.daemon;

import io.lvsj.sys.LibC;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's logs as a syslog daemon receives them: a datagram socket stands in for
 * {@code /dev/log} and gets keepalived's BSD-format lines, each part with its own ident.
 */
class LogsTest {
    static final String PID = Long.toString(ProcessHandle.current().pid());

    @Test
    void eachPartLogsToSyslogUnderKeepalivedsIdentWithTheFacilityAsked() throws Exception {
        try (Listener syslog = new Listener()) {
            // -S 3 is local3 (19): <19 * 8 + info 6>
            Logs logs = new Logs(null, true, 19, false, Optional.of("blue"), Optional.empty(), syslog.path);
            logs.parent().info("Starting");
            logs.of(Subsystem.Kind.VRRP).info("(VI_1) Entering MASTER STATE");
            logs.of(Subsystem.Kind.CHECKERS).info("Adding service");
            logs.flush();
            // each part has a writer thread of its own, so the three may arrive in any order
            List<String> lines = syslog.receive(3);
            assertEquals(3, lines.size(), lines.toString());
            String stamp = "<158>[A-Z][a-z]{2} [ 123]\\d \\d\\d:\\d\\d:\\d\\d ";
            assertTrue(lines.stream().anyMatch(l -> l.matches(stamp + "Keepalived_blue\\[" + PID + "]: Starting")),
                    lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.matches(stamp + "Keepalived_vrrp_blue\\[" + PID
                    + "]: \\(VI_1\\) Entering MASTER STATE")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.matches(stamp + "Keepalived_healthcheckers_blue\\[" + PID
                    + "]: Adding service")), lines.toString());
        }
    }

    /**
     * {@code -g k.log} (keepalived built with --enable-log-file): the parent's lines in
     * k_NAMESPACE.log, each child's in k_vrrp_NAMESPACE.log, k_check_..., in the tmp directory.
     */
    @Test
    void aLogFileForTheParentAndOneForEachChildNamedAsKeepalivedNamesThem(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        try (Listener syslog = new Listener()) {
            Logs logs = new Logs(null, false, 3, false, Optional.of("blue"), Optional.empty(), syslog.path,
                    Optional.of("k.log"), dir);
            logs.parent().info("Starting");
            logs.of(Subsystem.Kind.VRRP).info("(VI_1) Entering MASTER STATE");
            logs.of(Subsystem.Kind.CHECKERS).info("Adding service");
            logs.flush();
            String stamp = "[A-Z][a-z]{2} [A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9} \\d{4}: ";
            assertTrue(java.nio.file.Files.readString(dir.resolve("k_blue.log")).matches(stamp + "Starting\n"));
            assertTrue(java.nio.file.Files.readString(dir.resolve("k_vrrp_blue.log"))
                    .matches(stamp + "\\(VI_1\\) Entering MASTER STATE\n"));
            assertTrue(java.nio.file.Files.readString(dir.resolve("k_check_blue.log")).matches(stamp + "Adding service\n"));
        }
        assertEquals(Path.of("/var/log/keepalived_vrrp_ns_i.log"), DaemonOptions.logFileName("/var/log/keepalived.log",
                dir, Optional.of("vrrp"), Optional.of("ns"), Optional.of("i")));
        assertEquals(dir.resolve("ka"), DaemonOptions.logFileName("ka", dir, Optional.empty(), Optional.empty(),
                Optional.empty()));
        assertEquals(Path.of("/v.d/ka_bfd"), DaemonOptions.logFileName("/v.d/ka", dir, Optional.of("bfd"),
                Optional.empty(), Optional.empty()));
    }

    @Test
    void theConsoleGetsEveryPartWithoutIdentAndNoSyslogWithG() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Listener syslog = new Listener(); PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            Logs logs = new Logs(console, false, 3, false, Optional.empty(), Optional.empty(), syslog.path);
            logs.parent().info("Starting");
            logs.of(Subsystem.Kind.VRRP).info("(VI_1) Entering BACKUP STATE");
            logs.flush();
            String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(text.matches("(?s)[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}: Starting\n"
                    + ".*: \\(VI_1\\) Entering BACKUP STATE\n"), text);
            assertEquals(List.of(), syslog.receive(0), "-G: nothing to syslog");
        }
    }

    /** An AF_UNIX datagram socket bound in a temporary directory, as syslogd binds /dev/log. */
    static final class Listener implements AutoCloseable {
        final Path directory = Files.createTempDirectory("dm-syslog");
        final Path path = directory.resolve("log");
        final int fd = LibC.socket(1, 2 | LibC.SOCK_CLOEXEC, 0); // AF_UNIX, SOCK_DGRAM

        Listener() throws Exception {
            try (Arena arena = Arena.ofConfined()) {
                byte[] name = path.toString().getBytes(StandardCharsets.US_ASCII);
                MemorySegment address = arena.allocate(2 + name.length + 1);
                address.set(JAVA_SHORT, 0, (short) 1);
                MemorySegment.copy(name, 0, address, JAVA_BYTE, 2, name.length);
                LibC.bind(fd, address);
            }
            LibC.setsockoptTimeval(fd, LibC.SO_RCVTIMEO, 2000);
        }

        /** {@code count} datagrams (each within 2 s), then checks for 300 ms that no more come. */
        List<String> receive(int count) {
            List<String> lines = new ArrayList<>();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buffer = arena.allocate(4096);
                for (int i = 0; i < count; i++) {
                    long n = LibC.recvfrom(fd, buffer, 0);
                    lines.add(new String(buffer.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8));
                }
                LibC.setsockoptTimeval(fd, LibC.SO_RCVTIMEO, 300);
                try {
                    long n = LibC.recvfrom(fd, buffer, 0);
                    lines.add(new String(buffer.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8));
                } catch (RuntimeException timedOut) {
                    // nothing more: as it should be
                }
            }
            return lines;
        }

        @Override
        public void close() throws Exception {
            LibC.close(fd);
            Files.deleteIfExists(path);
            Files.deleteIfExists(directory);
        }
    }
}
