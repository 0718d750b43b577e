package io.lvsj.fullnat;

import io.lvsj.ipvs.ServiceKey;

import java.net.InetAddress;

import static io.lvsj.lab.Addresses.ip;

/** The services, real servers and local addresses the tests use. */
final class Fixtures {
    static final ServiceKey.Inet WEB = (ServiceKey.Inet) ServiceKey.tcp(ip("203.0.113.10"), 80);
    static final ServiceKey.Inet DNS = (ServiceKey.Inet) ServiceKey.udp(ip("203.0.113.10"), 53);
    static final ServiceKey.Inet WEB6 = (ServiceKey.Inet) ServiceKey.tcp(ip("2001:db8::10"), 443);
    static final RealServer RS1 = new RealServer(ip("198.51.100.2"), 80);
    static final RealServer RS2 = new RealServer(ip("198.51.100.3"), 8080);
    static final RealServer RS6 = new RealServer(ip("2001:db8:1::2"), 443);
    static final InetAddress LIP1 = ip("198.51.100.11");
    static final InetAddress LIP2 = ip("198.51.100.12");
    static final InetAddress LIP3 = ip("198.51.100.13");
    static final InetAddress LIP6 = ip("2001:db8:1::11");

    private Fixtures() {
    }

    /** WEB with two local addresses and two FullNAT servers, DNS with one of each. */
    static FullNatTable twoServices() {
        return FullNatTable.empty()
                .withLocalAddress(WEB, LIP1).withLocalAddress(WEB, LIP2)
                .withRealServer(WEB, RS1).withRealServer(WEB, RS2)
                .withLocalAddress(DNS, LIP3).withRealServer(DNS, new RealServer(ip("198.51.100.2"), 53));
    }
}
