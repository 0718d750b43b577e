package io.lvsj.ctnl;

import io.lvsj.netlink.Attributes;
import io.lvsj.netlink.MessageWriter;
import io.lvsj.netlink.Netlink;
import io.lvsj.netlink.NetlinkMessage;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

import static io.lvsj.ctnl.Ctnl.*;

/**
 * ctnetlink requests and messages, encoded and decoded without I/O. Requests are written as
 * Debian's {@code conntrack} tool writes them (same attributes, same order), so a golden test
 * can compare the bytes. Decoding never throws: a message that is not a whole conntrack entry
 * comes back as {@link ConntrackEvent.Rejected} with the reason.
 */
public final class CtnlCodec {
    private static final int AF_UNSPEC = 0;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private CtnlCodec() {
    }

    /** Message type of a request: IPCTNL_MSG_CT_NEW, _GET or _DELETE in the ctnetlink subsystem. */
    public static int newType() {
        return messageType(IPCTNL_MSG_CT_NEW);
    }

    public static int getType() {
        return messageType(IPCTNL_MSG_CT_GET);
    }

    public static int deleteType() {
        return messageType(IPCTNL_MSG_CT_DELETE);
    }

    private static void header(MessageWriter w, int family) {
        w.raw(new byte[]{(byte) family, 0, 0, 0});
    }

    /** The body of a dump request ({@code NLM_F_DUMP}) for both families. */
    public static void dump(MessageWriter w) {
        header(w, AF_UNSPEC);
    }

    /**
     * The body of a create request (with {@code NLM_F_CREATE | NLM_F_EXCL}): tuples, status
     * (with {@code IPS_CONFIRMED}, which the kernel sets on a new entry before it checks the
     * status it is given), timeout, TCP state with liberal window tracking (the window is not
     * carried over), and the source NAT.
     */
    public static void create(MessageWriter w, NewConntrack c) {
        header(w, family(c.original()));
        tuple(w, CTA_TUPLE_ORIG, c.original());
        tuple(w, CTA_TUPLE_REPLY, c.reply());
        w.be32(CTA_STATUS, c.status() & NewConntrack.SETTABLE_STATUS | Conntrack.CONFIRMED);
        w.be32(CTA_TIMEOUT, (int) c.timeoutSeconds());
        protoinfo(w, c);
        if (c.sourceNat() != null) {
            int nat = w.beginNested(CTA_NAT_SRC);
            InetAddress a = c.sourceNat().address();
            w.address(a instanceof Inet4Address ? CTA_NAT_V4_MINIP : CTA_NAT_V6_MINIP, a, a.getAddress().length);
            int proto = w.beginNested(CTA_NAT_PROTO);
            w.be16(CTA_PROTONAT_PORT_MIN, c.sourceNat().port());
            w.be16(CTA_PROTONAT_PORT_MAX, c.sourceNat().port());
            w.endNested(proto);
            w.endNested(nat);
        }
        markAndZone(w, c.mark(), c.zone());
    }

    /**
     * The body of an update of an existing entry (no {@code NLM_F_CREATE}): the kernel changes
     * timeout, status and TCP state, and refuses any NAT or reply tuple for an entry it has.
     */
    public static void update(MessageWriter w, NewConntrack c) {
        header(w, family(c.original()));
        tuple(w, CTA_TUPLE_ORIG, c.original());
        w.be32(CTA_STATUS, c.status() & NewConntrack.SETTABLE_STATUS | Conntrack.CONFIRMED);
        w.be32(CTA_TIMEOUT, (int) c.timeoutSeconds());
        protoinfo(w, c);
        markAndZone(w, c.mark(), c.zone());
    }

    /** The body of a delete request for the entry whose original tuple is {@code original}. */
    public static void delete(MessageWriter w, ConntrackTuple original, int zone) {
        header(w, family(original));
        tuple(w, CTA_TUPLE_ORIG, original);
        if (zone != 0) {
            w.be16(CTA_ZONE, zone);
        }
    }

    private static void protoinfo(MessageWriter w, NewConntrack c) {
        if (c.tcpState() < 0) {
            return;
        }
        int info = w.beginNested(CTA_PROTOINFO);
        int tcp = w.beginNested(CTA_PROTOINFO_TCP);
        w.u8(CTA_PROTOINFO_TCP_STATE, c.tcpState());
        int flags = TCP_FLAG_SACK_PERM | TCP_FLAG_BE_LIBERAL;
        // struct nf_ct_tcp_flags { u8 flags; u8 mask; }
        w.bytes(CTA_PROTOINFO_TCP_FLAGS_ORIGINAL, new byte[]{(byte) flags, (byte) flags});
        w.bytes(CTA_PROTOINFO_TCP_FLAGS_REPLY, new byte[]{(byte) flags, (byte) flags});
        w.endNested(tcp);
        w.endNested(info);
    }

    private static void markAndZone(MessageWriter w, int mark, int zone) {
        if (mark != 0) {
            w.be32(CTA_MARK, mark);
        }
        if (zone != 0) {
            w.be16(CTA_ZONE, zone);
        }
    }

    private static int family(ConntrackTuple t) {
        return t.ipv4() ? AF_INET : AF_INET6;
    }

