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

/**
 * The grammar knows every keyword keepalived 2.2.7 (Debian's build) knows, and every keyword
 * of the grammar is used by at least one fixture, which the differential test checks against
 * keepalived.
 */
class GrammarCoverageTest {

    @Test
    void everyKeywordOfKeepalivedIsKnown() throws Exception {
        Path list = Path.of(Fixture.class.getResource("keepalived-2.2.7-keywords.txt").toURI());
        Set<String> missing = new TreeSet<>();
        for (String line : Files.readAllLines(list)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                missing.add(line.strip());
            }
        }
        int total = missing.size();
        missing.removeAll(keywords());
        assertEquals(Set.of(), missing, missing.size() + " of keepalived's " + total + " keywords are not in the grammar");
    }

    @Test
    void everyKeywordAppearsInAFixture() throws IOException {
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
        Set<String> keywords = keywords();
        Set<String> missing = new TreeSet<>(keywords);
        missing.removeAll(used);
        assertEquals(Set.of(), missing, missing.size() + " of " + keywords.size() + " keywords are in no fixture");
    }

    /** The keywords of both of keepalived's passes, as the parser builds them. */
    private static Set<String> keywords() {
        ParseContext ctx = new ParseContext(new Diagnostics(), FakeHost.INSTANCE);
        Sections sections = new Sections(ctx);
        Grammar parent = new Grammar();
        new GlobalSection(ctx, st -> { }).install(parent, true);
        sections.install(parent, false);
        Grammar children = new Grammar();
        new GlobalSection(ctx, st -> { }).install(children, false);
        sections.install(children, true);
        Set<String> keywords = new TreeSet<>();
        collect(parent.roots(), keywords);
        collect(children.roots(), keywords);
        return keywords;
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
