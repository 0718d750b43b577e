package io.lvsj.log;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogOutputTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    /** Sat Nov 21 10:26:39 2026 in the JVM's zone, whatever that is. */
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:26:39Z").atZone(ZoneId.systemDefault())
            .withZoneSameLocal(ZoneId.of("UTC")).toInstant(), ZoneId.systemDefault());

    private String console(LogOutput out) {
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theConsoleLineIsKeepalivedsTimestampThenTheMessage() {
        LogOutput out = LogOutput.open(new LogOutput.Settings(console, Optional.empty(), 3, false, "Keepalived", clock));
        out.logger("Keepalived_vrrp").info("(VI_1) Entering {} STATE", "MASTER");
        assertEquals("Sat Nov 21 10:26:39 2026: (VI_1) Entering MASTER STATE\n", console(out));
    }

    /** keepalived's -g: each ident's lines in its own file, with nanoseconds in the timestamp. */
    @Test
    void logFilesTakeEachIdentsLinesWithKeepalivedsFileTimestamp(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        Clock december = Clock.fixed(Instant.parse("2026-12-07T09:30:44.250Z").atZone(ZoneId.systemDefault())
                .withZoneSameLocal(ZoneId.of("UTC")).toInstant(), ZoneId.systemDefault());
        LogOutput out = LogOutput.open(new LogOutput.Settings(null, Optional.empty(), 3, false, "Keepalived", december,
                ident -> ident.equals("Keepalived_bfd") ? Optional.empty()
                        : Optional.of(dir.resolve(ident.equals("Keepalived") ? "k.log" : "k_vrrp.log"))));
        out.logger("Keepalived").info("Starting");
        out.logger("Keepalived_vrrp").info("(VI_1) Entering MASTER STATE");
        out.logger("Keepalived_bfd").info("nowhere");
        out.logger("io.lvsj.rtnl.RtnlClient").info("a library's line");
        out.flush();
        assertEquals("Mon Dec 07 09:30:44.250000000 2026: Starting\nMon Dec 07 09:30:44.250000000 2026: a library's line\n",
                java.nio.file.Files.readString(dir.resolve("k.log")));
        assertEquals("Mon Dec 07 09:30:44.250000000 2026: (VI_1) Entering MASTER STATE\n",
                java.nio.file.Files.readString(dir.resolve("k_vrrp.log")));
    }

    /** strftime's %c: a one-digit day is padded with a space, as keepalived's console shows it. */
    @Test
    void aOneDigitDayIsPaddedWithASpace() {
        Clock december = Clock.fixed(Instant.parse("2026-12-07T09:30:44Z").atZone(ZoneId.systemDefault())
                .withZoneSameLocal(ZoneId.of("UTC")).toInstant(), ZoneId.systemDefault());
        LogOutput out = LogOutput.open(new LogOutput.Settings(console, Optional.empty(), 3, false, "K", december));
        out.logger("K").info("x");
        assertEquals("Mon Dec  7 09:30:44 2026: x\n", console(out));
    }

    @Test
    void debugLinesAreKeepalivedsDetailLinesWrittenOnlyWithDetail() {
        LogOutput quiet = LogOutput.open(new LogOutput.Settings(console, Optional.empty(), 3, false, "K", clock));
        quiet.logger("K").debug("hidden");
        quiet.logger("K").warn("shown");
        assertEquals("Sat Nov 21 10:26:39 2026: shown\n", console(quiet));
        List<String> lines = new ArrayList<>();
        Logger detailed = LogOutput.lines(lines::add, true);
        detailed.debug("detail");
        detailed.trace("never");
        assertEquals(List.of("detail"), lines);
        assertTrue(detailed.isDebugEnabled());
    }

    @Test
    void anExceptionIsItsMessageAndItsStackOnlyWithDetail() {
        List<String> plain = new ArrayList<>();
        LogOutput.lines(plain::add, false).info("reload failed", new IOException("no such file"));
        assertEquals(List.of("reload failed: java.io.IOException: no such file"), plain);
        List<String> detailed = new ArrayList<>();
        LogOutput.lines(detailed::add, true).info("reload failed", new IOException("no such file"));
        assertTrue(detailed.getFirst().startsWith("reload failed: java.io.IOException: no such file"
                + System.lineSeparator() + "java.io.IOException: no such file"), detailed.getFirst());
        assertTrue(detailed.getFirst().contains("at io.lvsj.log.LogOutputTest"), detailed.getFirst());
    }

    /** A library's class logger, got from SLF4J, writes where the daemon installed its output. */
    @Test
    void slf4jFindsThisProviderAndItsLoggersWriteToTheInstalledOutput() {
        Logger library = LoggerFactory.getLogger("io.lvsj.netlink.NetlinkSocket");
        assertInstanceOf(LineLogger.class, library, "the provider in META-INF/services is SLF4J's");
        LogOutput out = LogOutput.open(new LogOutput.Settings(console, Optional.empty(), 3, false, "Keepalived", clock));
        LogOutput before = LogOutput.installed();
        out.install();
        try {
            library.error("socket closed");
        } finally {
            before.install();
        }
        assertEquals("Sat Nov 21 10:26:39 2026: socket closed\n", console(out));
    }

    @Test
    void anIdentHasNoDots() {
        assertThrows(IllegalArgumentException.class,
                () -> new LogOutput.Settings(console, Optional.empty(), 3, false, "io.lvsj", clock));
    }
}
