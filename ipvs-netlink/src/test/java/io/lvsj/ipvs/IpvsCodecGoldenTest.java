package io.lvsj.ipvs;

import io.lvsj.netlink.MessageWriter;
import io.lvsj.netlink.Netlink;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import static io.lvsj.lab.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our requests against the bytes Debian's ipvsadm 1.31 sends for the same operations
 * ({@code ipvsadm-golden/request-bytes.txt}, captured from the real binary). Only the
 * sequence number and port id may differ, and the family id, which is dynamic.
 */
class IpvsCodecGoldenTest {
    private static final int GOLDEN_FAMILY_ID = 0x24;


    private static final ServiceKey VIP = ServiceKey.tcp(ip("192.0.2.20"), 80);

    /** What ipvsadm sent, by command line: the last request of each case. */
    static Map<String, byte[]> golden() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = IpvsCodecGoldenTest.class.getResourceAsStream("/ipvsadm-golden/request-bytes.txt")) {
            String current = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("### ")) {
                    current = line.substring(4);
                } else if (line.startsWith("cmd=") && current != null) {
                    String hex = line.substring(line.indexOf(": ") + 2).replace(" ", "");
                    out.put(current, HexFormat.of().parseHex(hex)); // GET_INFO first, then the command
                }
            }
        }
        return out;
    }

    private static byte[] encode(int flags, Consumer<MessageWriter> body) {
        MessageWriter w = new MessageWriter();
        int start = w.begin(GOLDEN_FAMILY_ID, flags, 0);
        body.accept(w);
        w.end(start);
        return w.toByteArray();
    }

    private static byte[] request(IpvsCommand command) {
        return encode(Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, w -> IpvsCodec.encode(command, w));
    }

    private static void assertSameRequest(byte[] expected, byte[] actual, String what) {
        HexFormat hex = HexFormat.of();
        // Bytes 8..15 are the sequence number and port id: libnl's, not part of the request.
        for (int i = 8; i < 16; i++) {
            expected[i] = 0;
            actual[i] = 0;
        }
        assertEquals(hex.formatHex(expected), hex.formatHex(actual), what);
    }

    @Test
    void everyChangeCommandMatchesIpvsadmByteForByte() throws IOException {
        Map<String, IpvsCommand> cases = new LinkedHashMap<>();
        cases.put("ipvsadm -A -t 192.0.2.20:80 -s rr", new IpvsCommand.AddService(Service.of(VIP, "rr")));
        cases.put("ipvsadm -A -t 192.0.2.20:80", new IpvsCommand.AddService(Service.of(VIP, "wlc")));
        cases.put("ipvsadm -E -t 192.0.2.20:80 -s sh -b sh-port -p 600 -M 255.255.0.0",
                new IpvsCommand.EditService(Service.of(VIP, "sh")
                        .withFlags(new ServiceFlags(ServiceFlags.SCHED2))
                        .withPersistence(600, 0xffff0000)));
        cases.put("ipvsadm -A -u [2001:db8::1]:53 -s wrr -o",
                new IpvsCommand.AddService(Service.of(ServiceKey.udp(ip("2001:db8::1"), 53), "wrr")
                        .withFlags(new ServiceFlags(ServiceFlags.ONEPACKET))));
        cases.put("ipvsadm -A -f 7 -6 -s mh -b mh-fallback",
                new IpvsCommand.AddService(Service.of(ServiceKey.fwmark(7, AddressFamily.INET6), "mh")
                        .withFlags(new ServiceFlags(ServiceFlags.SCHED1))));
        cases.put("ipvsadm -D -t 192.0.2.20:80", new IpvsCommand.DeleteService(VIP));
        cases.put("ipvsadm -a -t 192.0.2.20:80 -r 10.0.0.1:8080 -m -w 3 -x 100 -y 10",
                new IpvsCommand.AddDestination(VIP, Destination.of(ip("10.0.0.1"), 8080, ForwardingMethod.MASQ)
                        .withWeight(3).withThresholds(100, 10)));
        cases.put("ipvsadm -a -t 192.0.2.20:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-remcsum",
                new IpvsCommand.AddDestination(VIP, Destination.of(ip("10.0.0.2"), 80, ForwardingMethod.TUNNEL)
                        .withTunnel(TunnelType.GUE, 6080, TunnelType.FLAG_REMCSUM)));
        cases.put("ipvsadm -e -t 192.0.2.20:80 -r 10.0.0.1:8080 -m",
                new IpvsCommand.EditDestination(VIP, Destination.of(ip("10.0.0.1"), 8080, ForwardingMethod.MASQ)));
        cases.put("ipvsadm -d -t 192.0.2.20:80 -r 10.0.0.1:8080",
                new IpvsCommand.DeleteDestination(VIP, ip("10.0.0.1"), 8080));
        cases.put("ipvsadm -a -t 192.0.2.20:80 -r [2001:db8::9]:80 -i",
                new IpvsCommand.AddDestination(VIP, Destination.of(ip("2001:db8::9"), 80, ForwardingMethod.TUNNEL)));
        cases.put("ipvsadm -C", new IpvsCommand.Flush());
        cases.put("ipvsadm -Z", new IpvsCommand.Zero(null));
        cases.put("ipvsadm -Z -t 192.0.2.10:80", new IpvsCommand.Zero(ServiceKey.tcp(ip("192.0.2.10"), 80)));
        cases.put("ipvsadm --set 900 120 300", new IpvsCommand.SetTimeouts(new Timeouts(900, 120, 300)));
        cases.put("ipvsadm --start-daemon master --mcast-interface eth1 --syncid 5 --sync-maxlen 1400 --mcast-group 239.1.1.1 --mcast-port 9000 --mcast-ttl 2",
                new IpvsCommand.StartDaemon(new SyncDaemon(DaemonState.MASTER, "eth1", 5, 1400, ip("239.1.1.1"), 9000, 2)));
        cases.put("ipvsadm --start-daemon backup", new IpvsCommand.StartDaemon(SyncDaemon.of(DaemonState.BACKUP, "eth0", 0)));
        cases.put("ipvsadm --start-daemon backup --mcast-group ff02::1:8848",
                new IpvsCommand.StartDaemon(new SyncDaemon(DaemonState.BACKUP, "eth0", 0, 0, ip("ff02::1:8848"), 0, 0)));
        cases.put("ipvsadm --stop-daemon master", new IpvsCommand.StopDaemon(DaemonState.MASTER, 0));

        Map<String, byte[]> golden = golden();
        for (var c : cases.entrySet()) {
            byte[] expected = golden.get(c.getKey());
            assertTrue(expected != null, "no golden bytes for " + c.getKey());
            assertSameRequest(expected, request(c.getValue()), c.getKey());
        }
        // The -D/-d/-a style commands above use the ipvsadm defaults for the parts the kernel ignores.
        assertEquals(19, cases.size());
    }

    @Test
    void listingRequestsMatchIpvsadm() throws IOException {
        Map<String, byte[]> golden = golden();
        assertSameRequest(golden.get("ipvsadm -L --daemon"),
                encode(Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_DUMP,
                        w -> IpvsCodec.encodeGet(IpvsGenl.CMD_GET_DAEMON, w)), "-L --daemon");
        assertSameRequest(golden.get("ipvsadm -L --timeout"),
                encode(Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, w -> IpvsCodec.encodeGet(IpvsGenl.CMD_GET_CONFIG, w)),
                "-L --timeout");
    }
}
