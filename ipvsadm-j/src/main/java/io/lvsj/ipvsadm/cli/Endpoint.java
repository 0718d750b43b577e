package io.lvsj.ipvsadm.cli;

import io.lvsj.ipvsadm.inet.NameService;
import io.lvsj.text.InetText;

/**
 * The address part of a service or real server while a command line is read, and ipvsadm's
 * {@code parse_service} that fills it from {@code host[:port]}, {@code [v6]:port} or a bare
 * IPv6 address. Mutable on purpose: ipvsadm reads options in order into one structure, and
 * some results depend on that order (a port name needs the protocol given before it; an IPv6
 * address resets the persistence netmask to 128).
 */
final class Endpoint {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    /** {@code parse_service} found an address. */
    static final int ADDRESS = 1;
    /** {@code parse_service} found a port too. */
    static final int PORT = 2;

    int family;
    /** IPv4 in the first four bytes. */
    byte[] address = new byte[16];
    int port;
    int protocol;
    /** IPv4: the mask's value (255.255.255.0 = 0xffffff00); IPv6: the prefix length. */
    int netmask = 0xffffffff;

    Endpoint copy() {
        Endpoint c = new Endpoint();
        c.family = family;
        c.address = address.clone();
        c.port = port;
        c.protocol = protocol;
        c.netmask = netmask;
        return c;
    }

    /** The address in its family's length. */
    byte[] addressBytes() {
        return family == AF_INET6 ? address.clone() : java.util.Arrays.copyOf(address, 4);
    }

    /** Reads {@code text}; returns {@link #ADDRESS} and {@link #PORT} bits, 0 if it is no address. */
    int parse(String text, NameService names) {
        if (isAllDigits(text)) {
            return 0;
        }
        String host = text;
        String portText = null;
        boolean bracketed = text.startsWith("[");
        if (bracketed) {
            int close = text.indexOf(']', 1);
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                return 0;
            }
            host = text.substring(1, close);
            portText = text.substring(close + 2);
        }
        byte[] v6 = InetText.pton6(host);
        if (v6 != null) {
            family = AF_INET6;
            address = v6;
            netmask = 128;
        } else {
            // In brackets the host has no ':' left, so "[1.2.3.4]:80" keeps no port (as in ipvsadm).
            int colon = host.lastIndexOf(':');
            portText = colon < 0 ? null : host.substring(colon + 1);
            if (colon >= 0) {
                host = host.substring(0, colon);
            }
            byte[] v4 = InetText.aton(host);
            if (v4 == null) {
                v4 = names.hostAddress(host);
            }
            if (v4 == null) {
                return 0;
            }
            family = AF_INET;
            address = new byte[16];
            System.arraycopy(v4, 0, address, 0, 4);
        }
        if (portText == null) {
            return ADDRESS;
        }
        long number = CNumbers.number(portText, 0, 65535);
        if (number < 0) {
            number = names.servicePort(portText, protocol);
            if (number < 0) {
                return 0;
            }
        }
        port = (int) number;
        return ADDRESS | PORT;
    }

    /** ipvsadm's {@code str_is_digit}: true for "" too. */
    private static boolean isAllDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
