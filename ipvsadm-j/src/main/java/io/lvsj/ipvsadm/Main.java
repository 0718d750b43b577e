package io.lvsj.ipvsadm;

import io.lvsj.ipvsadm.inet.GlibcNameService;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The {@code ipvsadm-j} program. The launcher passes its own name in {@code ipvsadm.program}
 * (ipvsadm prints its {@code argv[0]} in help and error texts).
 */
public final class Main {
    private static final Path PROC_NET = Path.of("/proc/net");
    private static final int PROC_READ = 256 * 1024;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getProperty("ipvsadm.program", "ipvsadm-j"), args, new RealIpvsConnector()));
    }

    /** Runs one command line with this process's streams and files; returns the exit status. */
    public static int run(String program, String[] args, Environment.IpvsConnector ipvs) {
        Environment env = new Environment(System.in, new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err), ipvs,
                new SystemProcNet(),
                new GlibcNameService(),
                System.getenv("POSIXLY_CORRECT") != null || System.getenv("POSIX_ME_HARDER") != null);
        return Ipvsadm.run(env, RawArguments.reencoded(new String[] {program}).getFirst(), RawArguments.of(args));
    }

    /** This process's network namespace's {@code /proc/net}. */
    private static final class SystemProcNet implements Environment.ProcNet {
        @Override
        public String read(String name) throws IOException {
            return readProcFile(PROC_NET.resolve(name));
        }

        @Override
        public ReadableByteChannel open(String name) throws IOException {
            return FileChannel.open(PROC_NET.resolve(name));
        }
    }

    /**
     * A {@code /proc} file as text, one char per byte, in few reads: the kernel walks its
     * table from the first entry again for every read, and a table of 100,000 connections
     * is some 15 MB ({@link Files#readAllBytes} reads a file of size 0 a
     * byte, then 8 KiB at first). The reads go through one direct buffer: a heap array would
     * have the JDK allocate a native copy of its size for every read, all fresh pages.
     */
    private static String readProcFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer chunk = ByteBuffer.allocateDirect(PROC_READ);
            byte[] text = new byte[4 * PROC_READ];
            int length = 0;
            while (channel.read(chunk.clear()) > 0) {
                chunk.flip();
                while (text.length - length < chunk.remaining()) {
                    text = Arrays.copyOf(text, 2 * text.length);
                }
                int n = chunk.remaining();
                chunk.get(text, length, n);
                length += n;
            }
            return new String(text, 0, length, StandardCharsets.ISO_8859_1);
        }
    }
}
