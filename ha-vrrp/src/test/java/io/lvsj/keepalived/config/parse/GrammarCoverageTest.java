package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Diagnostics;
import io.lvsj.keepalived.config.FakeHost;
import io.lvsj.keepalived.config.Fixture;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every keyword of the grammar is used by at least one fixture (which the differential test checks). */
class GrammarCoverageTest {

    @Test
    void everyKeywordAppearsInAFixture() throws IOException {
        Set<String> keywords = new TreeSet<>();
        ParseContext ctx = new ParseContext(new Diagnostics(), FakeHost.INSTANCE);
        Sections sections = new Sections(ctx);
        Grammar parent = new Grammar();
        new GlobalSection(ctx, st -> { }).install(parent, true);
        sections.install(parent, false);
        Grammar children = new Grammar();
        new GlobalSection(ctx, st -> { }).install(children, false);
        sections.install(children, true);
        collect(parent.roots(), keywords);
        collect(children.roots(), keywords);

        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Fixture.DIRECTORY)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(file)) {
                    for (String word : line.replace("{", " ").replace("}", " ").strip().split("\\s+")) {
                        used.add(word);
                    }
                }
            }
        }
        Set<String> missing = new TreeSet<>(keywords);
        missing.removeAll(used);
        assertEquals(Set.of(), missing, missing.size() + " of " + keywords.size() + " keywords are in no fixture");
    }

    private static void collect(Map<String, Keyword> block, Set<String> into) {
        for (Keyword k : block.values()) {
            if (!k.active) {
                continue;
            }
            into.add(k.name);
            if (k.isBlock()) {
                collect(k.block(), into);
            }
        }
    }
}
