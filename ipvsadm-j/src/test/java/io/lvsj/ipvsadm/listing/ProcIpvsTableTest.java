package io.lvsj.ipvsadm.listing;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.Stats;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Reading destinations from /proc/net/ip_vs (a copy of what the lab kernel printed). */
class ProcIpvsTableTest {
    static final String PROC = """
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port Scheduler Flags
              -> RemoteAddress:Port Forward Weight ActiveConn InActConn
            UDP  C000020B:0035 sh ops  persistent 3000 FFFFFF00
              -> 0A010102:0035      Route   1      0          0         \s
            TCP  C000020A:0050 rr  \s
              -> [2001:0db8:0000:0000:0000:0000:0000:0005]:0050      Tunnel  1      0          0         \s
              -> 0A010101:1F90      Masq    3      -1         7         \s
            SCTP  C000020D:13C4 wlc  \s
            TCP  [2001:0db8:0000:0000:0000:0000:0000:0080]:01BB mh persistent 30000 40000000
              -> [2001:0db8:0000:0000:0000:0000:0000:a0a0]:20FB      Masq    1      0          0         \s
            FWM  00000001 rr\s
              -> [2001:0db8:0000:0000:0000:0000:0000:0007]:0000      Route   1      0          0         \s
            FWM  00000001 wrr\s
              -> 0A010104:0000      Route   5      0          0         \s
            FWM  ABCE6781 none\s
            UDP  C0000209:0035 rr\s
              -> 0A010109:0035      Bypass  1      0          0         \s
            """;

    /** The table in {@code text}, the file's contents one char per byte. */
    private static ProcIpvsTable parse(String text) throws IOException {
        return ProcIpvsTable.read(Channels.newChannel(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1))));
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    private static DestinationEntry dest(String address, int port, ForwardingMethod method, int weight, long active,
                                         long inactive) throws Exception {
        return new DestinationEntry(Destination.of(ip(address), port, method).withWeight(weight), active, inactive, 0,
                Stats.ZERO);
    }

    @Test
    void readsEachServicesDestinationsInKernelOrder() throws Exception {
        ProcIpvsTable table = parse(PROC);
        assertEquals(List.of(dest("2001:db8::5", 80, ForwardingMethod.TUNNEL, 1, 0, 0),
                        dest("10.1.1.1", 8080, ForwardingMethod.MASQ, 3, 4294967295L, 7)),
                table.destinations(ServiceKey.tcp(ip("192.0.2.10"), 80)));
        assertEquals(List.of(dest("10.1.1.2", 53, ForwardingMethod.DROUTE, 1, 0, 0)),
                table.destinations(ServiceKey.udp(ip("192.0.2.11"), 53)));
        assertEquals(List.of(), table.destinations(ServiceKey.sctp(ip("192.0.2.13"), 5060)));
        assertEquals(List.of(dest("2001:db8::a0a0", 8443, ForwardingMethod.MASQ, 1, 0, 0)),
                table.destinations(ServiceKey.tcp(ip("2001:db8::80"), 443)));
        assertEquals(List.of(), table.destinations(ServiceKey.fwmark((int) 2882430849L, AddressFamily.INET)));
    }

    @Test
    void leavesToNetlinkWhatItCannotTellApart() throws Exception {
        ProcIpvsTable table = parse(PROC);
        // fwmark 1 exists for IPv4 and for IPv6, and /proc prints both as "FWM  00000001"
        assertNull(table.destinations(ServiceKey.fwmark(1, AddressFamily.INET)));
        assertNull(table.destinations(ServiceKey.fwmark(1, AddressFamily.INET6)));
        // a forwarding method this parser does not know
        assertNull(table.destinations(ServiceKey.udp(ip("192.0.2.9"), 53)));
        // a service the file does not list (added after it was read)
        assertNull(table.destinations(ServiceKey.tcp(ip("192.0.2.99"), 80)));
    }

    @Test
    void readsALastLineWithoutNewlineAndRefusesOddFields() throws Exception {
        ProcIpvsTable table = parse("""
                TCP  C000020A:0050 rr\s
                  -> 0A010101:1F901      Masq    1      0          0\s
                TCP  C000020B:0050 rr\s
                  -> 0A010101:1F90      Masq    1      x          0\s
                TCP  C000020C:0050 rr\s
                  -> 0A010101:1F90      Masq    1      0          0""");
        // a port of five hex digits, a count that is no number: netlink decides
        assertNull(table.destinations(ServiceKey.tcp(ip("192.0.2.10"), 80)));
        assertNull(table.destinations(ServiceKey.tcp(ip("192.0.2.11"), 80)));
        assertEquals(List.of(dest("10.1.1.1", 8080, ForwardingMethod.MASQ, 1, 0, 0)),
                table.destinations(ServiceKey.tcp(ip("192.0.2.12"), 80)));
    }

    /**
     * A file of several megabytes, handed over in pieces of odd sizes, with one service bigger
     * than a block: every service is found whole wherever the blocks were cut.
     */
    @Test
    void findsEveryServiceOfAFileLargerThanABlockReadInOddPieces() throws Exception {
        StringBuilder text = new StringBuilder(PROC.substring(0, PROC.indexOf("UDP")));
        for (int i = 0; i < 20_000; i++) {
            text.append(String.format("TCP  AC10%04X:0050 rr%n", i));
            for (int d = 1; d <= (i == 7_000 ? 40_000 : 3); d++) {
                text.append(String.format("  -> 0A%06X:1F90      Masq    %d      0          0         %n", d, d));
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        ProcIpvsTable table = ProcIpvsTable.read(new OddPieces(bytes));
        for (int i = 0; i < 20_000; i++) {
            List<DestinationEntry> found = table.destinations(
                    ServiceKey.tcp(InetAddress.getByAddress(new byte[]{(byte) 172, 16, (byte) (i >> 8), (byte) i}), 80));
            assertEquals(i == 7_000 ? 40_000 : 3, found.size(), "service " + i);
            assertEquals(dest("10.0.0.3", 8080, ForwardingMethod.MASQ, 3, 0, 0), found.get(2));
        }
    }

    /** Gives a byte array back in pieces of 1 to 9,999 bytes. */
    private static final class OddPieces implements ReadableByteChannel {
        private final byte[] bytes;
        private int position;
        private int piece = 1;

        OddPieces(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer into) {
            if (position == bytes.length) {
                return -1;
            }
            piece = piece * 7919 % 9_999 + 1;
            int n = Math.min(Math.min(piece, into.remaining()), bytes.length - position);
            into.put(bytes, position, n);
            position += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
