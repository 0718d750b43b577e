package io.lvsj.keepalived.config.read;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The physical lines of one configuration file, cut at newline bytes and decoded as UTF-8
 * (U+FFFD for malformed bytes) one at a time. A newline byte never occurs inside a UTF-8
 * sequence, so decoding line by line gives what decoding the whole file would.
 *
 * <p>A small file is held whole ({@link #of(byte[])}: its bytes can be shared by every
 * include of it, which an include loop repeats a thousand times). A large one is read a
 * chunk at a time ({@link #open(Path)}), opening the file for each chunk, so that a
 * configuration of a million lines costs a chunk of memory, not its size: read whole, 100,000
 * virtual servers (22 MB) cost 22 MB of heap and as much again in the JDK's temporary native
 * buffer for the read, neither given back during a check (issue 12). Opening per chunk holds
 * no descriptor between lines, so nothing leaks when reading stops early.
 */
final class FileLines {
    /** Files up to this size are read whole and may be kept for include loops. */
    static final int WHOLE = 1 << 20;
    static final int CHUNK = 64 << 10;

    private final Path path;
    private byte[] buffer;
    private int start;
    private int end;
    /** Where in the file {@code buffer[end]} would come from. */
    private long fileOffset;
    private boolean atEnd;
    /** Where the line {@link #peek} found ends, its end-of-line characters included. */
    private int peekedTo;

    private FileLines(Path path, byte[] buffer, int end, boolean atEnd) {
        this.path = path;
        this.buffer = buffer;
        this.end = end;
        this.fileOffset = end;
        this.atEnd = atEnd;
    }

    /** The lines of bytes already read (which this does not copy). */
    static FileLines of(byte[] whole) {
        return new FileLines(null, whole, whole.length, true);
    }

    /** The lines of a large file, read as they are asked for. */
    static FileLines open(Path path) {
        return open(path, CHUNK);
    }

    static FileLines open(Path path, int chunk) {
        return new FileLines(path, new byte[chunk], 0, false);
    }

    /** Whether another line follows (an unterminated last line counts). */
    boolean hasNext() throws IOException {
        if (start < end) {
            return true;
        }
        fill();
        return start < end;
    }

    /** The next line without its end-of-line characters ({@code \n}, and any {@code \r} before it). */
    String next() throws IOException {
        int searched = 0; // bytes after start known to hold no newline
        while (true) {
            int newline = indexOfNewline(start + searched);
            if (newline >= 0) {
                String line = decode(start, newline);
                start = newline + 1;
                return line;
            }
            searched = end - start;
            if (!fill()) { // fill() keeps the bytes from start on, moved to the buffer's start
                String line = decode(start, end);
                start = end;
                return line;
            }
        }
    }

    /**
     * The next line's bytes without consuming them, for a reader that can use plain ASCII as
     * it is (see {@link ConfigReader#skipPlain}): the line is in {@link #buffer()} from
     * {@link #lineStart()} to the index returned (its end-of-line characters excluded, as
     * {@link #next()} leaves them out), or -1 at the end of the file. {@link #advance()} then
     * consumes it; {@link #next()} would return it decoded. The buffer stays valid until the
     * next call of any of these.
     */
    int peek() throws IOException {
        int searched = 0;
        while (true) {
            int newline = indexOfNewline(start + searched);
            if (newline >= 0) {
                peekedTo = newline + 1;
                return textEnd(start, newline);
            }
            searched = end - start;
            if (!fill()) {
                if (start >= end) {
                    return -1;
                }
                peekedTo = end;
                return textEnd(start, end);
            }
        }
    }

    byte[] buffer() {
        return buffer;
    }

    int lineStart() {
        return start;
    }

    /** Consumes the line {@link #peek} returned. */
    void advance() {
        start = peekedTo;
    }

    private int textEnd(int from, int to) {
        int cut = to;
        while (cut > from && buffer[cut - 1] == '\r') {
            cut--;
        }
        return cut;
    }

    private int indexOfNewline(int from) {
        for (int i = from; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private String decode(int from, int to) {
        int cut = textEnd(from, to);
        return new String(buffer, from, cut - from, StandardCharsets.UTF_8);
    }

    /**
     * Reads the next chunk after the bytes not yet handed out (moved to the buffer's start,
     * the buffer doubled for a line longer than it); false at the end of the file.
     */
    private boolean fill() throws IOException {
        if (atEnd) {
            return false;
        }
        int kept = end - start;
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, kept);
        } else if (kept == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        start = 0;
        end = kept;
        int read;
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            file.seek(fileOffset);
            read = file.read(buffer, end, buffer.length - end);
        }
        if (read <= 0) {
            atEnd = true;
            return false;
        }
        end += read;
        fileOffset += read;
        return true;
    }
}
