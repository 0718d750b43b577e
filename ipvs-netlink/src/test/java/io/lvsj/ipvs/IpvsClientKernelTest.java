package io.lvsj.ipvs;

import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.netlink.sys.Errno;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IpvsClient against the lab kernel, checked with Debian's ipvsadm as the oracle. */
@KernelTest
class IpvsClientKernelTest {

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void addsAServiceAndADestinationThatIpvsadmSees(LabNamespace ns) {
        try (IpvsClient ipvs = IpvsClient.open(ns.netns())) {
            ServiceKey key = ServiceKey.tcp(ip("192.0.2.10"), 80);
            ipvs.addService(Service.of(key, "rr"));
            ipvs.addDestination(key, Destination.of(ip("10.0.0.1"), 8080, ForwardingMethod.MASQ).withWeight(3));

            assertEquals("""
                    -A -t 192.0.2.10:80 -s rr
                    -a -t 192.0.2.10:80 -r 10.0.0.1:8080 -m -w 3
                    """, ns.savedTable());
            List<ServiceEntry> services = ipvs.services();
            assertEquals(1, services.size());
            assertEquals(Service.of(key, "rr"), services.getFirst().service());
            List<DestinationEntry> dests = ipvs.destinations(key);
            assertEquals(1, dests.size());
            assertEquals(Destination.of(ip("10.0.0.1"), 8080, ForwardingMethod.MASQ).withWeight(3),
                    dests.getFirst().destination());
        }
    }

    @Test
    void reportsTheKernelsErrnoAndNamesTheObject(LabNamespace ns) {
        try (IpvsClient ipvs = IpvsClient.open(ns.netns())) {
            ServiceKey key = ServiceKey.tcp(ip("192.0.2.10"), 80);
            ipvs.addService(Service.of(key, "rr"));
            NetlinkException e = assertThrows(NetlinkException.class, () -> ipvs.addService(Service.of(key, "rr")));
            assertEquals(Errno.EEXIST, e.errnoValue());
            assertEquals("add service TCP 192.0.2.10:80: EEXIST (File exists)", e.getMessage());
            assertTrue(ipvs.service(ServiceKey.tcp(ip("192.0.2.11"), 80)).isEmpty());
        }
    }
}
