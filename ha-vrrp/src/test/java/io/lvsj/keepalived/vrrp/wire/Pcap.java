package io.lvsj.keepalived.vrrp.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Reads the classic libpcap format tcpdump writes with {@code -w}: Ethernet frames with timestamps. */
public final class Pcap {
    public record Frame(long micros, byte[] bytes) {
        public ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes);
        }

        public int etherType() {
            return ((bytes[12] & 0xff) << 8) | (bytes[13] & 0xff);
        }

        /** The frame after its 14-byte Ethernet header. */
        public ByteBuffer payload() {
            return ByteBuffer.wrap(bytes, 14, bytes.length - 14).slice();
        }
    }

    private Pcap() {
    }

    public static List<Frame> read(String resource) {
        try (InputStream in = Pcap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return parse(in.readAllBytes(), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a capture file; a file tcpdump is still writing may end in a partial record, which is left out. */
    public static List<Frame> readFile(java.nio.file.Path file) {
        try {
            return parse(java.nio.file.Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Frame> parse(byte[] file, String resource) {
        {
            ByteBuffer b = ByteBuffer.wrap(file);
            if (b.limit() < 24) {
                return List.of();
            }
            int magic = b.getInt(0);
            if (magic == 0xd4c3b2a1) {
                b.order(ByteOrder.LITTLE_ENDIAN);
            } else if (magic != 0xa1b2c3d4) {
                throw new IllegalArgumentException(resource + " is not a pcap file (magic " + Integer.toHexString(magic) + ")");
            }
            if (b.getInt(20) != 1) {
                throw new IllegalArgumentException(resource + " is not an Ethernet capture");
            }
            List<Frame> frames = new ArrayList<>();
            int p = 24;
            while (p + 16 <= b.limit()) {
                long seconds = b.getInt(p) & 0xffffffffL;
                long micros = b.getInt(p + 4) & 0xffffffffL;
                int captured = b.getInt(p + 8);
                if (p + 16 + captured > b.limit()) {
                    break;
                }
                byte[] bytes = new byte[captured];
                b.get(p + 16, bytes);
                frames.add(new Frame(seconds * 1_000_000 + micros, bytes));
                p += 16 + captured;
            }
            return frames;
        }
    }
}
