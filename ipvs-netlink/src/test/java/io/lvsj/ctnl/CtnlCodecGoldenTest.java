package io.lvsj.ctnl;

import io.lvsj.netlink.Attributes;
import io.lvsj.netlink.MessageReader;
import io.lvsj.netlink.MessageWriter;
import io.lvsj.netlink.Netlink;
import io.lvsj.netlink.NetlinkMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.lvsj.lab.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ctnetlink messages captured from the lab's Linux 6.1 kernel while it did FullNAT by the
 * stock recipe ({@code src/test/lab/capture-ctnl-golden.sh}), with what Debian's conntrack
 * printed for each: every event and dump entry decodes to what conntrack said, and the
 * create request the codec writes is the one conntrack wrote for the same entry.
 */
class CtnlCodecGoldenTest {

    /** One section of the capture file: conntrack's lines and the datagrams, in order. */
    record Section(List<String> lines, List<byte[]> datagrams) {
    }

    static Map<String, Section> captures() throws IOException {
        Map<String, Section> sections = new LinkedHashMap<>();
        try (InputStream in = CtnlCodecGoldenTest.class.getResourceAsStream("kernel-captures.txt")) {
            Section current = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.matches("# \\w+")) {
                    current = new Section(new ArrayList<>(), new ArrayList<>());
                    sections.put(line.substring(2), current);
                } else if (line.startsWith("> ") && current != null) {
                    current.lines().add(line.substring(2));
                } else if (!line.startsWith("#") && current != null) {
                    current.datagrams().add(HexFormat.of().parseHex(line));
                }
            }
        }
        return sections;
    }

    static List<NetlinkMessage> messages(List<byte[]> datagrams) {
        List<NetlinkMessage> out = new ArrayList<>();
        for (byte[] d : datagrams) {
            for (NetlinkMessage m : MessageReader.read(ByteBuffer.wrap(d).order(ByteOrder.nativeOrder()))) {
                if (m.type() >= Netlink.NLMSG_MIN_TYPE) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    static void assertDecodesAs(ConntrackLine expected, ConntrackEvent decoded, String line) {
        ConntrackEvent.Change c = assertInstanceOf(ConntrackEvent.Change.class, decoded, line);
        Conntrack e = c.entry();
        assertEquals(expected.original(), e.original(), line);
        assertEquals(expected.reply(), e.reply(), line);
        assertEquals(expected.timeout(), e.timeoutSeconds(), line);
        assertEquals(expected.tcpState(), e.tcpState() < 0 ? null : Conntrack.tcpStateName(e.tcpState()), line);
        assertEquals(expected.unreplied(), (e.status() & Conntrack.SEEN_REPLY) == 0, line);
        assertEquals(expected.assured(), (e.status() & Conntrack.ASSURED) != 0, line);
        if (expected.mark() != null) {
            assertEquals(expected.mark().longValue(), Integer.toUnsignedLong(e.mark()), line);
        }
        assertEquals(expected.id(), e.id(), line);
    }

    @Test
    void everyEventDecodesToWhatConntrackPrinted() throws IOException {
        Section events = captures().get("events");
        List<NetlinkMessage> messages = messages(events.datagrams());
        assertEquals(events.lines().size(), messages.size());
        assertTrue(messages.size() >= 20, "TCP over IPv4 and IPv6, UDP: " + messages.size());
        for (int i = 0; i < messages.size(); i++) {
            ConntrackLine expected = ConntrackLine.parse(events.lines().get(i));
            ConntrackEvent decoded = CtnlCodec.decode(messages.get(i));
            assertDecodesAs(expected, decoded, events.lines().get(i));
            assertEquals(expected.event(), "[" + ((ConntrackEvent.Change) decoded).kind() + "]");
            assertEquals(0, ((ConntrackEvent.Change) decoded).portId(), "traffic's changes are the kernel's own");
        }
    }

    @Test
    void everyDumpedEntryDecodesToWhatConntrackListed() throws IOException {
        Section dump = captures().get("dump");
        List<NetlinkMessage> messages = messages(dump.datagrams());
        assertEquals(dump.lines().size(), messages.size());
        for (int i = 0; i < messages.size(); i++) {
            ConntrackEvent decoded = CtnlCodec.decode(messages.get(i));
            assertDecodesAs(ConntrackLine.parse(dump.lines().get(i)), decoded, dump.lines().get(i));
            Conntrack e = ((ConntrackEvent.Change) decoded).entry();
            assertTrue(e.sourceTranslated() && e.reply().destination().equals(
                    e.original().ipv4() ? ip("198.51.100.50") : ip("2001:db8:2::50")), "FullNAT: replies go to the LIP");
            assertEquals(Conntrack.SRC_NAT, e.status() & (Conntrack.SRC_NAT | Conntrack.DST_NAT),
                    "IPVS, not NAT, translated the destination");
        }
    }

    /**
     * The FullNAT entry the master kernel made, replicated: what the codec asks the kernel to
     * create is what {@code conntrack -I --src-nat} asked for (attribute for attribute;
     * conntrack leaves junk in padding, so the trees are compared, not the padding).
     */
    @Test
    void theCreateRequestIsTheOneConntrackSends() throws IOException {
        Section create = captures().get("create");
        byte[] theirs = create.datagrams().getFirst();
        ConntrackLine made = ConntrackLine.parse(create.lines().get(1));
        Conntrack observed = new Conntrack(made.original(), made.reply(), Conntrack.ASSURED | Conntrack.CONFIRMED
                | Conntrack.SRC_NAT, 100, 0, 0, Conntrack.TCP_ESTABLISHED, made.id());
        MessageWriter w = new MessageWriter();
        int start = w.begin(CtnlCodec.newType(), Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE
                | Netlink.NLM_F_EXCL, 0);
        CtnlCodec.create(w, NewConntrack.replicating(observed));
        w.end(start);
        byte[] ours = w.toByteArray();

        NetlinkMessage their = MessageReader.read(ByteBuffer.wrap(theirs).order(ByteOrder.nativeOrder())).getFirst();
        NetlinkMessage our = MessageReader.read(ByteBuffer.wrap(ours).order(ByteOrder.nativeOrder())).getFirst();
        assertEquals(their.type(), our.type());
        assertEquals(their.flags(), our.flags());
        assertEquals(HexFormat.of().formatHex(their.payload().array(), their.payload().arrayOffset(), their.payload().arrayOffset() + 4),
                HexFormat.of().formatHex(our.payload().array(), our.payload().arrayOffset(), our.payload().arrayOffset() + 4),
                "nfgenmsg");
        assertEquals(tree(their.attributesAfter(4)), tree(our.attributesAfter(4)));
        assertEquals(theirs.length, ours.length);
    }

    /** The attributes as text, nested ones recursively, values in hex without padding. */
    static String tree(Attributes a) {
        StringBuilder s = new StringBuilder();
        for (Attributes.Attribute at : a.all()) {
            ByteBuffer v = at.value();
            byte[] raw = new byte[v.remaining()];
            v.get(0, raw);
            boolean nested = raw.length >= 4 && looksNested(raw);
            s.append(at.type()).append(nested ? "{" + tree(at.nested()) + "}" : "=" + HexFormat.of().formatHex(raw)).append(' ');
        }
        return s.toString();
    }

    /**
     * Whether bytes parse as attributes exactly. (The NLA_F_NESTED bit is in the nest's own
     * header, which parsing strips; a leaf value that happens to parse is then compared as a
     * tree on both sides, which is as strict.)
     */
    private static boolean looksNested(byte[] raw) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
        int offset = 0;
        while (offset + 4 <= raw.length) {
            int length = b.getShort(offset) & 0xffff;
            if (length < 4 || offset + length > raw.length) {
                return false;
            }
            offset += Netlink.align(length);
        }
        return offset >= raw.length;
    }
}
