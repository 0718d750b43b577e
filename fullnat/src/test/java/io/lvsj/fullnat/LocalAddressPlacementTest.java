package io.lvsj.fullnat;

import io.lvsj.rtnl.InterfaceAddress;
import io.lvsj.rtnl.Route;
import io.lvsj.rtnl.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static io.lvsj.lab.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalAddressPlacementTest {
    private static final List<InterfaceAddress> ADDRESSES = List.of(
            InterfaceAddress.of(1, ip("127.0.0.1"), 8),
            InterfaceAddress.of(2, ip("203.0.113.1"), 24),
            InterfaceAddress.of(3, ip("198.51.100.1"), 24),
            InterfaceAddress.of(4, ip("198.51.100.129"), 25),
            InterfaceAddress.of(3, ip("2001:db8:1::1"), 64));
    private static final List<Route> ROUTES = List.of(
            new Route(null, 0, ip("203.0.113.254"), 2, null, 0, Route.TABLE_MAIN, Scope.GLOBAL, false),
            new Route(ip("10.0.0.0"), 8, ip("198.51.100.254"), 3, null, 0, Route.TABLE_MAIN, Scope.GLOBAL, false),
            new Route(ip("10.1.0.0"), 16, ip("198.51.100.254"), 5, null, 0, 100, Scope.GLOBAL, false));

    @Test
    void theSubnetThatHoldsItWinsTheNarrowestFirst() {
        assertEquals(OptionalInt.of(3), LocalAddressPlacement.interfaceFor(ip("198.51.100.11"), ADDRESSES, ROUTES, List.of()));
        assertEquals(OptionalInt.of(4), LocalAddressPlacement.interfaceFor(ip("198.51.100.200"), ADDRESSES, ROUTES, List.of()));
        assertEquals(OptionalInt.of(3), LocalAddressPlacement.interfaceFor(ip("2001:db8:1::11"), ADDRESSES, ROUTES, List.of()));
    }

    @Test
    void otherwiseTheMainTablesRouteToTheRealServers() {
        assertEquals(OptionalInt.of(3), LocalAddressPlacement.interfaceFor(ip("192.0.2.7"), ADDRESSES, ROUTES,
                List.of(ip("10.1.2.3"))));
        assertEquals(OptionalInt.of(2), LocalAddressPlacement.interfaceFor(ip("192.0.2.7"), ADDRESSES, ROUTES,
                List.of(ip("192.0.2.99"))));
        assertEquals(OptionalInt.empty(), LocalAddressPlacement.interfaceFor(ip("2001:db8:9::1"), ADDRESSES, ROUTES,
                List.of()));
    }
}
