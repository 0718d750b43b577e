package io.lvsj.ipvsadm.listing;

import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.ServiceEntry;
import io.lvsj.ipvs.ServiceKey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ipvsadm's listing order, bugs included: services by fwmark, family, protocol, address and
 * port, destinations by address and port, each compared by subtracting the unsigned values as
 * C {@code int}s. That is why 192.0.2.1 lists before 10.1.1.1 and a fwmark of 2^31 or more
 * before everything. Java's {@code int} subtraction wraps exactly as C's does. The fields are
 * read once per entry, not once per comparison.
 */
public final class TableOrder {
    private TableOrder() {
    }

    /** What ipvsadm compares, as it holds it: addresses as four 32-bit words, IPv4 in the first. */
    private record Key<T>(T entry, int fwmark, int family, int protocol, int[] words, boolean ipv6, int port) {
    }

    private static final Comparator<Key<?>> ORDER = (a, b) -> {
        int r = a.fwmark - b.fwmark;
        if (r != 0) {
            return r;
        }
        r = a.family - b.family;
        if (r != 0) {
            return r;
        }
        r = a.protocol - b.protocol;
        if (r != 0) {
            return r;
        }
        // IPv6 compares four words, stopping at the first that differs; IPv4 only the first
        for (int i = 0; r == 0 && i < (a.ipv6 ? 4 : 1); i++) {
            r = a.words[i] - b.words[i];
        }
        if (r != 0) {
            return r;
        }
        return a.port - b.port;
    };

    public static List<ServiceEntry> services(List<ServiceEntry> services) {
        List<Key<ServiceEntry>> keys = new ArrayList<>(services.size());
        for (ServiceEntry s : services) {
            ServiceKey k = s.key();
            int family = k.family().number();
            if (k instanceof ServiceKey.Inet i) {
                keys.add(new Key<>(s, 0, family, i.protocol().number(), words(i.address().getAddress()), family == 10,
                        i.port()));
            } else {
                keys.add(new Key<>(s, ((ServiceKey.Fwmark) k).mark(), family, 0, new int[4], family == 10, 0));
            }
        }
        return entries(GlibcMergeSort.sort(keys, ORDER));
    }

    /** Destinations compare by address and port only: the family is not looked at. */
    public static List<DestinationEntry> destinations(List<DestinationEntry> destinations) {
        List<Key<DestinationEntry>> keys = new ArrayList<>(destinations.size());
        for (DestinationEntry d : destinations) {
            byte[] address = d.destination().address().getAddress();
            keys.add(new Key<>(d, 0, 0, 0, words(address), address.length == 16, d.destination().port()));
        }
        return entries(GlibcMergeSort.sort(keys, ORDER));
    }

    private static <T> List<T> entries(List<Key<T>> keys) {
        List<T> out = new ArrayList<>(keys.size());
        for (Key<T> k : keys) {
            out.add(k.entry);
        }
        return out;
    }

    private static int[] words(byte[] a) {
        int[] w = new int[4];
        for (int i = 0; i < a.length / 4; i++) {
            w[i] = ((a[4 * i] & 0xff) << 24) | ((a[4 * i + 1] & 0xff) << 16) | ((a[4 * i + 2] & 0xff) << 8)
                    | (a[4 * i + 3] & 0xff);
        }
        return w;
    }
}
