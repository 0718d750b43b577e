package io.lvsj.ipvsadm.listing;

import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.Stats;
import io.lvsj.ipvs.TunnelType;
import io.lvsj.ipvsadm.inet.InetText;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
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
 */
public final class ProcIpvsTable {
    private final Map<String, List<DestinationEntry>> destinations;

    private ProcIpvsTable(Map<String, List<DestinationEntry>> destinations) {
        this.destinations = destinations;
    }

    /** The destinations of {@code key} in the kernel's order, or {@code null} if the file did not say. */
    public List<DestinationEntry> destinations(ServiceKey key) {
        return destinations.get(name(key));
    }

    public static ProcIpvsTable parse(String file) {
        Map<String, List<DestinationEntry>> out = new HashMap<>();
        Set<String> doubtful = new HashSet<>();
        List<DestinationEntry> current = null;
        String currentName = null;
        int lineStart = 0;
        while (lineStart < file.length()) {
            int lineEnd = file.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = file.length();
            }
            String line = file.substring(lineStart, lineEnd);
            lineStart = lineEnd + 1;
            if (line.startsWith("  -> ")) {
                if (current == null) {
                    continue; // the column titles
                }
                DestinationEntry d = destination(line);
                if (d == null) {
                    doubtful.add(currentName);
                } else {
                    current.add(d);
                }
                continue;
            }
            current = null;
            currentName = serviceName(line);
            if (currentName == null) {
                continue; // the header lines, or a service this parser cannot name
            }
            if (out.containsKey(currentName)) {
                doubtful.add(currentName);
            }
            current = new ArrayList<>();
            out.put(currentName, current);
        }
        doubtful.forEach(out::remove);
        return new ProcIpvsTable(out);
    }

    /** "TCP  C000020A:0050 rr ...", "TCP  [2001:0db8:...]:01BB mh ...", "FWM  00000001 wrr ...". */
    private static String serviceName(String line) {
        List<String> fields = words(line, 0);
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

    /** "  -> 0A010101:1F90      Masq    3      0          0" (100,000 of these: no substrings). */
    private static DestinationEntry destination(String line) {
        Cursor c = new Cursor(line, 5);
        int addressStart = c.skipBlanks();
        int addressEnd = c.word();
        c.skipBlanks();
        int methodEnd = c.word();
        ForwardingMethod method = switch (line.substring(c.start, methodEnd)) {
            case "Masq" -> ForwardingMethod.MASQ;
            case "Local" -> ForwardingMethod.LOCALNODE;
            case "Tunnel" -> ForwardingMethod.TUNNEL;
            case "Route" -> ForwardingMethod.DROUTE;
            default -> null;
        };
        long weight = c.decimal();
        long active = c.decimal();
        long inactive = c.decimal();
        c.skipBlanks();
        if (method == null || weight == Long.MIN_VALUE || active == Long.MIN_VALUE || inactive == Long.MIN_VALUE
                || c.position != line.length()) {
            return null;
        }
        Endpoint e = endpoint(line.substring(addressStart, addressEnd));
        if (e == null) {
            return null;
        }
        try {
            InetAddress address = e.address.length == 16 ? Inet6Address.getByAddress(null, e.address, -1)
                    : InetAddress.getByAddress(e.address);
            return new DestinationEntry(new Destination(address, e.port, method, (int) weight, 0, 0, TunnelType.IPIP, 0, 0),
                    active & 0xffffffffL, inactive & 0xffffffffL, 0, Stats.ZERO);
        } catch (UnknownHostException ex) {
            return null;
        }
    }

    /** A position in a line, moved word by word. */
    private static final class Cursor {
        final String line;
        int position;
        int start;

        Cursor(String line, int position) {
            this.line = line;
            this.position = position;
        }

        int skipBlanks() {
            while (position < line.length() && line.charAt(position) == ' ') {
                position++;
            }
            start = position;
            return position;
        }

        int word() {
            while (position < line.length() && line.charAt(position) != ' ') {
                position++;
            }
            return position;
        }

        /** The next word as a decimal int (the kernel prints %d), or Long.MIN_VALUE. */
        long decimal() {
            skipBlanks();
            boolean negative = position < line.length() && line.charAt(position) == '-';
            if (negative) {
                position++;
            }
            long value = 0;
            int digits = 0;
            while (position < line.length() && line.charAt(position) >= '0' && line.charAt(position) <= '9' && digits < 11) {
                value = value * 10 + (line.charAt(position++) - '0');
                digits++;
            }
            if (digits == 0 || (position < line.length() && line.charAt(position) != ' ')) {
                return Long.MIN_VALUE;
            }
            value = negative ? -value : value;
            return value < Integer.MIN_VALUE || value > Integer.MAX_VALUE ? Long.MIN_VALUE : value;
        }
    }

    /** The blank-separated words of {@code line} from {@code from} on (no regular expression: 100,000 lines). */
    private static List<String> words(String line, int from) {
        List<String> out = new ArrayList<>(6);
        int i = from;
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
