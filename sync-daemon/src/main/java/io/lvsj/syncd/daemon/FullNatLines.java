package io.lvsj.syncd.daemon;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The configuration lines of the conntrack relay, read for {@link SyncdConfigParser}:
 *
 * <pre>
 * fullnat-service tcp|udp|sctp ADDRESS:PORT   a FullNAT virtual service ([IPv6]:PORT); one line each
 * local-address ADDRESS                       a local address (LIP) its source NAT uses; one line each,
 *                                             or A.B.C.D-E for the last octet's range, as keepalived's
 *                                             local_address_group has it
 * </pre>
 */
final class FullNatLines {
    private final BiConsumer<Integer, String> error;
    private final List<FullNatConntrack.Service> services = new ArrayList<>();
    private final Set<InetAddress> addresses = new LinkedHashSet<>();
    private int firstService;
    private int firstAddress;

    FullNatLines(BiConsumer<Integer, String> error) {
        this.error = error;
    }

    static boolean keyword(String w) {
        return w.equals("fullnat-service") || w.equals("local-address");
    }

    static int arity(String w) {
        return w.equals("fullnat-service") ? 2 : 1;
    }

    void line(int n, String[] w) {
        if (w[0].equals("fullnat-service")) {
            service(n, w[1], w[2]);
        } else {
            localAddress(n, w[1]);
        }
    }

    private void service(int n, String protocolName, String endpoint) {
        int protocol = switch (protocolName.toLowerCase(Locale.ROOT)) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "sctp" -> 132;
            default -> -1;
        };
        if (protocol < 0) {
            error.accept(n, "fullnat-service takes tcp, udp or sctp, not " + protocolName);
            return;
        }
        int colon = endpoint.lastIndexOf(':');
        String host = colon > 0 ? endpoint.substring(0, colon) : endpoint;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            colon = -1;
        }
        if (colon <= 0) {
            error.accept(n, "fullnat-service takes ADDRESS:PORT ([ADDRESS]:PORT for IPv6), not " + endpoint);
            return;
        }
        InetAddress address = address(n, host);
        int port = port(n, endpoint.substring(colon + 1));
        if (address != null && port > 0) {
            FullNatConntrack.Service s = new FullNatConntrack.Service(protocol, address, port);
            if (services.contains(s)) {
                error.accept(n, "fullnat-service " + s + " is listed twice");
            } else {
                services.add(s);
                firstService = firstService == 0 ? n : firstService;
            }
        }
    }

    private void localAddress(int n, String text) {
        firstAddress = firstAddress == 0 ? n : firstAddress;
        int dash = text.indexOf('-');
        if (dash < 0) {
            InetAddress a = address(n, text);
            if (a != null) {
                addresses.add(a);
            }
            return;
        }
        InetAddress first = address(n, text.substring(0, dash));
        if (first == null) {
            return;
        }
        int last;
        try {
            last = Integer.parseInt(text.substring(dash + 1));
        } catch (NumberFormatException e) {
            last = -1;
        }
        int from = first.getAddress()[3] & 0xff;
        if (!(first instanceof Inet4Address) || last <= from || last > 254) {
            error.accept(n, text + " is not a range of the last octet (A.B.C.D-E, D < E < 255)");
            return;
        }
        byte[] b = first.getAddress();
        for (int i = from; i <= last; i++) {
            b[3] = (byte) i;
            addresses.add(InetAddress.ofLiteral((b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + i));
        }
    }

    /** Checks the lines together (at {@code end}, the last line) and returns what they say. */
    FullNatConntrack result(int end) {
        if (!services.isEmpty() && addresses.isEmpty()) {
            error.accept(firstService, "fullnat-service needs local-address lines: the addresses its source NAT uses");
        }
        if (services.isEmpty() && firstAddress != 0) {
            error.accept(firstAddress, "local-address is for fullnat-service, and there is none");
        }
        return new FullNatConntrack(services, new ArrayList<>(addresses));
    }

    private InetAddress address(int n, String text) {
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            error.accept(n, text + " is not an IP address");
            return null;
        }
    }

    private int port(int n, String text) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        error.accept(n, text + " is not a port (1..65535)");
        return -1;
    }
}
