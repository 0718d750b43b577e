package io.lvsj.keepalived.activeactive;

import io.lvsj.keepalived.daemon.KeepalivedJ;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The configurations {@code docs/active-active.md} shows, read from the document itself, so
 * that what users copy is what the tests run: each is the fenced block after a
 * {@code <!-- tested: NAME ...-->} line.
 */
final class DocBlocks {
    private DocBlocks() {
    }

    static String named(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(KeepalivedJ.repositoryRoot().resolve("docs/active-active.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("<!-- tested: " + name + " ")) {
                continue;
            }
            int open = i + 1;
            if (open >= lines.size() || !lines.get(open).startsWith("```")) {
                throw new AssertionError("docs/active-active.md: no code block right after the marker of " + name);
            }
            StringBuilder block = new StringBuilder();
            for (int j = open + 1; j < lines.size(); j++) {
                if (lines.get(j).startsWith("```")) {
                    return block.toString();
                }
                block.append(lines.get(j)).append('\n');
            }
            throw new AssertionError("docs/active-active.md: the block of " + name + " does not end");
        }
        throw new AssertionError("docs/active-active.md has no block marked 'tested: " + name + "'");
    }
}
