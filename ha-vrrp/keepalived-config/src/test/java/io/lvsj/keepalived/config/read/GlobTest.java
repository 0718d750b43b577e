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
}
