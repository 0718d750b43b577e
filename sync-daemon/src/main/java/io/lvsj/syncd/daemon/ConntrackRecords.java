package io.lvsj.syncd.daemon;

import io.lvsj.ctnl.Conntrack;
import io.lvsj.ctnl.ConntrackClient;
import io.lvsj.ctnl.ConntrackTuple;
import io.lvsj.ctnl.NewConntrack;
import io.lvsj.syncd.wire.ConntrackRecord;
import io.lvsj.text.InetText;

import java.net.Inet6Address;
import java.net.InetAddress;

import static io.lvsj.syncd.wire.ConntrackRecord.ORIGINAL_DESTINATION;
import static io.lvsj.syncd.wire.ConntrackRecord.ORIGINAL_SOURCE;
import static io.lvsj.syncd.wire.ConntrackRecord.REPLY_DESTINATION;
import static io.lvsj.syncd.wire.ConntrackRecord.REPLY_SOURCE;

/** Between the kernel's conntrack entries (ctnetlink) and lvs-syncd's records of them. Pure. */
final class ConntrackRecords {
    private ConntrackRecords() {
    }

    /** The record of {@code c}; a TCP state the event did not carry is {@code knownTcpState} (-1: unknown). */
    static byte[] of(int operation, Conntrack c, int knownTcpState) {
        ConntrackTuple o = c.original();
        ConntrackTuple r = c.reply();
        int tcpState = o.protocol() != ConntrackTuple.TCP ? -1 : c.tcpState() >= 0 ? c.tcpState() : knownTcpState;
        return ConntrackRecord.encode(operation, o.protocol(), tcpState, c.zone(), c.status(),
                Math.max(1, c.timeoutSeconds()), c.mark(),
                new InetAddress[]{o.source(), o.destination(), r.source(), r.destination()},
                new int[]{o.sourcePort(), o.destinationPort(), r.sourcePort(), r.destinationPort()});
    }

    /** The entry a record stands for, as the kernel that made it had it. */
    static Conntrack entry(byte[] record) {
        int p = ConntrackRecord.protocol(record);
        return new Conntrack(tuple(p, record, ORIGINAL_SOURCE, ORIGINAL_DESTINATION),
                tuple(p, record, REPLY_SOURCE, REPLY_DESTINATION), ConntrackRecord.status(record),
                ConntrackRecord.timeoutSeconds(record), ConntrackRecord.mark(record), ConntrackRecord.zone(record),
                ConntrackRecord.tcpState(record), 0);
    }

    /** What to create in a kernel for a record: its tuples, its source NAT, its state and timeout. */
    static NewConntrack toCreate(byte[] record) {
        return NewConntrack.replicating(entry(record));
    }

    static ConntrackClient.Key key(byte[] record) {
        int p = ConntrackRecord.protocol(record);
        return new ConntrackClient.Key(tuple(p, record, ORIGINAL_SOURCE, ORIGINAL_DESTINATION), ConntrackRecord.zone(record));
    }

    private static ConntrackTuple tuple(int protocol, byte[] r, int source, int destination) {
        return new ConntrackTuple(protocol, ConntrackRecord.address(r, source), ConntrackRecord.port(r, source),
                ConntrackRecord.address(r, destination), ConntrackRecord.port(r, destination));
    }

    /** For logs: {@code tcp 203.0.113.100:40000 -> 203.0.113.10:80 via 198.51.100.50:5555}. */
    static String describe(byte[] r) {
        String p = switch (ConntrackRecord.protocol(r)) {
            case 6 -> "tcp";
            case 17 -> "udp";
            default -> "sctp";
        };
        return p + " " + end(r, ORIGINAL_SOURCE) + " -> " + end(r, ORIGINAL_DESTINATION) + " via "
                + end(r, REPLY_DESTINATION) + (ConntrackRecord.operation(r) == ConntrackRecord.DESTROY ? " (destroyed)" : "");
    }

    private static String end(byte[] r, int which) {
        InetAddress a = ConntrackRecord.address(r, which);
        String host = a instanceof Inet6Address ? "[" + InetText.ntop(a) + "]" : InetText.ntop(a);
        return host + ":" + ConntrackRecord.port(r, which);
    }
}
