package io.lvsj.ipvs;

import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.sys.Errno;
import io.lvsj.sys.NetNamespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static io.lvsj.lab.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every IPVS command through IpvsClient against the lab kernel, each test in a namespace of
 * its own, the result read back with Debian's ipvsadm ({@code -Sn} and listings) as the oracle.
 */
@KernelTest
class IpvsClientKernelTest {

    private static final ServiceKey WEB = ServiceKey.tcp(ip("192.0.2.10"), 80);

    @Test
    void addsServicesOfEveryKindThatIpvsadmSees(LabNamespace ns) {
        try (IpvsClient ipvs = IpvsClient.open(NetNamespace.named(ns.name()))) {
            ipvs.addService(Service.of(WEB, "rr"));
            ipvs.addService(Service.of(ServiceKey.udp(ip("192.0.2.11"), 53), "sh")
                    .withFlags(new ServiceFlags(ServiceFlags.ONEPACKET | ServiceFlags.SCHED1 | ServiceFlags.SCHED2)));
            ipvs.addService(Service.of(ServiceKey.tcp(ip("192.0.2.12"), 0), "wlc")
                    .withPersistence(3600, 0xffffff00).withPersistenceEngine("sip"));
            ipvs.addService(Service.of(ServiceKey.sctp(ip("192.0.2.13"), 5060), "rr"));
            ipvs.addService(Service.of(ServiceKey.tcp(ip("2001:db8::80"), 443), "mh")
                    .withFlags(new ServiceFlags(ServiceFlags.SCHED1 | ServiceFlags.SCHED2)).withPersistence(300, 64));
            ipvs.addService(Service.of(ServiceKey.fwmark(1, AddressFamily.INET), "wrr"));
            ipvs.addService(Service.of(ServiceKey.fwmark(0xabcdef01, AddressFamily.INET6), "rr"));

            String saved = ns.savedTable();
            for (String line : List.of(
                    "-A -t 192.0.2.10:80 -s rr",
                    "-A -u 192.0.2.11:53 -s sh -o -b sh-fallback,sh-port",
                    "-A -t 192.0.2.12:0 -s wlc -p 3600 -M 255.255.255.0 --pe sip",
                    "-A --sctp-service 192.0.2.13:5060 -s rr",
                    "-A -t [2001:db8::80]:443 -s mh -p 300 -M 64 -b mh-fallback,mh-port",
                    "-A -f 1 -s wrr",
                    "-A -f -1412567295 -6 -s rr")) { // ipvsadm 1.31 prints marks >= 2^31 signed
                assertTrue(saved.contains(line + "\n"), "ipvsadm -Sn lacks '" + line + "' in:\n" + saved);
            }
            assertEquals(7, saved.lines().count());
            // What we read back is what we wrote.
            List<Service> back = ipvs.services().stream().map(ServiceEntry::service).toList();
            assertEquals(7, back.size());
            assertTrue(back.contains(Service.of(ServiceKey.tcp(ip("192.0.2.12"), 0), "wlc")
                    .withPersistence(3600, 0xffffff00).withPersistenceEngine("sip")), back.toString());
            assertEquals(Service.of(ServiceKey.fwmark(0xabcdef01, AddressFamily.INET6), "rr"),
                    ipvs.service(ServiceKey.fwmark(0xabcdef01, AddressFamily.INET6)).orElseThrow().service());
        }
    }

    @Test
    void editsAndDeletesServices(LabNamespace ns) {
        try (IpvsClient ipvs = IpvsClient.open(NetNamespace.named(ns.name()))) {
            ipvs.addService(Service.of(WEB, "rr").withPersistence(600, 0xffffffff));
            ipvs.editService(Service.of(WEB, "wlc"));
            assertEquals("-A -t 192.0.2.10:80 -s wlc\n", ns.savedTable());
            ipvs.deleteService(WEB);
            assertEquals("", ns.savedTable());
            NetlinkException e = assertThrows(NetlinkException.class, () -> ipvs.deleteService(WEB));
            assertEquals(Errno.ESRCH, e.errnoValue());
            assertEquals("delete service TCP 192.0.2.10:80: ESRCH (No such process)", e.getMessage());
        }
    }

