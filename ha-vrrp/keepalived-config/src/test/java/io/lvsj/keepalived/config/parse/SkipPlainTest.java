package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Diagnostics;
import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.read.ConfigCopy;
import io.lvsj.keepalived.config.read.ConfigLine;
import io.lvsj.keepalived.config.read.ConfigReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The first pass's fast way through skipped blocks ({@code ConfigReader.skipPlain}, taken by
 * {@link BlockParser} through {@link BlockParser.Lines#skip}) against the slow way it
 * short-cuts (every line through {@code ConfigReader.next}, braces counted by the parser), on
 * random files: the same copy for the second pass, the same diagnostics, the same statements
 * handled where, the same line current when blocks close.
 */
class SkipPlainTest {
    @TempDir
    Path dir;

    /** Pieces of lines: plain text, braces, and everything that takes a line off the fast path. */
    private static final String[] PIECES = {
        "v x", "v", "{", "}", " {", "} ", "a b", "a{b}c", "}}", "{{", " ", "\t", "g", "k 1", "k", "\"q\"", "\"{\"", "\"}\"",
        "\"", "# c", "! c", "\\#", "\\", "$D=1", "$D", "@node1 ", "@^node1 ", "@", "~SEQ(i,1,2) k $i", "~",
        "include inc.conf", "includex", "inc", "é", "\0", "\r", "\f", "\u000b", "x".repeat(1030), "\u007f",
    };

    @Test
    void skippingPlainLinesGivesWhatReadingEveryLineGives() throws IOException {
        Random random = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            Files.write(dir.resolve("main.conf"), randomFile(random, 1 + random.nextInt(25)));
            Files.write(dir.resolve("inc.conf"), randomFile(random, random.nextInt(6)));
            // a large file is read a chunk at a time: lines then cross the chunks' ends
            Path large = dir.resolve("large.conf");
            Files.write(large, round % 100 == 0 ? largeFile(random) : new byte[0]);
            String main = round % 100 == 0 ? "large.conf" : "main.conf";
            String slow = run(main, false);
            String fast = run(main, true);
            assertEquals(slow, fast, "round " + round + ":\n" + Files.readString(dir.resolve(main), StandardCharsets.ISO_8859_1));
        }
    }

    private static byte[] randomFile(Random random, int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int pieces = random.nextInt(4);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            if (i < lines - 1 || random.nextBoolean()) {
                text.append(random.nextInt(8) == 0 ? "\r\n" : "\n");
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A file read a chunk at a time (over 1 MiB) of skipped blocks with a few odd lines between. */
    private static byte[] largeFile(Random random) {
        StringBuilder text = new StringBuilder("g {\n k 1\n}\n");
        while (text.length() <= (1 << 20) + 1000) {
            text.append("v x {\n  a b\n  a { b } c\n}\n");
            if (random.nextInt(50) == 0) {
                text.append(new String(randomFile(random, 3), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Everything observable of a first pass over the file: copy, diagnostics, handled statements. */
    private String run(String mainFile, boolean fast) {
        Diagnostics diagnostics = new Diagnostics();
        ConfigReader reader = new ConfigReader("node1", dir, new Random(1), diagnostics);
        reader.open(mainFile);
        List<String> events = new ArrayList<>();
        try (ConfigCopy copy = new ConfigCopy()) {
            Supplier<ConfigLine> slow = () -> {
                ConfigLine line = reader.next();
                if (line != null) {
                    copy.add(line);
                }
                return line;
            };
            BlockParser.Lines lines = !fast ? slow::get : new BlockParser.Lines() {
                @Override
                public ConfigLine get() {
                    return slow.get();
                }

                @Override
                public int skip(int level) {
                    return reader.skipPlain(level, copy);
                }

                @Override
                public Location skipped() {
                    return reader.skipped();
                }
            };
            BlockParser parser = new BlockParser(lines, diagnostics);
            Grammar grammar = new Grammar();
            grammar.root("v", st -> events.add("v " + st.location() + " " + st.words()), false);
            Keyword g = grammar.root("g", st -> events.add("g " + st.location() + " " + st.words()), true);
            g.add("k", st -> events.add("k " + st.location() + " " + st.words() + " current " + parser.current()));
            g.add("v", st -> events.add("inner v " + st.location()));
            g.onClose(() -> events.add("g closed at " + parser.closing()));
            try {
                parser.parse(grammar);
            } catch (MissingParameter e) {
                events.add("missing " + e.location() + " " + e.getMessage());
            }
            events.add("last " + parser.current());
            Supplier<ConfigLine> copied = copy.lines();
            for (ConfigLine l = copied.get(); l != null; l = copied.get()) {
                events.add("copy " + l.location() + " " + l.text());
            }
        }
        diagnostics.all().forEach(d -> events.add(d.toString()));
        return String.join("\n", events);
    }
}
