package io.lvsj.keepalived.config.read;

import io.lvsj.keepalived.config.Location;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
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
 * the configuration for its children. Up to {@link #IN_MEMORY} lines stay in memory; beyond
 * that they go to a temporary file (deleted when closed), so a {@code ~SEQ} that expands to
 * millions of lines costs disk, not heap (issue 12: 4 million lines took 1.7 GB). Should the
 * temporary file be impossible (a full or read-only {@code /tmp}), the lines stay in memory.
 */
public final class ConfigCopy implements AutoCloseable {
    static final int IN_MEMORY = 65_536;

    private final int inMemoryLimit;
    private final Path directory;
    private final List<ConfigLine> memory = new ArrayList<>();
    private final Map<String, Integer> fileIndex = new HashMap<>();
    private final List<String> files = new ArrayList<>();
    private FileChannel spill;
    private DataOutputStream out;
    private long spilled;
    private boolean spillFailed;

    public ConfigCopy() {
        this(IN_MEMORY, Path.of(System.getProperty("java.io.tmpdir")));
    }

    ConfigCopy(int inMemoryLimit, Path directory) {
        this.inMemoryLimit = inMemoryLimit;
        this.directory = directory;
    }

    public void add(ConfigLine line) {
        if (out == null && (memory.size() < inMemoryLimit || spillFailed || !startSpilling())) {
            memory.add(line);
            return;
        }
        try {
            write(line);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the configuration copy to " + directory, e);
        }
    }

    /** Whether lines went to the temporary file (for tests). */
    boolean spilled() {
        return spilled > 0;
    }

    private boolean startSpilling() {
        try {
            Path file = Files.createTempFile(directory, "keepalived-j-config-", ".copy");
            spill = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(spill), 1 << 16));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            spillFailed = true;
            return false;
        }
    }

    private void write(ConfigLine line) throws IOException {
        String file = line.location().file();
        Integer index = fileIndex.get(file);
        if (index == null) {
            index = files.size();
            files.add(file);
            fileIndex.put(file, index);
        }
        byte[] text = line.text().getBytes(StandardCharsets.UTF_8);
        out.writeInt(index);
        out.writeInt(line.location().line());
        out.writeInt(text.length);
        out.write(text);
        spilled++;
    }

    /** Every line added, in order; call once, after the last {@link #add}. */
    public Supplier<ConfigLine> lines() {
        DataInputStream in;
        try {
            if (out != null) {
                out.flush();
                spill.position(0);
            }
            in = out == null ? null : new DataInputStream(new BufferedInputStream(Channels.newInputStream(spill), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the configuration copy", e);
        }
        int[] next = {0};
        long[] read = {0};
        return () -> {
            if (next[0] < memory.size()) {
                return memory.get(next[0]++);
            }
            if (in == null || read[0] >= spilled) {
                return null;
            }
            try {
                int file = in.readInt();
                int number = in.readInt();
                byte[] text = new byte[in.readInt()];
                in.readFully(text);
                read[0]++;
                return new ConfigLine(new Location(files.get(file), number), new String(text, StandardCharsets.UTF_8));
            } catch (EOFException e) {
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("reading the configuration copy", e);
            }
        };
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
