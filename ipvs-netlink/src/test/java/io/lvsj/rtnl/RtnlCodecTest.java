package io.lvsj.rtnl;

import io.lvsj.netlink.MessageReader;
import io.lvsj.netlink.MessageWriter;
import io.lvsj.netlink.NetlinkMessage;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's rtnetlink length checks: a message shorter than its fixed header is the decoders'
 * rejection (an {@link IllegalArgumentException} naming the header), not an index exception,
 * and {@link RtnlMonitor} drops it, counts it and asks for a re-read instead of dying.
 */
class RtnlCodecTest {

    @Test
    void everyDecoderRejectsAMessageShorterThanItsHeader() {
        NetlinkMessage link = message(Rtnl.RTM_NEWLINK, new byte[12]);
        NetlinkMessage address = message(Rtnl.RTM_NEWADDR, new byte[] {2, 24, 0, 0});
        NetlinkMessage neighbour = message(Rtnl.RTM_NEWNEIGH, new byte[] {2, 0, 0, 0, 3, 0, 0, 0});
        NetlinkMessage route = message(Rtnl.RTM_NEWROUTE, new byte[] {2, 24, 0, 0});
        NetlinkMessage empty = message(Rtnl.RTM_NEWADDR, new byte[0]);
        assertRejected(RtnlCodec::decodeLink, link, "link");
        assertRejected(RtnlCodec::decodeAddress, address, "address");
        assertRejected(RtnlCodec::decodeNeighbour, neighbour, "neighbour");
        assertRejected(RtnlCodec::decodeRoute, route, "route");
        assertRejected(RtnlCodec::decodeRule, route, "rule");
        assertRejected(RtnlCodec::isInet, empty, "rtnetlink");
        assertRejected(RtnlCodec::isUnicastRoute, route, "route");
        assertRejected(RtnlCodec::decodeEvent, neighbour, "neighbour");
    }

    @Test
    void theMonitorDropsAMalformedNotificationKeepsTheRestAndAsksForAReRead() {
        MessageWriter w = new MessageWriter();
        int good = w.begin(Rtnl.RTM_NEWLINK, 0, 0);
        RtnlCodec.linkHeader(w, 7, Link.FLAG_UP, 0);
        w.string(Rtnl.IFLA_IFNAME, "eth7");
        w.end(good);
        int bad = w.begin(Rtnl.RTM_NEWADDR, 0, 0);
        w.raw(new byte[] {2, 24, 0, 0});
        w.end(bad);
        int gone = w.begin(Rtnl.RTM_DELLINK, 0, 0);
        RtnlCodec.linkHeader(w, 8, 0, 0);
        w.end(gone);

        List<RtnlEvent> events = new ArrayList<>();
        assertEquals(1, RtnlMonitor.decode(w.contents(), events));
        assertEquals(3, events.size());
        assertEquals("eth7", assertInstanceOf(RtnlEvent.LinkChanged.class, events.get(0)).link().name());
        assertEquals(8, assertInstanceOf(RtnlEvent.LinkRemoved.class, events.get(1)).link().index());
        assertInstanceOf(RtnlEvent.Overrun.class, events.get(2));
    }

    @Test
    void theMonitorCountsADatagramThatIsNotNetlinkAsOneDrop() {
        List<RtnlEvent> events = new ArrayList<>();
        ByteBuffer garbage = ByteBuffer.wrap(new byte[] {(byte) 0xff, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertEquals(1, RtnlMonitor.decode(garbage, events));
        assertEquals(List.of(new RtnlEvent.Overrun()), events);
    }

    private static void assertRejected(Function<NetlinkMessage, ?> decoder, NetlinkMessage m, String names) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decoder.apply(m));
        assertTrue(e.getMessage().contains(names) && e.getMessage().contains("header"), e.getMessage());
    }

    private static NetlinkMessage message(int type, byte[] payload) {
        MessageWriter w = new MessageWriter();
        int m = w.begin(type, 0, 0);
        w.raw(payload);
        w.end(m);
        return MessageReader.read(w.contents()).getFirst();
    }
}
