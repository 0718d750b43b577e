package io.lvsj.ipvsadm.listing;

import io.lvsj.ipvsadm.inet.NameService;
import io.lvsj.text.InetText;

import java.util.HashMap;
import java.util.Map;

/**
 * ipvsadm's {@code addrport_to_anyname}: {@code address:port} with IPv6 in brackets, numeric
 * with {@code -n}, else with the host name and service name where the system knows them. The
 * result fits ipvsadm's 60-byte buffer, so long names are cut at 59 characters. Answers are
 * remembered for the length of one listing: ipvsadm asks again for every line, which only
 * costs time (a DNS query per line for a table of unnamed addresses).
 */
final class EndpointNames {
    private static final int BUFFER = 60;

    private final NameService names;
    private final boolean numeric;
    private final Map<String, String> hosts = new HashMap<>();
    private final Map<Integer, String> services = new HashMap<>();

    EndpointNames(NameService names, boolean numeric) {
        this.names = names;
        this.numeric = numeric;
    }

    boolean numeric() {
        return numeric;
    }

    /**
     * Appends the numeric form without intermediate strings (a listing has one per line). It
     * never needs cutting: the longest, an IPv6 address with brackets and port, is 53 characters.
     */
    static void appendNumeric(StringBuilder out, byte[] address, int port) {
        if (address.length == 4) {
            out.append(address[0] & 0xff).append('.').append(address[1] & 0xff).append('.')
                    .append(address[2] & 0xff).append('.').append(address[3] & 0xff);
        } else {
            out.append('[').append(InetText.ntop6(address)).append(']');
        }
        out.append(':').append(port);
    }

    /** @param address 4 or 16 bytes */
    String format(byte[] address, int port, int protocol) {
        boolean v6 = address.length == 16;
        String host;
        String service;
        if (numeric) {
            host = InetText.ntop(address);
            service = Integer.toString(port);
        } else {
            host = hosts.computeIfAbsent(InetText.ntop(address), text -> {
                String name = names.hostName(address);
                return name != null ? name : text;
            });
            service = services.computeIfAbsent(protocol << 16 | port, key -> {
                String name = names.serviceName(port, protocol);
                return name != null ? name : Integer.toString(port);
            });
        }
        String text = v6 ? "[" + host + "]:" + service : host + ":" + service;
        return Columns.cut(text, BUFFER);
    }
}
