package io.lvsj.ctnl;

import io.lvsj.netlink.MessageReader;
import io.lvsj.netlink.MessageWriter;
import io.lvsj.netlink.Netlink;
import io.lvsj.netlink.NetlinkMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import static io.lvsj.lab.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The codec without a kernel: what it writes decodes back; what is not a conntrack entry is rejected with its reason. */
class CtnlCodecTest {
    static final NewConntrack V4 = ConntrackClientTest.fullNat(40000, 5555);
    static final NewConntrack V6 = new NewConntrack(
            new ConntrackTuple(6, ip("2001:db8:1::100"), 40000, ip("2001:db8:1::10"), 80),
            new ConntrackTuple(6, ip("2001:db8:2::11"), 8080, ip("2001:db8:1::100"), 40000),
            new NewConntrack.SourceNat(ip("2001:db8:2::50"), 6000), Conntrack.ASSURED, 432000, 7, 3, 3);
    static final NewConntrack UDP = new NewConntrack(
            new ConntrackTuple(17, ip("203.0.113.100"), 5300, ip("203.0.113.10"), 53),
            new ConntrackTuple(17, ip("198.51.100.11"), 5353, ip("203.0.113.100"), 5300), null,
            Conntrack.SEEN_REPLY, 30, 0, 0, -1);

    /** A create request, as the kernel would see it, turned into a message the decoder reads. */
    static byte[] created(NewConntrack c, int flags) {
        MessageWriter w = new MessageWriter();
        int start = w.begin(CtnlCodec.newType(), flags, 1);
        CtnlCodec.create(w, c);
        w.end(start);
        return w.toByteArray();
    }

    static ConntrackEvent decode(byte[] message) {
        List<NetlinkMessage> m = MessageReader.read(ByteBuffer.wrap(message).order(ByteOrder.nativeOrder()));
        return CtnlCodec.decode(m.getFirst());
    }

    @Test
    void whatIsWrittenDecodesBack() {
        for (NewConntrack c : List.of(V4, V6, UDP)) {
            ConntrackEvent.Change e = assertInstanceOf(ConntrackEvent.Change.class,
                    decode(created(c, Netlink.NLM_F_CREATE)));
            assertEquals(ConntrackEvent.Kind.NEW, e.kind());
            assertEquals(c.original(), e.entry().original());
            assertEquals(c.reply(), e.entry().reply(), "the request carries the reply before NAT");
            assertEquals(c.status() | Conntrack.CONFIRMED, e.entry().status());
            assertEquals(c.timeoutSeconds(), e.entry().timeoutSeconds());
            assertEquals(c.tcpState(), e.entry().tcpState());
            assertEquals(c.mark(), e.entry().mark());
            assertEquals(c.zone(), e.entry().zone());
        }
        assertEquals(ConntrackEvent.Kind.UPDATE, ((ConntrackEvent.Change) decode(created(V4, 0))).kind());
    }

    @Test
    void replicatingUndoesOnlyTheSourceNat() {
        Conntrack observed = new Conntrack(V6.original(),
                new ConntrackTuple(6, ip("2001:db8:2::11"), 8080, ip("2001:db8:2::50"), 6000),
                Conntrack.ASSURED | Conntrack.CONFIRMED | Conntrack.SRC_NAT | 0x180, 431999, 7, 3, 3, 99);
        NewConntrack r = NewConntrack.replicating(observed);
        assertEquals(V6.withTimeout(431999), r);
        Conntrack plain = new Conntrack(UDP.original(), UDP.original().inverse(), Conntrack.CONFIRMED, 0, 0, 0, -1, 1);
        NewConntrack p = NewConntrack.replicating(plain);
        assertNull(p.sourceNat());
        assertEquals(1, p.timeoutSeconds(), "at least a second");
        assertEquals(0, p.status(), "only the bits one may set");
    }

