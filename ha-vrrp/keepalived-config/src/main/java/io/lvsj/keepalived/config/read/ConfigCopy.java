package io.lvsj.keepalived.config.read;

import io.lvsj.keepalived.config.Location;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The lines the first pass read, kept for the second, as keepalived's parent writes a copy of
 * the configuration for its children. Lines are packed into 64 KiB blocks of bytes (file, line
 * number, text), not kept as objects; up to {@link #IN_MEMORY} bytes of blocks stay in memory,
 * the rest go to a temporary file (deleted as soon as it is open), so a {@code ~SEQ} that
 * expands to millions of lines costs disk, not heap (issue 12: 4 million lines took 1.7 GB).
 * Should the temporary file be impossible (a full or read-only {@code /tmp}), the blocks stay
 * in memory.
 */
public final class ConfigCopy implements AutoCloseable {
    /**
     * Bytes of lines kept in memory before the rest go to disk: 4 MiB holds a configuration of
     * about 300,000 lines; past that, blocks in memory would be arrays the serial collector
     * never takes back during a check (100,000 virtual servers: 14 MB of them).
     */
    static final int IN_MEMORY = 4 << 20;
    /**
     * Small enough that a block being filled or read back dies in the young generation
     * rather than being promoted (1 MiB blocks put 28 MB of dead arrays in the old generation
     * when checking 100,000 virtual servers).
     */
    private static final int BLOCK = 64 << 10;
    /** Flags kept with a line's size: it has a '#' or '!' (see {@link #childLines}); it is ASCII. */
    private static final int COMMENT_CHARACTER = 1;
    private static final int ASCII = 2;
    private static final String OPEN = "{";
    private static final String CLOSE = "}";

    /** A finished block: in memory ({@code bytes}), or in the temporary file at {@code offset}. */
    private record Block(byte[] bytes, long offset, int length) {
    }

    private final int inMemoryLimit;
    private final int blockSize;
    private final Path directory;
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, Integer> fileIndex = new HashMap<>();
    private final List<String> files = new ArrayList<>();
    private String lastFile;
    private int lastFileIndex;
    private byte[] block;
    private int length;
    private long memoryBytes;
    private FileChannel spill;
    private long spillEnd;
    private boolean spillFailed;

    public ConfigCopy() {
        this(IN_MEMORY, BLOCK, Path.of(System.getProperty("java.io.tmpdir")));
    }

    ConfigCopy(int inMemoryLimit, int blockSize, Path directory) {
        this.inMemoryLimit = inMemoryLimit;
        this.blockSize = blockSize;
        this.directory = directory;
        this.block = new byte[blockSize];
    }

    public void add(ConfigLine line) {
        int index = fileIndex(line.location().file());
        String text = line.text();
        int size = text.length();
        byte[] encoded = null;
        boolean commentCharacter = false;
        for (int i = 0; i < size; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) { // not ASCII: the UTF-8 bytes are more than the chars
                encoded = text.getBytes(StandardCharsets.UTF_8);
                commentCharacter = text.indexOf('#') >= 0 || text.indexOf('!') >= 0;
                size = encoded.length;
                break;
            }
            commentCharacter |= c == '#' || c == '!';
        }
        int at = reserve(index, line.location().line(), size, (commentCharacter ? COMMENT_CHARACTER : 0) | (encoded == null ? ASCII : 0));
        if (encoded != null) {
            System.arraycopy(encoded, 0, block, at, size);
        } else {
            for (int i = 0; i < size; i++) { // ASCII: one byte a char, no array in between
                block[at + i] = (byte) text.charAt(i);
            }
        }
    }

    /**
     * A line whose text is {@code bytes[from..to)}, UTF-8 without a {@code #} or {@code !}, as
     * it is in the file it came from (see {@link ConfigReader#skipPlain}): the same as adding
     * it as a {@link ConfigLine}.
     */
    void add(String file, int lineNumber, byte[] bytes, int from, int to) {
        int size = to - from;
        int at = reserve(fileIndex(file), lineNumber, size, ASCII); // before reading block: reserving may start a new one
        System.arraycopy(bytes, from, block, at, size);
    }

    private int fileIndex(String file) {
        if (file == lastFile) { // a file's lines come one after another, with the same String
            return lastFileIndex;
        }
        Integer index = fileIndex.get(file);
        if (index == null) {
            index = files.size();
            files.add(file);
            fileIndex.put(file, index);
        }
        lastFile = file;
        lastFileIndex = index;
        return index;
    }

    /**
     * Writes a line's file, number, size and flags ({@link #COMMENT_CHARACTER}: the second pass
     * must look at it again, {@link ConfigReader#childView}; {@link #ASCII}), and makes room for
     * its {@code size} bytes of text; where they go.
     */
    private int reserve(int index, int lineNumber, int size, int flags) {
        int need = 15 + size;
        if (length + need > block.length) {
            finishBlock();
            if (need > block.length) {
                block = new byte[need]; // one line longer than a block gets a block of its own
            }
        }
        length = putVarint(block, length, index);
        length = putVarint(block, length, lineNumber);
        length = putVarint(block, length, size << 2 | flags);
        int at = length;
        length += size;
        return at;
    }

    private void finishBlock() {
        if (length == 0) {
            return;
        }
        if (memoryBytes + length > inMemoryLimit && !spillFailed) {
            long offset = spill(block, length);
            if (offset >= 0) {
                blocks.add(new Block(null, offset, length));
                // written out: the same array takes the next lines (a new one each time was
                // garbage that outlived young collections: 4 million lines, 80 MB of it)
                if (block.length != blockSize) {
                    block = new byte[blockSize];
                }
                length = 0;
                return;
            }
        }
        blocks.add(new Block(block, -1, length));
        memoryBytes += length;
        block = new byte[blockSize];
        length = 0;
    }

    /** Appends a block to the temporary file; its offset, or -1 (and never again) when that is impossible. */
    private long spill(byte[] bytes, int count) {
        try {
            if (spill == null) {
                Path file = Files.createTempFile(directory, "keepalived-j-config-", ".copy");
                spill = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        StandardOpenOption.DELETE_ON_CLOSE);
            }
            long offset = spillEnd;
            ByteBuffer out = ByteBuffer.wrap(bytes, 0, count);
            while (out.hasRemaining()) {
                spillEnd += spill.write(out, spillEnd);
            }
            return offset;
        } catch (IOException | UnsupportedOperationException e) {
            spillFailed = true;
            return -1;
        }
    }

    /** Whether lines went to the temporary file (for tests). */
    boolean spilled() {
        return spillEnd > 0;
    }

    /** Every line added, in order; call once, after the last {@link #add}. */
    public Supplier<ConfigLine> lines() {
        Reader reader = new Reader();
        return () -> reader.next() ? reader.line() : null;
    }

    /**
     * The lines as keepalived's children read them ({@link ConfigReader#childView} of each,
     * those with nothing left dropped); call once, after the last {@link #add}.
     */
    public Supplier<ConfigLine> childLines() {
        Reader reader = new Reader();
        return () -> {
            while (reader.next()) {
                ConfigLine line = reader.line();
                if (!reader.commentCharacter) {
                    return line; // most lines: nothing for childView to strip
                }
                ConfigLine child = ConfigReader.childView(line);
                if (child != null) {
                    return child;
                }
            }
            return null;
        };
    }

    /** Reads the lines back one at a time. */
    private final class Reader {
        private int next;
        private byte[] current;
        /** One buffer for every block read back from the temporary file. */
        private byte[] spilled;
        private int end;
        private int at;
        private int file;
        private int number;
        private int textStart;
        private int size;
        private boolean commentCharacter;
        private boolean ascii;

        Reader() {
            finishBlock();
        }

        /** Moves to the next line; false after the last. */
        boolean next() {
            while (current == null || at >= end) {
                if (next >= blocks.size()) {
                    return false;
                }
                Block b = blocks.get(next++);
                if (b.bytes() != null) {
                    current = b.bytes();
                } else {
                    if (spilled == null || spilled.length < b.length()) {
                        spilled = new byte[Math.max(blockSize, b.length())];
                    }
                    current = read(b, spilled);
                }
                end = b.length();
                at = 0;
            }
            file = varint();
            number = varint();
            int sizeAndFlags = varint();
            size = sizeAndFlags >>> 2;
            commentCharacter = (sizeAndFlags & COMMENT_CHARACTER) != 0;
            ascii = (sizeAndFlags & ASCII) != 0;
            textStart = at;
            at += size;
            return true;
        }

        ConfigLine line() {
            String text;
            if (size == 1 && current[textStart] == '{') {
                text = OPEN; // a third of the lines are a brace: one String for each
            } else if (size == 1 && current[textStart] == '}') {
                text = CLOSE;
            } else {
                // ASCII (most lines) read as Latin-1: the same chars, without UTF-8's scan for other bytes
                text = new String(current, textStart, size, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            }
            return new ConfigLine(new Location(files.get(file), number), text);
        }

        private int varint() {
            int value = 0;
            int shift = 0;
            while (true) {
                byte b = current[at++];
                value |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
                shift += 7;
            }
        }
    }

    private byte[] read(Block b, byte[] buffer) {
        ByteBuffer into = ByteBuffer.wrap(buffer, 0, b.length());
        try {
            long at = b.offset();
            while (into.hasRemaining()) {
                int n = spill.read(into, at);
                if (n < 0) {
                    throw new IOException("the configuration copy ended early");
                }
                at += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the configuration copy", e);
        }
        return into.array();
    }

    private static int putVarint(byte[] out, int at, int value) {
        while ((value & ~0x7f) != 0) {
            out[at++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out[at++] = (byte) value;
        return at;
    }

    @Override
    public void close() {
        if (spill != null) {
            try {
                spill.close();
            } catch (IOException e) {
                // deleted on close; nothing else to do
            }
        }
    }
}
