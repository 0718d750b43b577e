package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.vrrp.config.TrackFileConfig;
import io.lvsj.log.LogOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackFilesTest {
    static final Logger QUIET = LogOutput.silent(false);

    @Test
    void readsNumbersAsStrtolDoes() {
        assertEquals(42, TrackFiles.parse("42\n"));
        assertEquals(-7, TrackFiles.parse("  -7 trailing"));
        assertEquals(255, TrackFiles.parse("0xff"));
        assertEquals(8, TrackFiles.parse("010"));
        assertEquals(0, TrackFiles.parse("garbage"));
        assertEquals(0, TrackFiles.parse(""));
        assertThrows(NumberFormatException.class, () -> TrackFiles.parse("99999999999"));
    }

    @Test
    void reportsChangesAndCreatesInitFiles(@TempDir Path dir) throws Exception {
        Path watched = dir.resolve("prio");
        Files.writeString(watched, "3\n");
        Path created = dir.resolve("created");
        Map<String, Long> seen = new ConcurrentHashMap<>();
        try (TrackFiles w = new TrackFiles(List.of(
                new TrackFileConfig("p", watched, 1, false, false, 0),
                new TrackFileConfig("c", created, 1, false, true, 5)), seen::put, QUIET)) {
            assertEquals(Map.of("p", 3L, "c", 5L), w.values());
            Files.writeString(watched, "-20\n");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Long.valueOf(-20).equals(seen.get("p")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(-20L, seen.get("p"));
            w.close();
            assertTrue(!w.running());
        }
    }
}
