package io.lvsj.ipvsadm.listing;

import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.ServiceEntry;
import io.lvsj.ipvs.ServiceKey;

import java.util.ArrayList;
import java.util.List;

/**
 * ipvsadm's listing order, bugs included: services by fwmark, family, protocol, address and
 * port, destinations by address and port, each compared by subtracting the unsigned values as
 * C {@code int}s. That is why 192.0.2.1 lists before 10.1.1.1 and a fwmark of 2^31 or more
 * before everything. Java's {@code int} subtraction wraps exactly as C's does. Each entry's
 * fields are read once into arrays, then the positions are sorted as glibc would sort them.
 */
public final class TableOrder {
    private TableOrder() {
    }

    /** What ipvsadm compares, for n entries: addresses as four 32-bit words each, IPv4 in the first. */
    private static final class Keys {
        final int[] fwmark;
        final int[] family;
        final int[] protocol;
        final int[] words;
        final boolean[] ipv6;
        final int[] port;

        Keys(int n) {
            fwmark = new int[n];
            family = new int[n];
            protocol = new int[n];
            words = new int[4 * n];
            ipv6 = new boolean[n];
            port = new int[n];
        }

        void address(int i, byte[] a) {
            for (int w = 0; w < a.length / 4; w++) {
                words[4 * i + w] = ((a[4 * w] & 0xff) << 24) | ((a[4 * w + 1] & 0xff) << 16)
                        | ((a[4 * w + 2] & 0xff) << 8) | (a[4 * w + 3] & 0xff);
            }
            ipv6[i] = a.length == 16;
        }

        int compare(int a, int b) {
            int r = fwmark[a] - fwmark[b];
            if (r != 0) {
                return r;
            }
            r = family[a] - family[b];
            if (r != 0) {
                return r;
            }
            r = protocol[a] - protocol[b];
            if (r != 0) {
                return r;
            }
            // IPv6 compares four words, stopping at the first that differs; IPv4 only the first
            for (int w = 0; r == 0 && w < (ipv6[a] ? 4 : 1); w++) {
                r = words[4 * a + w] - words[4 * b + w];
            }
            if (r != 0) {
                return r;
            }
            return port[a] - port[b];
        }
    }

    public static List<ServiceEntry> services(List<ServiceEntry> services) {
        int n = services.size();
        Keys keys = new Keys(n);
        for (int i = 0; i < n; i++) {
            ServiceKey k = services.get(i).key();
            keys.family[i] = k.family().number();
            if (k instanceof ServiceKey.Inet inet) {
                keys.protocol[i] = inet.protocol().number();
                keys.address(i, inet.address().getAddress());
                keys.port[i] = inet.port();
            } else {
                keys.fwmark[i] = ((ServiceKey.Fwmark) k).mark();
                keys.ipv6[i] = keys.family[i] == 10; // compares four zero words, as ipvsadm does
            }
        }
        return pick(services, GlibcMergeSort.order(n, keys::compare));
    }

    /** Destinations compare by address and port only: the family is not looked at. */
    public static List<DestinationEntry> destinations(List<DestinationEntry> destinations) {
        int n = destinations.size();
        if (n <= 1) {
            return destinations;
        }
        Keys keys = new Keys(n);
        for (int i = 0; i < n; i++) {
            keys.address(i, destinations.get(i).destination().address().getAddress());
            keys.port[i] = destinations.get(i).destination().port();
        }
        return pick(destinations, GlibcMergeSort.order(n, keys::compare));
    }

    private static <T> List<T> pick(List<T> items, int[] order) {
        List<T> out = new ArrayList<>(order.length);
        for (int i : order) {
            out.add(items.get(i));
        }
        return out;
    }
}
