package io.lvsj.ipvsadm.listing;

import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.ServiceEntry;
import io.lvsj.ipvs.ServiceKey;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;

/**
 * ipvsadm's listing order, bugs included: services by fwmark, family, protocol, address and
 * port, destinations by address and port, each compared by subtracting the unsigned values as
 * C {@code int}s. That is why 192.0.2.1 lists before 10.1.1.1 and a fwmark of 2^31 or more
 * before everything. Java's {@code int} subtraction wraps exactly as C's does.
 */
public final class TableOrder {
    private TableOrder() {
    }

    public static final Comparator<ServiceEntry> SERVICES = (a, b) -> {
        int r = fwmark(a.key()) - fwmark(b.key());
        if (r != 0) {
            return r;
        }
        r = a.key().family().number() - b.key().family().number();
        if (r != 0) {
            return r;
        }
        r = protocol(a.key()) - protocol(b.key());
        if (r != 0) {
            return r;
        }
        r = compareAddresses(address(a.key()), address(b.key()), a.key().family().number() == 10);
        if (r != 0) {
            return r;
        }
        return port(a.key()) - port(b.key());
    };

    public static final Comparator<DestinationEntry> DESTINATIONS = (a, b) -> {
        byte[] x = words(a.destination().address());
        int r = compareAddresses(x, words(b.destination().address()), a.destination().address().getAddress().length == 16);
        if (r != 0) {
            return r;
        }
        return a.destination().port() - b.destination().port();
    };

    public static List<ServiceEntry> services(List<ServiceEntry> services) {
        return GlibcMergeSort.sort(services, SERVICES);
    }

    public static List<DestinationEntry> destinations(List<DestinationEntry> destinations) {
        return GlibcMergeSort.sort(destinations, DESTINATIONS);
    }

    /** IPv6 compares four 32-bit words, stopping at the first that differs; IPv4 only the first. */
    private static int compareAddresses(byte[] a, byte[] b, boolean ipv6) {
        int r = 0;
        for (int i = 0; r == 0 && i < (ipv6 ? 4 : 1); i++) {
            r = word(a, i) - word(b, i);
        }
        return r;
    }

    private static int word(byte[] a, int i) {
        return ((a[4 * i] & 0xff) << 24) | ((a[4 * i + 1] & 0xff) << 16) | ((a[4 * i + 2] & 0xff) << 8)
                | (a[4 * i + 3] & 0xff);
    }

    /** The address as ipvsadm holds it: 16 bytes, IPv4 in the first four. */
    private static byte[] words(InetAddress address) {
        return java.util.Arrays.copyOf(address.getAddress(), 16);
    }

    private static int fwmark(ServiceKey key) {
        return key instanceof ServiceKey.Fwmark f ? f.mark() : 0;
    }

    private static int protocol(ServiceKey key) {
        return key instanceof ServiceKey.Inet i ? i.protocol().number() : 0;
    }

    private static byte[] address(ServiceKey key) {
        return key instanceof ServiceKey.Inet i ? words(i.address()) : new byte[16];
    }

    private static int port(ServiceKey key) {
        return key instanceof ServiceKey.Inet i ? i.port() : 0;
    }
}