    @Test
    void addsEditsAndDeletesDestinationsOfEveryForwardingMethodAndTunnel(LabNamespace ns) {
        try (IpvsClient ipvs = IpvsClient.open(NetNamespace.named(ns.name()))) {
            ipvs.addService(Service.of(WEB, "wrr"));
            ipvs.addDestination(WEB, Destination.of(ip("10.0.0.1"), 8080, ForwardingMethod.MASQ)
                    .withWeight(Integer.MAX_VALUE).withThresholds(100, 50));
            ipvs.addDestination(WEB, Destination.of(ip("10.0.0.2"), 80, ForwardingMethod.DROUTE).withWeight(0));
            ipvs.addDestination(WEB, Destination.of(ip("10.0.0.3"), 80, ForwardingMethod.TUNNEL)
                    .withTunnel(TunnelType.GUE, 6080, TunnelType.FLAG_CSUM));
            ipvs.addDestination(WEB, Destination.of(ip("10.0.0.4"), 80, ForwardingMethod.TUNNEL)
                    .withTunnel(TunnelType.GRE, 0, TunnelType.FLAG_NOCSUM));
            ipvs.addDestination(WEB, Destination.of(ip("2001:db8::5"), 80, ForwardingMethod.TUNNEL));

            String saved = ns.savedTable();
            for (String line : List.of(
                    "-a -t 192.0.2.10:80 -r 10.0.0.1:8080 -m -w 2147483647",
                    "-a -t 192.0.2.10:80 -r 10.0.0.2:80 -g -w 0",
                    "-a -t 192.0.2.10:80 -r 10.0.0.3:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum",
                    "-a -t 192.0.2.10:80 -r 10.0.0.4:80 -i -w 1 --tun-type gre --tun-nocsum",
                    "-a -t 192.0.2.10:80 -r [2001:db8::5]:80 -i -w 1 --tun-type ipip")) {
                assertTrue(saved.contains(line + "\n"), "ipvsadm -Sn lacks '" + line + "' in:\n" + saved);
            }
            // Thresholds are not saved by ipvsadm; its threshold listing shows them.
            assertTrue(ns.ipvsadm("-Ln", "--thresholds").requireSuccess().stdout()
                    .contains("  -> 10.0.0.1:8080                100        50         0          0"));
            DestinationEntry first = ipvs.destinations(WEB).stream()
                    .filter(d -> d.destination().address().equals(ip("10.0.0.1"))).findFirst().orElseThrow();
            assertEquals(Destination.of(ip("10.0.0.1"), 8080, ForwardingMethod.MASQ)
                    .withWeight(Integer.MAX_VALUE).withThresholds(100, 50), first.destination());
            assertEquals(AddressFamily.INET6, ipvs.destinations(WEB).stream()
                    .filter(d -> d.destination().port() == 80 && d.destination().family() == AddressFamily.INET6)
                    .findFirst().orElseThrow().destination().family());

            ipvs.editDestination(WEB, Destination.of(ip("10.0.0.2"), 80, ForwardingMethod.DROUTE).withWeight(7));
            assertTrue(ns.savedTable().contains("-a -t 192.0.2.10:80 -r 10.0.0.2:80 -g -w 7\n"));
            ipvs.deleteDestination(WEB, ip("10.0.0.2"), 80);
            assertTrue(!ns.savedTable().contains("10.0.0.2"));
            NetlinkException e = assertThrows(NetlinkException.class, () -> ipvs.deleteDestination(WEB, ip("10.0.0.2"), 80));
            assertEquals(Errno.ENOENT, e.errnoValue());
            NetlinkException dup = assertThrows(NetlinkException.class,
                    () -> ipvs.addDestination(WEB, Destination.of(ip("10.0.0.1"), 8080, ForwardingMethod.MASQ)));
            assertEquals(Errno.EEXIST, dup.errnoValue());
            assertEquals("add destination 10.0.0.1:8080 to TCP 192.0.2.10:80: EEXIST (File exists)", dup.getMessage());
        }
    }

