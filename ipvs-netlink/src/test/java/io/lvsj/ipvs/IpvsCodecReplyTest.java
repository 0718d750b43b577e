package io.lvsj.ipvs;

import io.lvsj.netlink.MessageReader;
import io.lvsj.netlink.MessageWriter;
import io.lvsj.netlink.NetlinkMessage;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static io.lvsj.lab.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Decoding replies shaped like the kernel's, quirks included (ipvs.md sections 2.3 and 5). */
class IpvsCodecReplyTest {


    private static NetlinkMessage single(MessageWriter w) {
        return MessageReader.read(w.contents()).getFirst();
    }

    private static void stats64(MessageWriter w, int type, long base) {
        int nest = w.beginNested(type);
        for (int attr = 1; attr <= 10; attr++) {
            w.flag(11); // IPVS_STATS_ATTR_PAD: zero-length alignment filler the kernel inserts
            w.u64(attr, base + attr);
        }
        w.endNested(nest);
    }

    @Test
    void decodesAKernelServiceWithHashedFlagSixteenByteAddressAndStats64() {
        MessageWriter w = new MessageWriter();
        int m = w.begin(0x24, 0x2, 7);
        w.genlHeader(IpvsGenl.CMD_NEW_SERVICE, 1);
        int svc = w.beginNested(IpvsGenl.CMD_ATTR_SERVICE);
        w.u16(IpvsGenl.SVC_ATTR_AF, 2).u16(IpvsGenl.SVC_ATTR_PROTOCOL, 6)
                .address(IpvsGenl.SVC_ATTR_ADDR, ip("192.0.2.10"), 16).be16(IpvsGenl.SVC_ATTR_PORT, 80)
                .string(IpvsGenl.SVC_ATTR_SCHED_NAME, "wlc")
                .u32s(IpvsGenl.SVC_ATTR_FLAGS, ServiceFlags.PERSISTENT | ServiceFlags.HASHED, 0xffffffff)
                .u32(IpvsGenl.SVC_ATTR_TIMEOUT, 360).be32(IpvsGenl.SVC_ATTR_NETMASK, 0xffffff00);
        int stats32 = w.beginNested(IpvsGenl.SVC_ATTR_STATS);
        w.u32(1, 1).u32(2, 2);
        w.endNested(stats32);
        stats64(w, IpvsGenl.SVC_ATTR_STATS64, 5_000_000_000L);
        w.endNested(svc);
        w.end(m);

        ServiceEntry entry = IpvsCodec.decodeService(single(w));
        assertEquals(ServiceKey.tcp(ip("192.0.2.10"), 80), entry.key());
        assertEquals(new ServiceFlags(ServiceFlags.PERSISTENT), entry.service().flags());
        assertEquals(0xffffff00, entry.service().netmask());
        assertEquals(360, entry.service().timeout());
        assertEquals(5_000_000_001L, entry.stats().connections()); // 64-bit, not the 32-bit STATS
        assertEquals(5_000_000_010L, entry.stats().outByteRate());
    }

    @Test
    void aDestinationWithoutAddressFamilyTakesTheServicesFamily() {
        MessageWriter w = new MessageWriter();
        int m = w.begin(0x24, 0x2, 7);
        w.genlHeader(IpvsGenl.CMD_NEW_DEST, 1);
        int d = w.beginNested(IpvsGenl.CMD_ATTR_DEST);
        // As a 3.10 kernel sends it: no ADDR_FAMILY, no tunnel attributes, only 32-bit STATS.
        w.address(IpvsGenl.DEST_ATTR_ADDR, ip("10.1.1.1"), 16).be16(IpvsGenl.DEST_ATTR_PORT, 8080)
                .u32(IpvsGenl.DEST_ATTR_FWD_METHOD, 0).u32(IpvsGenl.DEST_ATTR_WEIGHT, 5)
                .u32(IpvsGenl.DEST_ATTR_U_THRESH, 0).u32(IpvsGenl.DEST_ATTR_L_THRESH, 0)
                .u32(IpvsGenl.DEST_ATTR_ACTIVE_CONNS, 3).u32(IpvsGenl.DEST_ATTR_INACT_CONNS, 0xfffffffe)
                .u32(IpvsGenl.DEST_ATTR_PERSIST_CONNS, 1);
        int stats = w.beginNested(IpvsGenl.DEST_ATTR_STATS);
        w.u32(1, 0xffffffff).u64(4, 1L << 40);
        w.endNested(stats);
        w.endNested(d);
        w.end(m);

        DestinationEntry entry = IpvsCodec.decodeDestination(single(w), AddressFamily.INET);
        assertEquals(Destination.of(ip("10.1.1.1"), 8080, ForwardingMethod.MASQ).withWeight(5), entry.destination());
        assertEquals(3, entry.activeConnections());
        assertEquals(0xfffffffeL, entry.inactiveConnections());
        assertEquals(0xffffffffL, entry.stats().connections());
        assertEquals(1L << 40, entry.stats().inBytes());
    }

    @Test
    void anIpv4MappedIpv6DestinationStaysIpv6() {
        MessageWriter w = new MessageWriter();
        int m = w.begin(0x24, 0x2, 7);
        w.genlHeader(IpvsGenl.CMD_NEW_DEST, 1);
        int d = w.beginNested(IpvsGenl.CMD_ATTR_DEST);
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        w.u16(IpvsGenl.DEST_ATTR_ADDR_FAMILY, 10).bytes(IpvsGenl.DEST_ATTR_ADDR, mapped).be16(IpvsGenl.DEST_ATTR_PORT, 80)
                .u32(IpvsGenl.DEST_ATTR_FWD_METHOD, 2).u32(IpvsGenl.DEST_ATTR_WEIGHT, 1);
        w.endNested(d);
        w.end(m);
        DestinationEntry entry = IpvsCodec.decodeDestination(single(w), AddressFamily.INET);
        assertEquals(AddressFamily.INET6, entry.destination().family());
    }
}
