package io.lvsj.ipvsadm;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line's arguments as the bytes the user typed, one char per byte, as ipvsadm
 * sees its {@code argv}: ipvsadm echoes arguments in its messages byte for byte, whatever the
 * locale. The JVM has already decoded them with the locale's charset, which under
 * {@code LC_ALL=C} turns every non-ASCII byte into {@code ?} and under UTF-8 turns invalid
 * bytes into U+FFFD, so the original bytes are read back from {@code /proc/self/cmdline}: its
 * last entries are the program's arguments (the java launcher passes everything after the
 * main class unchanged).
 */
final class RawArguments {
    private static final Path CMDLINE = Path.of("/proc/self/cmdline");

    private RawArguments() {
    }

    /** {@code args} as bytes: from {@code /proc/self/cmdline}, or re-encoded when that is not readable. */
    static List<String> of(String[] args) {
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(CMDLINE);
        } catch (IOException | UnsupportedOperationException e) {
            cmdline = null;
        }
        List<String> raw = cmdline == null ? null : fromCommandLine(cmdline, args);
        return raw != null ? raw : reencoded(args);
    }

    /**
     * The last {@code args.length} NUL-terminated entries of {@code cmdline}, one char per byte,
     * or {@code null} when they cannot be {@code args} (fewer entries, or an argument that the
     * JVM decoded losslessly differs): then the caller does not trust them.
     */
    static List<String> fromCommandLine(byte[] cmdline, String[] args) {
        List<String> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                entries.add(new String(cmdline, start, i - start, StandardCharsets.ISO_8859_1));
                start = i + 1;
            }
        }
        if (entries.size() < args.length) {
            return null;
        }
        List<String> tail = entries.subList(entries.size() - args.length, entries.size());
        for (int i = 0; i < args.length; i++) {
            if (isPlainAscii(args[i]) && !args[i].equals(tail.get(i))) {
                return null;
            }
        }
        return List.copyOf(tail);
    }

    /** Printable ASCII without the {@code ?} a lossy decoding leaves: the JVM read it as typed. */
    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x7f || c == '?') {
                return false;
            }
        }
        return true;
    }

    /** The best the decoded arguments give: re-encoded with the charset the JVM decoded them with. */
    static List<String> reencoded(String[] args) {
        Charset platform = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        List<String> out = new ArrayList<>(args.length);
        for (String a : args) {
            out.add(isPlainAscii(a) ? a : new String(a.getBytes(platform), StandardCharsets.ISO_8859_1));
        }
        return out;
    }
}
