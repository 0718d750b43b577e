package io.lvsj.keepalived.config.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class FileLinesTest {

    @TempDir
    Path dir;

    /** What decoding the whole file and cutting it at newlines gives: the reading before FileLines. */
    private static List<String> wholeFileLines(byte[] bytes) throws IOException {
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        List<String> lines = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            int next = end < 0 ? text.length() : end + 1;
            int cut = end < 0 ? text.length() : end;
            while (cut > at && text.charAt(cut - 1) == '\r') {
                cut--;
            }
            lines.add(text.substring(at, cut));
            at = next;
        }
        return lines;
    }

    private static List<String> all(FileLines lines) throws IOException {
        List<String> out = new ArrayList<>();
        while (lines.hasNext()) {
            out.add(lines.next());
        }
        return out;
    }

    private void same(byte[] bytes, int chunk) throws IOException {
        Path file = dir.resolve("f.conf");
        Files.write(file, bytes);
        List<String> expected = wholeFileLines(bytes);
        assertEquals(expected, all(FileLines.of(bytes)), "held whole");
        assertEquals(expected, all(FileLines.open(file, chunk)), "read in chunks of " + chunk);
    }

    @Test
    void linesAcrossChunksLongLinesCrLfAndNoFinalNewline() throws IOException {
        String text = "global_defs {\r\n  router_id a\n}\n\n" + "x".repeat(50) + "\nlast";
        for (int chunk : new int[] {1, 2, 3, 7, 16, 64, 4096}) {
            same(text.getBytes(StandardCharsets.UTF_8), chunk);
        }
    }

    @Test
    void malformedUtf8DecodesAsTheWholeFileWould() throws IOException {
        Random random = new Random(12);
        byte[] alphabet = {'a', '\n', '\r', (byte) 0xc3, (byte) 0xa9, (byte) 0xe2, (byte) 0x82, (byte) 0xac, (byte) 0xff, (byte) 0xf0, 0};
        for (int round = 0; round < 300; round++) {
            byte[] bytes = new byte[random.nextInt(80)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = alphabet[random.nextInt(alphabet.length)];
            }
            same(bytes, 1 + random.nextInt(9));
        }
    }

    @Test
    void anEmptyFileHasNoLines() throws IOException {
        Path file = dir.resolve("empty.conf");
        Files.write(file, new byte[0]);
        assertFalse(FileLines.open(file, 8).hasNext());
        assertFalse(FileLines.of(new byte[0]).hasNext());
        assertEquals(List.of(), all(FileLines.of(Arrays.copyOf(new byte[0], 0))));
    }
}
