package io.lvsj.ipvsadm.cli;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceFlags;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.TunnelType;
import io.lvsj.ipvsadm.inet.NameService;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ipvsadm's reading of command lines: the requests they make, and the words of each refusal. */
class CommandLineParserTest {
    private static final NameService NAMES = new NameService() {
        @Override
        public byte[] hostAddress(String name) {
            return name.equals("localhost") ? new byte[]{127, 0, 0, 1} : null;
        }

        @Override
        public String hostName(byte[] address) {
            return null;
        }

        @Override
        public int servicePort(String name, int protocol) {
            return name.equals("http") && protocol == 6 ? 80 : -1;
        }

        @Override
        public String serviceName(int port, int protocol) {
            return null;
        }
    };

    private static Invocation parse(String line) {
        return new CommandLineParser(NAMES, false).parse(("ipvsadm " + line).split(" "), false);
    }

    private static IpvsCommand change(String line) {
        return assertInstanceOf(Invocation.Change.class, parse(line)).command();
    }

    private static Exit refusal(String line) {
        return assertThrows(Exit.class, () -> parse(line));
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void addsAServiceWithIpvsadmsDefaults() {
        ServiceKey key = ServiceKey.tcp(ip("192.0.2.1"), 80);
        assertEquals(new IpvsCommand.AddService(Service.of(key, "wlc")), change("-A -t 192.0.2.1:80"));
        assertEquals(new IpvsCommand.AddService(Service.of(key, "rr").withPersistence(360, 0xffffff00)),
                change("-A -t 192.0.2.1:http -s rr -p -M 255.255.255.0"));
        assertEquals(new IpvsCommand.AddService(Service.of(ServiceKey.tcp(ip("127.0.0.1"), 80), "wlc")),
                change("-A -t localhost:80"));
        assertEquals(new IpvsCommand.AddService(Service.of(ServiceKey.tcp(ip("10.0.0.1"), 80), "wlc")),
                change("-A -t 10.1:80"));
    }

    @Test
    void readsIpv6AndFwmarkServices() {
        assertEquals(new IpvsCommand.AddService(Service.of(ServiceKey.tcp(ip("2001:db8::1"), 80), "wlc")
                .withPersistence(360, 64)), change("-A -t [2001:db8::1]:80 -p -M 64"));
        assertEquals(new IpvsCommand.AddService(Service.of(ServiceKey.fwmark((int) 4294967295L, AddressFamily.INET6), "wlc")),
                change("-A -f 4294967295 -6"));
        // an IPv4 netmask read before -6 is replaced by 128
        assertEquals(new IpvsCommand.AddService(Service.of(ServiceKey.fwmark(1, AddressFamily.INET6), "wlc")
                .withPersistence(360, 128)), change("-A -f 1 -M 48 -6 -p"));
        assertEquals("-6 used before -f\n", refusal("-A -6 -f 1").message());
    }

    @Test
    void forcesTheServicePortForDirectRoutingAndTunnels() {
        ServiceKey key = ServiceKey.tcp(ip("192.0.2.1"), 80);
        assertEquals(new IpvsCommand.AddDestination(key, Destination.of(ip("10.0.0.1"), 80, ForwardingMethod.DROUTE)),
                change("-a -t 192.0.2.1:80 -r 10.0.0.1:8080"));
        assertEquals(new IpvsCommand.AddDestination(key, Destination.of(ip("10.0.0.1"), 8080, ForwardingMethod.MASQ)
                .withWeight(3).withThresholds(100, 50)), change("-a -t 192.0.2.1:80 -r 10.0.0.1:8080 -m -w 3 -x 100 -y 50"));
        assertEquals(new IpvsCommand.AddDestination(key, Destination.of(ip("2001:db8::1"), 80, ForwardingMethod.TUNNEL)
                .withTunnel(TunnelType.GUE, 6080, TunnelType.FLAG_REMCSUM)),
                change("-a -t 192.0.2.1:80 -r [2001:db8::1]:9 -i --tun-type gue --tun-port 6080 --tun-remcsum"));
    }

    @Test
    void editsReplaceEverythingAndDeletesIdentify() {
        ServiceKey key = ServiceKey.udp(ip("192.0.2.1"), 53);
        assertEquals(new IpvsCommand.EditService(new Service(key, "sh",
                        new ServiceFlags(ServiceFlags.ONEPACKET | ServiceFlags.SCHED2), 0, 0xffffffff, "")),
                change("-E -u 192.0.2.1:53 -s sh -o -b sh-port"));
        assertEquals(new IpvsCommand.DeleteDestination(key, ip("10.0.0.1"), 53), change("-d -u 192.0.2.1:53 -r 10.0.0.1"));
        assertEquals(new IpvsCommand.Zero(null), change("-Z"));
        assertEquals(new IpvsCommand.Zero(null), change("-Z -t 0.0.0.0:0"));
    }

    @Test
    void refusesWithIpvsadmsWordsAndStatus() {
        assertEquals("You need to supply the 'service-address' option for the 'add-service' command", refusal("-A").message());
        assertEquals("Illegal 'weight' option with the 'add-service' command", refusal("-A -t 192.0.2.1:80 -w 1").message());
        assertEquals("The option 'daemon' conflicts with the 'timeout' option in the 'list' command",
                refusal("-L --timeout --daemon").message());
        assertEquals("options conflicts in the list command", refusal("-Lnc --stats").message());
        assertEquals("multiple 'scheduler' options specified", refusal("-A -t 192.0.2.1:80 -s rr -s wlc").message());
        assertEquals("Zero port specified for non-persistent service", refusal("-A -t 192.0.2.1").message());
        assertEquals("illegal virtual server address[:port] specified", refusal("-A -t 80").message());
        assertEquals("Zero port specified for non-persistent service", refusal("-A -t [192.0.2.1]:80").message());
        assertEquals("incompatible scheduler flag `sh-port'", refusal("-A -t 192.0.2.1:80 -b sh-port").message());
        assertEquals("invalid scheduler flag `,'", refusal("-A -t 192.0.2.1:80 -s rr -b ,").message());
        assertEquals("--set option requires 3 timeout values", refusal("--set 1 2").message());
        assertEquals("invalid timeout value `2678401' specified", refusal("--set 2678401 1 1").message());
        assertEquals("Different address family is allowed only for tunneling servers",
                refusal("-a -t 192.0.2.1:80 -r [2001:db8::1]:80 -m").message());
        assertEquals("You need to supply the 'tun-port' option for the 'gue' tunnel type",
                refusal("-a -t 192.0.2.1:80 -r 10.0.0.1 -i --tun-type gue").message());
        assertEquals("Illegal 'json' option with the 'add-service' command", refusal("-A -t 192.0.2.1:80 --json").message());
        assertEquals(2, refusal("-A").status());
        Exit tryHelp = refusal("-t 192.0.2.1:80 -A");
        assertEquals(255, tryHelp.status());
        assertEquals("Try `ipvsadm -h' or 'ipvsadm --help' for more information.", tryHelp.message());
    }

    @Test
    void reportsPoptErrorsAfterTheCommandWithoutEnding() {
        assertEquals(new Invocation.Rejected("--bogus: unknown option"), parse("-A -t 192.0.2.1:80 --bogus"));
        assertEquals(new Invocation.Rejected("-s: missing argument"), parse("-A -t 192.0.2.1:80 -s"));
        assertEquals("invalid option `-D'", refusal("-A -D").message());
    }

    @Test
    void listsWithTheRequestedFormat() {
        Invocation.ListAll all = assertInstanceOf(Invocation.ListAll.class, parse("-Ln --stats --exact"));
        assertTrue(all.format().numeric() && all.format().stats() && all.format().exact() && !all.format().rule());
        assertTrue(assertInstanceOf(Invocation.ListAll.class, parse("-S -n")).format().rule());
        assertEquals(ServiceKey.fwmark(7, AddressFamily.INET), assertInstanceOf(Invocation.ListService.class,
                parse("-L -f 7")).key());
        assertInstanceOf(Invocation.ListConnections.class, parse("-Lc --persistent-conn"));
        assertTrue(assertInstanceOf(Invocation.ListTimeouts.class, parse("-L --timeout --json")).format().json());
        assertTrue(assertInstanceOf(Invocation.ListAll.class, parse("-Ln --prometheus")).format().prometheus());
        assertTrue(assertInstanceOf(Invocation.ListService.class, parse("-L -t 192.0.2.1:80 --prometheus")).format()
                .prometheus());
        assertEquals(new Invocation.Help(false), parse("-h"));
        assertEquals(new Invocation.Help(true), parse("--help --bogus"));
        assertEquals(new Invocation.Version(false), parse("-v"));
    }

    @Test
    void readsTheFullNatExtensions() {
        ServiceKey.Inet web = (ServiceKey.Inet) ServiceKey.tcp(ip("192.0.2.1"), 80);
        Invocation.Change add = assertInstanceOf(Invocation.Change.class, parse("-a -t 192.0.2.1:80 -r 10.0.0.1:8080 --fullnat"));
        assertEquals(new IpvsCommand.AddDestination(web, Destination.of(ip("10.0.0.1"), 8080, ForwardingMethod.MASQ)),
                add.command());
        assertEquals(new FullNatEdit.MarkServer(web, new io.lvsj.fullnat.RealServer(ip("10.0.0.1"), 8080)), add.fullNat());
        assertEquals(new FullNatEdit.ClearServer(web, new io.lvsj.fullnat.RealServer(ip("10.0.0.1"), 80)),
                assertInstanceOf(Invocation.Change.class, parse("-e -t 192.0.2.1:80 -r 10.0.0.1 -m")).fullNat());
        assertEquals(new FullNatEdit.DropService(web),
                assertInstanceOf(Invocation.Change.class, parse("-D -t 192.0.2.1:80")).fullNat());
        assertEquals(new FullNatEdit.DropAll(), assertInstanceOf(Invocation.Change.class, parse("-C")).fullNat());
        assertEquals(new Invocation.LocalAddress(true, web, ip("10.0.0.200")), parse("-P -t 192.0.2.1:80 -z 10.0.0.200"));
        assertEquals(new Invocation.LocalAddress(false, web, ip("10.0.0.200")),
                parse("--del-laddr -t 192.0.2.1:80 --laddr=10.0.0.200"));
        assertEquals(new Invocation.ListLocalAddresses(null), parse("-G"));
        assertEquals(new Invocation.ListLocalAddresses(web), parse("--get-laddr -t 192.0.2.1:80"));
    }

    @Test
    void refusesWhatFullNatCannotDo() {
        assertEquals("FullNAT needs a TCP, UDP or SCTP virtual service, not a fwmark service",
                refusal("-a -f 1 -r 10.0.0.1 --fullnat").message());
        assertEquals("FullNAT needs a TCP, UDP or SCTP virtual service, not a fwmark service",
                refusal("-P -f 1 -z 10.0.0.1").message());
        assertEquals("local address and virtual service must be of the same address family",
                refusal("-P -t 192.0.2.1:80 -z 2001:db8::1").message());
        assertEquals("illegal local address specified", refusal("-P -t 192.0.2.1:80 -z localhost").message());
        assertEquals("You need to supply the 'local-address' option for the 'add-laddr' command",
                refusal("-P -t 192.0.2.1:80").message());
        assertEquals("You need to supply the 'service-address' option for the 'del-laddr' command", refusal("-Q").message());
        assertEquals("multiple 'forwarding-method' options specified",
                refusal("-a -t 192.0.2.1:80 -r 10.0.0.1 -m --fullnat").message());
        assertEquals("Illegal 'forwarding-method' option with the 'add-service' command",
                refusal("-A -t 192.0.2.1:80 --fullnat").message());
        assertEquals("Illegal 'local-address' option with the 'add-server' command",
                refusal("-a -t 192.0.2.1:80 -r 10.0.0.1 -z 10.0.0.2").message());
    }

    /** The Prometheus extension goes with -L alone, as one format: never with another command, --json, -c, --timeout or --daemon. */
    @Test
    void prometheusIsAListingFormat() {
        assertEquals("Illegal 'prometheus' option with the 'add-service' command",
                refusal("-A -t 192.0.2.1:80 --prometheus").message());
        assertEquals("Illegal 'prometheus' option with the 'save' command", refusal("-S --prometheus").message());
        assertEquals("multiple 'prometheus' options specified", refusal("-L --prometheus --prometheus").message());
        assertEquals("--prometheus lists virtual services and their real servers: it does not go with --json",
                refusal("-L --json --prometheus").message());
        assertEquals("--prometheus lists virtual services and their real servers: it does not go with -c, --timeout"
                + " or --daemon", refusal("-L --daemon --prometheus").message());
        assertEquals(refusal("-Lc --prometheus").message(), refusal("-L --timeout --prometheus").message());
    }
}
