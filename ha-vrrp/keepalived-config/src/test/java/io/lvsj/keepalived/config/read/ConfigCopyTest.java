package io.lvsj.keepalived.config.read;

import io.lvsj.keepalived.config.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first pass's lines for the second: in memory, then in a temporary file, always in order. */
class ConfigCopyTest {
    @TempDir
    Path dir;

    @Test
    void linesBeyondTheMemoryLimitGoToATemporaryFileAndComeBackInOrder() throws Exception {
        List<String> read = new ArrayList<>();
        try (ConfigCopy copy = new ConfigCopy(3, 16, dir)) {
            for (int i = 1; i <= 10; i++) {
                copy.add(new ConfigLine(new Location(i % 2 == 0 ? "a.conf" : "b/é.conf", i), "line " + i + " \u00e9"));
            }
            assertTrue(copy.spilled());
            Supplier<ConfigLine> lines = copy.lines();
            for (ConfigLine l = lines.get(); l != null; l = lines.get()) {
                read.add(l.location().file() + ":" + l.location().line() + " " + l.text());
            }
        }
        assertEquals(10, read.size());
        assertEquals("b/é.conf:1 line 1 é", read.getFirst());
        assertEquals("a.conf:10 line 10 é", read.getLast());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the temporary file is deleted (on Linux as soon as it is open)");
        }
    }

    @Test
    void withoutAWritableDirectoryTheLinesStayInMemory() {
        try (ConfigCopy copy = new ConfigCopy(1, 16, dir.resolve("missing"))) {
            copy.add(new ConfigLine(new Location("x", 1), "one"));
            copy.add(new ConfigLine(new Location("x", 2), "two"));
            assertFalse(copy.spilled());
            Supplier<ConfigLine> lines = copy.lines();
            assertEquals("one", lines.get().text());
            assertEquals("two", lines.get().text());
            assertEquals(null, lines.get());
        }
    }

    /** What the second pass did before childLines: childView of every line, those with nothing left dropped. */
    @Test
    void childLinesAreTheChildViewOfEveryLine() {
        java.util.Random random = new java.util.Random(5);
        String[] pieces = {"a", " ", "#", "!", "\\", "\"", "{", "}", "é", "\\#", "b c", "\t"};
        for (int round = 0; round < 200; round++) {
            try (ConfigCopy copy = new ConfigCopy(64, 16, dir); ConfigCopy same = new ConfigCopy(64, 16, dir)) {
                int count = random.nextInt(20);
                for (int i = 1; i <= count; i++) {
                    StringBuilder text = new StringBuilder();
                    for (int p = random.nextInt(5); p >= 0; p--) {
                        text.append(pieces[random.nextInt(pieces.length)]);
                    }
                    ConfigLine line = new ConfigLine(new Location("f" + random.nextInt(2), i), text.toString());
                    copy.add(line);
                    same.add(line);
                }
                List<ConfigLine> expected = new ArrayList<>();
                Supplier<ConfigLine> all = same.lines();
                for (ConfigLine l = all.get(); l != null; l = all.get()) {
                    ConfigLine child = ConfigReader.childView(l);
                    if (child != null) {
                        expected.add(child);
                    }
                }
                List<ConfigLine> children = new ArrayList<>();
                Supplier<ConfigLine> lines = copy.childLines();
                for (ConfigLine l = lines.get(); l != null; l = lines.get()) {
                    children.add(l);
                }
                assertEquals(expected, children);
            }
        }
    }
}