    private static void tuple(MessageWriter w, int type, ConntrackTuple t) {
        int tuple = w.beginNested(type);
        int ip = w.beginNested(CTA_TUPLE_IP);
        int length = t.ipv4() ? 4 : 16;
        w.address(t.ipv4() ? CTA_IP_V4_SRC : CTA_IP_V6_SRC, t.source(), length);
        w.address(t.ipv4() ? CTA_IP_V4_DST : CTA_IP_V6_DST, t.destination(), length);
        w.endNested(ip);
        int proto = w.beginNested(CTA_TUPLE_PROTO);
        w.u8(CTA_PROTO_NUM, t.protocol());
        if (t.hasPorts()) {
            w.be16(CTA_PROTO_SRC_PORT, t.sourcePort());
            w.be16(CTA_PROTO_DST_PORT, t.destinationPort());
        }
        w.endNested(proto);
        w.endNested(tuple);
    }

    // ---- decoding ----

    /** A fault found while decoding; cheap (no stack trace), caught in {@link #decode}. */
    private static final class Fault extends RuntimeException {
        final CtnlRejection reason;

        Fault(CtnlRejection reason) {
            super(reason.text(), null, false, false);
            this.reason = reason;
        }
    }

    /** Decodes a conntrack event or dump reply. Never throws. */
    public static ConntrackEvent decode(NetlinkMessage m) {
        int subsystem = m.type() >>> 8;
        int message = m.type() & 0xff;
        if (subsystem != NFNL_SUBSYS_CTNETLINK || (message != IPCTNL_MSG_CT_NEW && message != IPCTNL_MSG_CT_DELETE)) {
            return new ConntrackEvent.Rejected(CtnlRejection.NOT_CONNTRACK);
        }
        if (m.payload().limit() < NFGENMSG_LENGTH) {
            return new ConntrackEvent.Rejected(CtnlRejection.TRUNCATED);
        }
        ConntrackEvent.Kind kind = message == IPCTNL_MSG_CT_DELETE ? ConntrackEvent.Kind.DESTROY
                : (m.flags() & Netlink.NLM_F_CREATE) != 0 ? ConntrackEvent.Kind.NEW : ConntrackEvent.Kind.UPDATE;
        try {
            Attributes a = m.attributesAfter(NFGENMSG_LENGTH);
            ConntrackTuple original = tuple(a.nested(CTA_TUPLE_ORIG));
            ConntrackTuple reply = tuple(a.nested(CTA_TUPLE_REPLY));
            if (original.protocol() != reply.protocol()) {
                throw new Fault(CtnlRejection.PROTOCOL);
            }
            if (original.ipv4() != reply.ipv4()) {
                throw new Fault(CtnlRejection.ADDRESS);
            }
            int tcpState = -1;
            Attributes info = a.nested(CTA_PROTOINFO);
            Attributes tcp = info == null ? null : info.nested(CTA_PROTOINFO_TCP);
            if (tcp != null && tcp.has(CTA_PROTOINFO_TCP_STATE)) {
                tcpState = tcp.u8(CTA_PROTOINFO_TCP_STATE);
            }
            Conntrack entry = new Conntrack(original, reply, be32(a, CTA_STATUS), Integer.toUnsignedLong(be32(a, CTA_TIMEOUT)),
                    be32(a, CTA_MARK), a.be16(CTA_ZONE, 0), tcpState, Integer.toUnsignedLong(be32(a, CTA_ID)));
            return new ConntrackEvent.Change(kind, entry, m.portId());
        } catch (Fault f) {
            return new ConntrackEvent.Rejected(f.reason);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return new ConntrackEvent.Rejected(CtnlRejection.MALFORMED);
        }
    }

    private static int be32(Attributes a, int type) {
        return a.has(type) ? a.be32(type) : 0;
    }

    private static ConntrackTuple tuple(Attributes t) {
        if (t == null) {
            throw new Fault(CtnlRejection.NO_TUPLE);
        }
        Attributes ip = t.nested(CTA_TUPLE_IP);
        Attributes proto = t.nested(CTA_TUPLE_PROTO);
        if (ip == null) {
            throw new Fault(CtnlRejection.ADDRESS);
        }
        if (proto == null || !proto.has(CTA_PROTO_NUM)) {
            throw new Fault(CtnlRejection.PROTOCOL);
        }
        InetAddress source;
        InetAddress destination;
        if (ip.has(CTA_IP_V4_SRC) || ip.has(CTA_IP_V4_DST)) {
            source = address(ip.find(CTA_IP_V4_SRC), 4);
            destination = address(ip.find(CTA_IP_V4_DST), 4);
        } else {
            source = address(ip.find(CTA_IP_V6_SRC), 16);
            destination = address(ip.find(CTA_IP_V6_DST), 16);
        }
        int protocol = proto.u8(CTA_PROTO_NUM);
        return new ConntrackTuple(protocol, source, proto.be16(CTA_PROTO_SRC_PORT, 0), destination,
                proto.be16(CTA_PROTO_DST_PORT, 0));
    }

    private static InetAddress address(ByteBuffer value, int length) {
        if (value == null || value.remaining() != length) {
            throw new Fault(CtnlRejection.ADDRESS);
        }
        byte[] raw = new byte[length];
        value.get(0, raw);
        try {
            // Inet6Address directly: InetAddress.getByAddress would turn ::ffff:a.b.c.d into IPv4.
            return length == 16 ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new Fault(CtnlRejection.ADDRESS);
        }
    }
}
