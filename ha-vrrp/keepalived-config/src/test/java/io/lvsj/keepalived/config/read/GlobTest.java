package io.lvsj.keepalived.config.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File name patterns as glibc's glob(GLOB_BRACE) expands them for keepalived's includes. */
class GlobTest {
    @TempDir
    Path dir;

    @Test
    void bracesExpandInOrderAndNest() {
        assertEquals(List.of("abd", "acd"), Glob.expandBraces("a{b,c}d"));
        assertEquals(List.of("a1x", "a2x", "a3x", "ax"), Glob.expandBraces("a{1,{2,3},}x"));
        assertEquals(List.of("plain"), Glob.expandBraces("plain"));
    }

    @Test
    void metacharacters() {
        assertTrue(Glob.hasMeta("*.conf"));
        assertTrue(Glob.hasMeta("a?"));
        assertTrue(Glob.hasMeta("[ab]"));
        assertFalse(Glob.hasMeta("plain.conf"));
    }

    @Test
    void matchesAreSortedAndHiddenFilesNeedADot() throws IOException {
        for (String name : List.of("b.conf", "a.conf", ".hidden.conf", "c.txt")) {
            Files.writeString(dir.resolve(name), "");
        }
        Glob.Result result = Glob.expand("*.conf", dir);
        assertEquals(List.of("a.conf", "b.conf"), result.matches());
        assertTrue(result.hadWildcards());
    }

    @Test
    void directoriesInPatternsAreSearched() throws IOException {
        Files.createDirectories(dir.resolve("one"));
        Files.createDirectories(dir.resolve("two"));
        Files.writeString(dir.resolve("one/x.inc"), "");
        Files.writeString(dir.resolve("two/y.inc"), "");
        assertEquals(List.of("one/x.inc", "two/y.inc"), Glob.expand("*/*.inc", dir).matches());
    }

    @Test
    void aMissingPlainFileIsCountedAsMissing() {
        Glob.Result result = Glob.expand("absent.conf", dir);
        assertTrue(result.matches().isEmpty());
        assertEquals(1, result.missingFiles());
    }

    @Test
    void wildcardsMatchAsFnmatchDoes() {
        for (String[] yes : new String[][] {{"*.conf", "a.conf"}, {"a*b*c", "abc"}, {"a*b*c", "aXbYbZc"}, {"?x", "ax"},
                {"[ab]x", "bx"}, {"[!ab]x", "cx"}, {"*", ""}, {"***", "anything"}, {"\\*", "*"}, {"é*", "éte"}}) {
            assertTrue(Glob.matches(Glob.elements(yes[0]), yes[1]), yes[0] + " matches " + yes[1]);
        }
        for (String[] no : new String[][] {{"*.conf", "a.conf~"}, {"a*b*c", "acb"}, {"?x", "x"}, {"[ab]x", "cx"},
                {"[!ab]x", "ax"}, {"\\*", "a"}, {"[z-a]", "m"}}) {
            assertFalse(Glob.matches(Glob.elements(no[0]), no[1]), no[0] + " does not match " + no[1]);
        }
    }

    /**
     * Found by the long fuzz run: {@code include ******************einclude.d} against a directory
     * of 263 files ran for minutes (a regular expression backtracking through every way 18 stars
     * split a name); keepalived answers at once. Each name now costs at most the product of the
     * two lengths.
     */
    @Test
    void manyStarsDoNotBacktrackForEver() throws IOException {
        for (int i = 0; i < 300; i++) {
            Files.writeString(dir.resolve("chk-bind-if-unknown-" + i + ".conf"), "");
        }
        Files.writeString(dir.resolve("keepalived-include.d"), "");
        long start = System.nanoTime();
        assertEquals(List.of(), Glob.expand("******************einclude.d", dir).matches());
        assertEquals(List.of("keepalived-include.d"), Glob.expand("*e*e*e*include.d", dir).matches());
        assertEquals(List.of(), Glob.expand("*e*e*e*e*e*e*e*e*e*e*e*e*include.d", dir).matches());
        assertEquals(List.of(), Glob.expand("*c*c*c*c*c*c*c*c*c*c*c*c*c*c*c*c*c*c*x", dir).matches());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 5_000, "four patterns over 301 names took " + ms + " ms");
    }
}
