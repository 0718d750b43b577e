package io.lvsj.ipvsadm.listing;

import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.Stats;
import io.lvsj.ipvs.TunnelType;
import io.lvsj.text.InetText;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The destinations of every service, read from the kernel's {@code /proc/net/ip_vs} in one go.
 * It carries exactly what the plain {@code -L} destination line shows (address, port, forwarding
 * method, weight, active and inactive connections), so the plain listing needs one netlink
 * dump for the services instead of one more per service. Services it cannot name without
 * doubt (two fwmark services with the same mark, one per family, print alike; a protocol
 * without a number here; a line it does not understand) are left out, and the caller asks
 * netlink for those.
 *
 * <p>Reading the file only notes where each service's destination lines are; a service's lines
 * are parsed when it is listed. A table of 100,000 destinations then never holds 100,000
 * destination objects at once: each service's die young, where the garbage collector does not
 * copy them (holding them all cost several collections copying tens of megabytes, and in the
 * kernel lab every fresh page is expensive).
 *
 * <p>For the same reason the text stays as the bytes the kernel gave, in blocks of about
 * {@value #BLOCK} bytes that each hold whole services, filled once and never copied whole: the
 * file of a 10,000 x 10 table is 6.3 MB, and reading it into one growing array and then a
 * {@code String} touched 21 MB of fresh memory, 1.1 s of a 2 s read in the kernel lab.
 */
public final class ProcIpvsTable {
    private static final int BLOCK = 1 << 20;
    private static final int READ = 256 * 1024;

    /** One service's destination lines: {@code text[start, end)}, whole lines. */
    private record Lines(byte[] text, int start, int end) {
    }

    private final Map<String, Lines> services;

    private ProcIpvsTable(Map<String, Lines> services) {
        this.services = services;
    }

    /**
     * The destinations of {@code key} in the kernel's order, or {@code null} if the file did not
     * say (no such service, two alike, or a destination line this parser does not understand).
     */
    public List<DestinationEntry> destinations(ServiceKey key) {
        Lines lines = services.get(name(key));
        if (lines == null) {
            return null;
        }
        List<DestinationEntry> out = new ArrayList<>();
        Cursor c = new Cursor(lines.text, lines.end);
        for (int start = lines.start; start < lines.end; start = c.lineEnd + 1) {
            DestinationEntry d = c.line(start) ? destination(c) : null;
            if (d == null) {
                return null;
            }
            out.add(d);
        }
        return out;
    }

    /**
     * Reads the file to its end. The kernel walks the table from its first service again for
     * every read, so the reads are large. Whenever a block is full, the services it holds whole
     * are indexed and the last, cut one moves to the start of the next block.
     */
    public static ProcIpvsTable read(ReadableByteChannel file) throws IOException {
        Map<String, Lines> services = new HashMap<>();
        Set<String> doubtful = new HashSet<>();
        // one direct buffer: a heap array would have the JDK allocate a native copy per read
        ByteBuffer chunk = ByteBuffer.allocateDirect(READ);
        byte[] block = new byte[BLOCK];
        int length = 0;
        while (file.read(chunk.clear()) >= 0) {
            chunk.flip();
            while (chunk.hasRemaining()) {
                if (length == block.length) {
                    int cut = lastServiceStart(block, length);
                    byte[] next = new byte[Math.max(BLOCK, 2 * (length - cut))]; // one service may exceed a block
                    index(block, cut, services, doubtful);
                    System.arraycopy(block, cut, next, 0, length - cut);
                    length -= cut;
                    block = next;
                }
                int n = Math.min(chunk.remaining(), block.length - length);
                chunk.get(block, length, n);
                length += n;
            }
        }
        index(block, length, services, doubtful);
        doubtful.forEach(services::remove);
        return new ProcIpvsTable(services);
    }

    /** Where the last line that is not a destination line starts ({@code 0} if none after the first). */
    private static int lastServiceStart(byte[] text, int length) {
        for (int i = length - 1; i > 0; i--) {
            if (text[i - 1] == '\n' && text[i] != ' ') {
                return i;
            }
        }
        return 0;
    }

    /**
     * Notes in {@code services} where each service in {@code text[0, to)} (whole services) has
     * its destination lines, and in {@code doubtful} the names seen twice.
     */
    private static void index(byte[] text, int to, Map<String, Lines> services, Set<String> doubtful) {
        int lineStart = 0;
        while (lineStart < to) { // one service line (or header line) at a time
            int lineEnd = lineEnd(text, lineStart, to);
            String name = serviceName(new String(text, lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1));
            int destinationsStart = Math.min(lineEnd + 1, to);
            lineStart = destinationLinesEnd(text, destinationsStart, to); // the column titles go with the header
            if (name != null && services.put(name, new Lines(text, destinationsStart, lineStart)) != null) {
                doubtful.add(name);
            }
        }
    }

    private static int lineEnd(byte[] text, int lineStart, int to) {
        for (int i = lineStart; i < to; i++) {
            if (text[i] == '\n') {
                return i;
            }
        }
        return to;
    }

    /** Where the destination lines from {@code from} on end: the next line that is none, or the end. */
    private static int destinationLinesEnd(byte[] text, int from, int to) {
        int lineStart = from;
        while (lineStart < to && Cursor.isArrow(text, lineStart, to)) {
            lineStart = Math.min(lineEnd(text, lineStart, to) + 1, to);
        }
        return lineStart;
    }

    /** "TCP  C000020A:0050 rr ...", "TCP  [2001:0db8:...]:01BB mh ...", "FWM  00000001 wrr ...". */
    private static String serviceName(String line) {
        List<String> fields = words(line);
        if (fields.size() < 2) {
            return null;
        }
        String protocol = fields.get(0);
        if (protocol.equals("FWM")) {
            try {
                return "FWM " + Long.parseLong(fields.get(1), 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        int number = switch (protocol) {
            case "TCP" -> 6;
            case "UDP" -> 17;
            case "SCTP" -> 132;
            default -> -1;
        };
        Endpoint e = endpoint(fields.get(1));
        return number < 0 || e == null ? null : number + " " + InetText.ntop(e.address) + " " + e.port;
    }

    private static String name(ServiceKey key) {
        return switch (key) {
            case ServiceKey.Fwmark f -> "FWM " + Integer.toUnsignedString(f.mark());
            case ServiceKey.Inet i -> i.protocol().number() + " " + InetText.ntop(i.address().getAddress()) + " " + i.port();
        };
    }

    private record Endpoint(byte[] address, int port) {
    }

    /** "C000020A:0050" or "[2001:0db8:...:0005]:0050". */
    private static Endpoint endpoint(String text) {
        try {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                return null;
            }
            int port = Integer.parseInt(text.substring(colon + 1), 16);
            if (port < 0 || port > 0xffff) {
                return null;
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                byte[] v6 = InetText.pton6(host.substring(1, host.length() - 1));
                return v6 == null ? null : new Endpoint(v6, port);
            }
            long v4 = Long.parseLong(host, 16);
            return new Endpoint(new byte[]{(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4}, port);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * "  -> 0A010101:1F90      Masq    3      0          0" (100,000 of these: no substrings for
     * the usual IPv4 line), or null when the line says anything else.
     */
    private static DestinationEntry destination(Cursor c) {
        c.skipBlanks();
        byte[] address;
        int port;
        long v4 = c.hex(8); // the kernel prints an IPv4 destination as %08X:%04X
        long p = v4 >= 0 && c.next() == ':' ? c.hex(4) : -1;
        if (p >= 0) {
            address = new byte[]{(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
            port = (int) p;
        } else {
            c.position = c.start; // IPv6, or something the general parser will refuse
            Endpoint e = endpoint(c.wordText());
            if (e == null) {
                return null;
            }
            address = e.address;
            port = e.port;
        }
        c.skipBlanks();
        ForwardingMethod method = c.method();
        long weight = c.decimal();
        long active = c.decimal();
        long inactive = c.decimal();
        c.skipBlanks();
        if (method == null || weight == Long.MIN_VALUE || active == Long.MIN_VALUE || inactive == Long.MIN_VALUE
                || c.position != c.lineEnd) {
            return null;
        }
        try {
            InetAddress a = address.length == 16 ? Inet6Address.getByAddress(null, address, -1)
                    : InetAddress.getByAddress(address);
            return new DestinationEntry(new Destination(a, port, method, (int) weight, 0, 0, TunnelType.IPIP, 0, 0),
                    active & 0xffffffffL, inactive & 0xffffffffL, 0, Stats.ZERO);
        } catch (UnknownHostException ex) {
            return null;
        }
    }

    /** A position in one destination line of the file, moved word by word. */
    private static final class Cursor {
        private static final byte[] ARROW = "  -> ".getBytes(StandardCharsets.ISO_8859_1);
        private static final ForwardingMethod[] METHODS = ForwardingMethod.values();

        final byte[] text;
        /** The end of the service's lines. */
        final int limit;
        int lineEnd;
        int position;
        /** Where the last run of blanks ended. */
        int start;

        Cursor(byte[] text, int limit) {
            this.text = text;
            this.limit = limit;
        }

        static boolean isArrow(byte[] text, int at, int to) {
            return to - at >= ARROW.length && Arrays.equals(text, at, at + ARROW.length, ARROW, 0, ARROW.length);
        }

        /** Moves to the line at {@code lineStart}, after its arrow; false if it is no destination line. */
        boolean line(int lineStart) {
            lineEnd = lineEnd(text, lineStart, limit);
            position = lineStart + ARROW.length;
            return isArrow(text, lineStart, lineEnd);
        }

        private char at(int i) {
            return (char) (text[i] & 0xff);
        }

        char next() {
            return position < lineEnd ? at(position++) : '\0';
        }

        void skipBlanks() {
            while (position < lineEnd && text[position] == ' ') {
                position++;
            }
            start = position;
        }

        private int wordEnd() {
            int end = position;
            while (end < lineEnd && text[end] != ' ') {
                end++;
            }
            return end;
        }

        /** The word from here on as text. */
        String wordText() {
            int end = wordEnd();
            String word = new String(text, position, end - position, StandardCharsets.ISO_8859_1);
            position = end;
            return word;
        }

        /** Exactly {@code digits} hex digits ({@code %08X}, {@code %04X}), or -1. */
        long hex(int digits) {
            if (lineEnd - position < digits) {
                return -1;
            }
            long v = 0;
            for (int i = 0; i < digits; i++) {
                int d = Character.digit(at(position++), 16);
                if (d < 0) {
                    return -1;
                }
                v = v << 4 | d;
            }
            return v;
        }

        ForwardingMethod method() {
            int end = wordEnd();
            int length = end - position;
            ForwardingMethod method = null;
            for (ForwardingMethod m : METHODS) {
                String label = m.label();
                if (label.length() == length && matches(label)) {
                    method = m;
                }
            }
            position = end;
            return method;
        }

        private boolean matches(String label) {
            for (int i = 0; i < label.length(); i++) {
                if (at(position + i) != label.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** The next word as a decimal int (the kernel prints %d), or Long.MIN_VALUE. */
        long decimal() {
            skipBlanks();
            boolean negative = position < lineEnd && text[position] == '-';
            if (negative) {
                position++;
            }
            long v = 0;
            int digits = 0;
            while (position < lineEnd && text[position] >= '0' && text[position] <= '9' && digits < 11) {
                v = v * 10 + (text[position++] - '0');
                digits++;
            }
            if (digits == 0 || (position < lineEnd && text[position] != ' ')) {
                return Long.MIN_VALUE;
            }
            v = negative ? -v : v;
            return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? Long.MIN_VALUE : v;
        }
    }

    /** The blank-separated words of a service line (10,000 of these: no regular expression). */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>(6);
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < line.length() && line.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out;
    }
}