    @Test
    void aMissingServiceHasNoDestinationsRatherThanAnError(LabNamespace ns) {
        try (IpvsClient ipvs = IpvsClient.open(NetNamespace.named(ns.name()))) {
            assertEquals(List.of(), ipvs.destinations(WEB));
            assertTrue(ipvs.service(WEB).isEmpty());
            NetlinkException e = assertThrows(NetlinkException.class,
                    () -> ipvs.addDestination(WEB, Destination.of(ip("10.0.0.1"), 80, ForwardingMethod.DROUTE)));
            assertEquals(Errno.ESRCH, e.errnoValue());
        }
    }

    @Test
    void anUnknownSchedulerIsTheKernelsEnoent(LabNamespace ns) {
        try (IpvsClient ipvs = IpvsClient.open(NetNamespace.named(ns.name()))) {
            // Debian's 6.1 UML kernel does not build "twos".
            NetlinkException e = assertThrows(NetlinkException.class, () -> ipvs.addService(Service.of(WEB, "twos")));
            assertEquals(Errno.ENOENT, e.errnoValue());
            assertEquals("", ns.savedTable());
        }
    }

    @Test
    void countsTrafficThenZeroesItPerServiceAndGlobally(LabNamespace ns) {
        ns.run("ip", "link", "add", "dummy0", "type", "dummy").requireSuccess();
        ns.run("ip", "link", "set", "dummy0", "up").requireSuccess();
        ns.run("ip", "addr", "add", "192.0.2.10/32", "dev", "dummy0").requireSuccess();
        try (IpvsClient ipvs = IpvsClient.open(NetNamespace.named(ns.name()))) {
            ServiceKey other = ServiceKey.tcp(ip("192.0.2.10"), 81);
            ipvs.addService(Service.of(WEB, "rr"));
            ipvs.addService(Service.of(other, "rr"));
            ipvs.addDestination(WEB, Destination.of(ip("192.0.2.10"), 80, ForwardingMethod.DROUTE));
            ipvs.addDestination(other, Destination.of(ip("192.0.2.10"), 81, ForwardingMethod.DROUTE));
            connect(ns, 80, 3);
            connect(ns, 81, 2);
            // The kernel folds its per-CPU counters into what it reports every 2 s (the estimator).
            awaitConnections(ipvs, WEB, 3);
            awaitConnections(ipvs, other, 2);

            assertEquals(3, ipvs.service(WEB).orElseThrow().stats().connections());
            assertEquals(3, ipvs.destinations(WEB).getFirst().stats().connections());
            assertTrue(ipvs.service(WEB).orElseThrow().stats().inPackets() >= 3);
            String stats = ns.ipvsadm("-Ln", "--stats", "--exact").requireSuccess().stdout();
            assertTrue(stats.contains(String.format("%-33s%9d ", "TCP  192.0.2.10:80", 3)), stats);

            ipvs.execute(new IpvsCommand.Zero(WEB));
            assertEquals(0, ipvs.service(WEB).orElseThrow().stats().connections());
            assertEquals(2, ipvs.service(other).orElseThrow().stats().connections());
            ipvs.execute(new IpvsCommand.Zero(null));
            assertEquals(0, ipvs.service(other).orElseThrow().stats().connections());
        }
    }