    @Test
    void messagesThatAreNotConntrackEntriesAreRejectedWithTheirReason() {
        byte[] good = created(V4, 0);
        assertEquals(CtnlRejection.NOT_CONNTRACK, rejection(withType(good, 2 << 8)), "another subsystem");
        assertEquals(CtnlRejection.NOT_CONNTRACK, rejection(withType(good, CtnlCodec.getType())), "a request type");
        assertEquals(CtnlRejection.TRUNCATED, rejection(Arrays.copyOf(good, 18), 18));
        // attribute length past the end: the first attribute claims 0xff bytes
        byte[] longAttr = good.clone();
        longAttr[20] = (byte) 0xff;
        assertEquals(CtnlRejection.MALFORMED, rejection(longAttr));

        MessageWriter w = new MessageWriter();
        int start = w.begin(CtnlCodec.newType(), 0, 1);
        w.raw(new byte[]{2, 0, 0, 0});
        w.be32(3, 8);
        w.end(start);
        assertEquals(CtnlRejection.NO_TUPLE, rejection(w.toByteArray()));
    }

    @Test
    void tuplesWithBadAddressesOrProtocolsAreRejected() {
        assertEquals(CtnlRejection.ADDRESS, rejection(tupleMessage(ip -> {
            ip.u32(1, 0x0100007f); // a v4 source only
        }, true)));
        assertEquals(CtnlRejection.ADDRESS, rejection(tupleMessage(ip -> {
            ip.u32(1, 0x0100007f);
            ip.bytes(2, new byte[3]);
        }, true)));
        assertEquals(CtnlRejection.PROTOCOL, rejection(tupleMessage(ip -> {
            ip.u32(1, 0x0100007f);
            ip.u32(2, 0x0100007f);
        }, false)));
    }

    /** A message whose two tuples have the IP part {@code ip} writes, and a protocol when {@code proto}. */
    private static byte[] tupleMessage(java.util.function.Consumer<MessageWriter> ip, boolean proto) {
        MessageWriter w = new MessageWriter();
        int start = w.begin(CtnlCodec.newType(), 0, 1);
        w.raw(new byte[]{2, 0, 0, 0});
        for (int type : new int[]{1, 2}) {
            int t = w.beginNested(type);
            int i = w.beginNested(1);
            ip.accept(w);
            w.endNested(i);
            if (proto) {
                int p = w.beginNested(2);
                w.u8(1, 6);
                w.endNested(p);
            }
            w.endNested(t);
        }
        w.end(start);
        return w.toByteArray();
    }

    private static byte[] withType(byte[] message, int type) {
        byte[] m = message.clone();
        ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).putShort(4, (short) type);
        return m;
    }

    private static CtnlRejection rejection(byte[] message) {
        return rejection(message, message.length);
    }

    private static CtnlRejection rejection(byte[] message, int length) {
        byte[] m = Arrays.copyOf(message, length);
        ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).putInt(0, length);
        return assertInstanceOf(ConntrackEvent.Rejected.class, decode(m)).reason();
    }

    @Property(tries = 3000)
    void arbitraryPayloadsNeverThrow(@ForAll @Size(max = 300) byte[] payload) {
        CtnlCodec.decode(new NetlinkMessage(CtnlCodec.newType(), 0, 0, 0,
                ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder())));
    }

    @Property(tries = 3000)
    void mutatedEntriesNeverThrow(@ForAll("mutated") byte[] message) {
        ConntrackEvent e = CtnlCodec.decode(new NetlinkMessage(CtnlCodec.newType(), 0, 0, 0,
                ByteBuffer.wrap(message, 16, message.length - 16).slice().order(ByteOrder.nativeOrder())));
        if (e instanceof ConntrackEvent.Change c && c.entry().original().hasPorts() && c.entry().timeoutSeconds() > 0) {
            NewConntrack.replicating(c.entry()); // whatever decodes can be handed on
        }
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return Arbitraries.of(V4, V6, UDP).flatMap(c -> {
            byte[] m = created(c, 0);
            return Arbitraries.integers().between(16, m.length - 1).list().ofMaxSize(4).flatMap(positions ->
                    Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                        byte[] x = m.clone();
                        for (int i = 0; i < positions.size(); i++) {
                            x[positions.get(i)] = values.get(i);
                        }
                        return x;
                    }));
        });
    }
}
