package io.lvsj.fullnat;

import io.lvsj.rtnl.InterfaceAddress;
import io.lvsj.rtnl.Route;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;

/**
 * Which interface a local address (LIP) goes on when the host does not have it yet: the one
 * facing the real servers, since they answer to it. That is the interface whose subnet holds
 * the address; failing that, the one the main table routes the service's real servers through.
 */
public final class LocalAddressPlacement {
    private LocalAddressPlacement() {
    }

    /** The interface index, or empty when neither rule finds one. */
    public static OptionalInt interfaceFor(InetAddress lip, List<InterfaceAddress> addresses, List<Route> routes,
                                           List<InetAddress> realServers) {
        int host = AddressText.hostPrefix(lip);
        InterfaceAddress best = null;
        for (InterfaceAddress a : addresses) {
            if (a.prefixLength() < host && a.prefixLength() > 0 && a.address().getClass() == lip.getClass()
                    && !a.address().isLoopbackAddress() && contains(a.address(), a.prefixLength(), lip)
                    && (best == null || a.prefixLength() > best.prefixLength())) {
                best = a;
            }
        }
        if (best != null) {
            return OptionalInt.of(best.interfaceIndex());
        }
        for (InetAddress server : realServers) {
            Route r = routeTo(server, routes);
            if (r != null && r.interfaceIndex() != 0) {
                return OptionalInt.of(r.interfaceIndex());
            }
        }
        return OptionalInt.empty();
    }

    /** Whether {@code address} is on the host already (on any interface). */
    public static boolean present(InetAddress address, List<InterfaceAddress> addresses) {
        return addresses.stream().anyMatch(a -> a.address().equals(address));
    }

    /** The main table's longest-prefix route to {@code target}, or {@code null}. */
    static Route routeTo(InetAddress target, List<Route> routes) {
        Route best = null;
        boolean v6 = target instanceof Inet6Address;
        for (Route r : routes) {
            if (r.table() != Route.TABLE_MAIN || r.ipv6() != v6) {
                continue;
            }
            boolean matches = r.destination() == null || contains(r.destination(), r.prefixLength(), target);
            if (matches && (best == null || r.prefixLength() > best.prefixLength())) {
                best = r;
            }
        }
        return best;
    }

    static boolean contains(InetAddress network, int prefix, InetAddress address) {
        byte[] n = network.getAddress();
        byte[] a = address.getAddress();
        if (n.length != a.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((n[bit / 8] & mask) != (a[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