    private static void awaitConnections(IpvsClient ipvs, ServiceKey key, long expected) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (ipvs.service(key).orElseThrow().stats().connections() < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Opens {@code count} TCP connections to the VIP from inside the namespace; refused is fine, IPVS counts them. */
    private static void connect(LabNamespace ns, int port, int count) {
        NetNamespace.named(ns.name()).call(() -> {
            for (int i = 0; i < count; i++) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(ip("192.0.2.10"), port), 2000);
                } catch (IOException expected) {
                    // nothing listens: the SYN still went through IPVS
                }
            }
            return null;
        });
    }

    @Test
    void setsAndReadsTheGlobalTimeouts(LabNamespace ns) {
        try (IpvsClient ipvs = IpvsClient.open(NetNamespace.named(ns.name()))) {
            assertEquals(new Timeouts(900, 120, 300), ipvs.timeouts());
            ipvs.execute(new IpvsCommand.SetTimeouts(new Timeouts(1000, 0, 60)));
            assertEquals(new Timeouts(1000, 120, 60), ipvs.timeouts());
            assertEquals("Timeout (tcp tcpfin udp): 1000 120 60\n", ns.ipvsadm("-L", "--timeout").requireSuccess().stdout());
        }
    }

    @Test
    void reportsVersionAndConnectionTableSize(LabNamespace ns) {
        try (IpvsClient ipvs = IpvsClient.open(NetNamespace.named(ns.name()))) {
            IpvsInfo info = ipvs.info();
            assertEquals("1.2.1", info.versionText());
            assertEquals(4096, info.connectionTableSize());
        }
    }

    @Test
    void startsListsAndStopsSyncDaemons(LabNamespace ns) {
        ns.run("ip", "link", "add", "sync0", "type", "dummy").requireSuccess();
        ns.run("ip", "link", "set", "sync0", "multicast", "on", "up").requireSuccess();
        ns.run("ip", "addr", "add", "192.0.2.1/24", "dev", "sync0").requireSuccess();
        try (IpvsClient ipvs = IpvsClient.open(NetNamespace.named(ns.name()))) {
            ipvs.execute(new IpvsCommand.StartDaemon(new SyncDaemon(DaemonState.MASTER, "sync0", 5, 1400,
                    ip("239.1.1.1"), 9000, 2)));
            ipvs.execute(new IpvsCommand.StartDaemon(SyncDaemon.of(DaemonState.BACKUP, "sync0", 7)));
            List<SyncDaemon> daemons = ipvs.daemons();
            assertEquals(new SyncDaemon(DaemonState.MASTER, "sync0", 5, 1400, ip("239.1.1.1"), 9000, 2), daemons.get(0));
            assertEquals(DaemonState.BACKUP, daemons.get(1).state());
            assertEquals(ip("224.0.0.81"), daemons.get(1).group());
            assertEquals(8848, daemons.get(1).port());
            assertEquals("""
                    master sync daemon (mcast=sync0, syncid=5, maxlen=1400, group=239.1.1.1, port=9000, ttl=2)
                    backup sync daemon (mcast=sync0, syncid=7, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)
                    """, ns.ipvsadm("-L", "--daemon").requireSuccess().stdout());

            NetlinkException again = assertThrows(NetlinkException.class,
                    () -> ipvs.execute(new IpvsCommand.StartDaemon(SyncDaemon.of(DaemonState.MASTER, "sync0", 5))));
            assertEquals(Errno.EEXIST, again.errnoValue());
            ipvs.execute(new IpvsCommand.StopDaemon(DaemonState.MASTER, 0));
            ipvs.execute(new IpvsCommand.StopDaemon(DaemonState.BACKUP, 0));
            assertEquals(List.of(), ipvs.daemons());
            NetlinkException none = assertThrows(NetlinkException.class,
                    () -> ipvs.execute(new IpvsCommand.StopDaemon(DaemonState.MASTER, 0)));
            assertEquals(Errno.ESRCH, none.errnoValue());
            NetlinkException noDevice = assertThrows(NetlinkException.class,
                    () -> ipvs.execute(new IpvsCommand.StartDaemon(SyncDaemon.of(DaemonState.MASTER, "nosuch0", 1))));
            assertEquals(Errno.ENODEV, noDevice.errnoValue());
        }
    }

    @Test
    void flushesEverything(LabNamespace ns) {
        try (IpvsClient ipvs = IpvsClient.open(NetNamespace.named(ns.name()))) {
            ipvs.addService(Service.of(WEB, "rr"));
            ipvs.addDestination(WEB, Destination.of(ip("10.0.0.1"), 80, ForwardingMethod.DROUTE));
            ipvs.addService(Service.of(ServiceKey.fwmark(3, AddressFamily.INET), "rr"));
            ipvs.flush();
            assertEquals("", ns.savedTable());
            assertEquals(List.of(), ipvs.services());
        }
    }

    @Test
    void aBatchAppliesEverythingItCanAndNamesEachFailureByIndex(LabNamespace ns) {
        try (IpvsClient ipvs = IpvsClient.open(NetNamespace.named(ns.name()))) {
            List<IpvsCommand> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ServiceKey key = ServiceKey.tcp(ip("198.51.100." + (i % 250 + 1)), 1000 + i);
                batch.add(new IpvsCommand.AddService(Service.of(key, "rr")));
                batch.add(new IpvsCommand.AddDestination(key, Destination.of(ip("10.1.0.1"), 80, ForwardingMethod.MASQ)));
            }
            ServiceKey dupKey = ServiceKey.tcp(ip("198.51.100.1"), 1000);
            batch.add(150, new IpvsCommand.AddService(Service.of(dupKey, "rr")));        // already added at 0
            batch.add(new IpvsCommand.AddDestination(ServiceKey.tcp(ip("203.0.113.1"), 1), // no such service
                    Destination.of(ip("10.1.0.1"), 80, ForwardingMethod.MASQ)));

            List<CommandFailure> failures = ipvs.executeAll(batch);

            assertEquals(2, failures.size(), failures.toString());
            assertEquals(150, failures.get(0).index());
            assertEquals(Errno.EEXIST, failures.get(0).errnoValue());
            assertEquals("#150 add service TCP 198.51.100.1:1000: EEXIST (File exists)", failures.get(0).toString());
            assertEquals(batch.size() - 1, failures.get(1).index());
            assertEquals(Errno.ESRCH, failures.get(1).errnoValue());
            assertEquals(300, ipvs.services().size());
            assertEquals(600, ns.savedTable().lines().count());
        }
    }

    @Test
    void reconcilesTheKernelToADesiredTableTouchingOnlyTheDifference(LabNamespace ns) {
        try (IpvsClient ipvs = IpvsClient.open(NetNamespace.named(ns.name()))) {
            ServiceKey dns = ServiceKey.udp(ip("192.0.2.11"), 53);
            ServiceKey foreign = ServiceKey.tcp(ip("192.0.2.99"), 22);
            ipvs.addService(Service.of(WEB, "rr"));
            ipvs.addDestination(WEB, Destination.of(ip("10.0.0.1"), 80, ForwardingMethod.MASQ));
            ipvs.addDestination(WEB, Destination.of(ip("10.0.0.2"), 80, ForwardingMethod.MASQ));
            ipvs.addService(Service.of(foreign, "wlc")); // another tool's: not ours to remove

            IpvsTable desired = IpvsTable.builder()
                    .add(Service.of(WEB, "wlc"), Destination.of(ip("10.0.0.1"), 80, ForwardingMethod.MASQ),
                            Destination.of(ip("10.0.0.3"), 80, ForwardingMethod.MASQ).withWeight(4))
                    .add(Service.of(dns, "sh"), Destination.of(ip("10.0.0.9"), 53, ForwardingMethod.DROUTE))
                    .build();
            List<IpvsCommand> diff = TableDiff.between(IpvsTable.of(ipvs.table()), desired, key -> !key.equals(foreign));
            assertEquals(5, diff.size(), diff.toString()); // edit WEB, delete .2, add .3, add DNS and its destination; .1 untouched
            assertEquals(List.of(), ipvs.executeAll(diff));

            assertEquals(List.of(), TableDiff.between(IpvsTable.of(ipvs.table()), desired, key -> !key.equals(foreign)));
            assertEquals("""
                    -A -t 192.0.2.10:80 -s wlc
                    -a -t 192.0.2.10:80 -r 10.0.0.1:80 -m -w 1
                    -a -t 192.0.2.10:80 -r 10.0.0.3:80 -m -w 4
                    -A -t 192.0.2.99:22 -s wlc
                    -A -u 192.0.2.11:53 -s sh
                    -a -u 192.0.2.11:53 -r 10.0.0.9:53 -g -w 1
                    """, ns.savedTable()); // in ipvsadm's sort order
        }
    }
}
