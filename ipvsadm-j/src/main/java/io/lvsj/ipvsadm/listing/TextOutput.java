package io.lvsj.ipvsadm.listing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A buffered byte stream for text whose characters each stand for one byte (ipvsadm-j reads
 * its arguments, standard input and C strings that way), written without any charset
 * conversion so that every byte ipvsadm would print is printed unchanged. Large listings are
 * written in 64 KiB pieces as they are produced.
 */
public final class TextOutput {
    private static final int CHUNK = 64 * 1024;

    private final OutputStream stream;
    private final byte[] buffer = new byte[CHUNK];
    private int length;

    public TextOutput(OutputStream stream) {
        this.stream = stream;
    }

    public TextOutput print(CharSequence text) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1); // one char per byte: nothing to map
        if (bytes.length > CHUNK - length) {
            drain();
            if (bytes.length > CHUNK) {
                write(bytes);
                return this;
            }
        }
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
        return this;
    }

    public TextOutput print(char c) {
        if (length == CHUNK) {
            drain();
        }
        buffer[length++] = (byte) c;
        return this;
    }

    /** Sends the buffered bytes on. */
    public void flush() {
        drain();
        try {
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void drain() {
        if (length == 0) {
            return;
        }
        try {
            stream.write(buffer, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        length = 0;
    }

    private void write(byte[] bytes) {
        try {
            stream.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
