package io.lvsj.ipvsadm.listing;

import io.lvsj.ipvsadm.inet.NameService;
import io.lvsj.text.InetText;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ipvsadm -Lc}: the kernel's {@code /proc/net/ip_vs_conn} (IPv4 as hex, IPv6 in full
 * form) turned into ipvsadm's table. Like ipvsadm it reads the file in pieces of at most 255
 * characters ({@code fgets} into 256 bytes) and splits fields at blanks.
 */
public final class ConnectionListing {
    private static final int LINE_BUFFER = 256;

    /** One row of the proc file, as ipvsadm's {@code sscanf} reads it. */
    public record Row(String protocol, byte[] client, int clientPort, byte[] virtual, int virtualPort,
                      byte[] destination, int destinationPort, String state, int expires,
                      String peName, String peData, int fieldCount) {
    }

    private ConnectionListing() {
    }

    /** The file's pieces as {@code fgets} would return them, header included. */
    public static List<String> pieces(String file) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < file.length()) {
            int newline = file.indexOf('\n', i);
            int end = newline < 0 ? file.length() : newline + 1;
            end = Math.min(end, i + LINE_BUFFER - 1);
            out.add(file.substring(i, end));
            i = end;
        }
        return out;
    }

    public static String title(boolean persistentConn) {
        StringBuilder out = new StringBuilder("IPVS connection entries\npro expire ");
        Columns.left(out, "state", 11).append(' ');
        Columns.left(out, "source", 18).append(' ');
        Columns.left(out, "virtual", 18).append(' ');
        if (persistentConn) {
            Columns.left(out, "destination", 18).append(' ');
            Columns.left(out, "pe name", 16).append(" pe_data\n");
        } else {
            out.append("destination\n");
        }
        return out.toString();
    }

    /** Reads one piece; {@code null} for a blank one (ipvsadm then stops with status 1). */
    public static Row parse(String piece) {
        String[] f = piece.trim().isEmpty() ? new String[0] : splitFields(piece);
        if (f.length == 0) {
            return null;
        }
        String protocol = f[0];
        String client = field(f, 1);
        String virtual = field(f, 3);
        String destination = field(f, 5);
        byte[] clientAddress;
        byte[] virtualAddress;
        byte[] v6 = InetText.pton6(client);
        if (v6 != null) {
            clientAddress = v6;
            virtualAddress = orZero(InetText.pton6(virtual), 16);
        } else if (InetText.pton4(client) != null) {
            clientAddress = InetText.pton4(client);
            virtualAddress = orZero(InetText.pton4(virtual), 4);
        } else {
            clientAddress = hexAddress(client);
            virtualAddress = hexAddress(virtual);
        }
        byte[] destinationAddress = InetText.pton6(destination);
        if (destinationAddress == null) {
            destinationAddress = InetText.pton4(destination);
        }
        if (destinationAddress == null) {
            destinationAddress = hexAddress(destination);
        }
        int count = Math.min(f.length, 11);
        return new Row(protocol, clientAddress, hex16(field(f, 2)), virtualAddress, hex16(field(f, 4)),
                destinationAddress, hex16(field(f, 6)), field(f, 7), (int) CNumber.decimal(field(f, 8)),
                field(f, 9), field(f, 10), count);
    }

    /** The listing line for a row. */
    public static String line(Row row, boolean numeric, boolean persistentConn, NameService names) {
        int protocol = switch (row.protocol()) {
            case "TCP" -> 6;
            case "UDP" -> 17;
            case "SCTP" -> 132;
            default -> 0;
        };
        EndpointNames endpoints = new EndpointNames(names, numeric);
        int expires = row.expires();
        String expire = twoDigits(Integer.divideUnsigned(expires, 60)) + ":" + twoDigits(Integer.remainderUnsigned(expires, 60));
        StringBuilder out = new StringBuilder();
        Columns.left(out, row.protocol(), 3).append(' ');
        Columns.left(out, expire, 6).append(' ');
        Columns.left(out, row.state(), 11).append(' ');
        Columns.left(out, endpoints.format(row.client(), row.clientPort(), protocol), 18).append(' ');
        Columns.left(out, endpoints.format(row.virtual(), row.virtualPort(), protocol), 18).append(' ');
        String destination = endpoints.format(row.destination(), row.destinationPort(), protocol);
        if (persistentConn && row.fieldCount() == 11) {
            Columns.left(out, destination, 16).append(' ');
            Columns.left(out, row.peName(), 18).append(' ').append(row.peData());
        } else {
            out.append(destination);
        }
        return out.append('\n').toString();
    }

    private static String twoDigits(int n) {
        return n < 10 && n >= 0 ? "0" + n : Integer.toString(n);
    }

    private static String[] splitFields(String piece) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        while (i < piece.length()) {
            while (i < piece.length() && InetText.isSpace(piece.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < piece.length() && !InetText.isSpace(piece.charAt(i))) {
                i++;
            }
            if (i > start) {
                fields.add(piece.substring(start, i));
            }
        }
        return fields.toArray(new String[0]);
    }

    private static String field(String[] f, int i) {
        return i < f.length ? f[i] : "";
    }

    private static byte[] orZero(byte[] address, int length) {
        return address != null ? address : new byte[length];
    }

    /** {@code htonl(strtoul(text, NULL, 16))}: the kernel writes IPv4 addresses as 8 hex digits. */
    private static byte[] hexAddress(String text) {
        long v = CNumber.hex(text);
        return new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** {@code %hX}: a hex number kept to 16 bits. */
    private static int hex16(String text) {
        return (int) (CNumber.hex(text) & 0xffff);
    }

    /** The leading-number conversions {@code sscanf} and {@code strtoul} make on these fields. */
    private static final class CNumber {
        static long hex(String text) {
            int i = 0;
            if (text.startsWith("0x") || text.startsWith("0X")) {
                i = 2;
            }
            long v = 0;
            for (; i < text.length() && Character.digit(text.charAt(i), 16) >= 0 && text.charAt(i) < 128; i++) {
                v = (v << 4) | Character.digit(text.charAt(i), 16);
            }
            return v;
        }

        static long decimal(String text) {
            long v = 0;
            boolean negative = text.startsWith("-");
            for (int i = negative || text.startsWith("+") ? 1 : 0; i < text.length() && text.charAt(i) >= '0'
                    && text.charAt(i) <= '9'; i++) {
                v = v * 10 + (text.charAt(i) - '0');
            }
            return negative ? -v : v;
        }
    }
}
