package io.lvsj.ctnl;

import java.util.Objects;

/**
 * A connection tracking entry as the kernel reports it (a dump line of {@code conntrack -L},
 * an event of {@code conntrack -E}).
 *
 * @param original       the tuple of the first packet's direction
 * @param reply          the tuple replies carry; it differs from {@code original.inverse()}
 *                       where addresses are translated (source NAT shows in its destination)
 * @param status         {@code IPS_*} bits ({@link #ASSURED}, {@link #SEEN_REPLY} ...); 0 when not reported
 * @param timeoutSeconds seconds until the entry expires; 0 when not reported (destroy events)
 * @param mark           the connection mark
 * @param zone           the conntrack zone (0 is the default zone)
 * @param tcpState       the TCP state ({@code enum tcp_conntrack}: 3 established ...), or -1 when not reported
 * @param id             the kernel's id of the entry (unsigned 32 bits), for logs
 */
public record Conntrack(ConntrackTuple original, ConntrackTuple reply, int status, long timeoutSeconds, int mark,
                        int zone, int tcpState, long id) {
    public static final int EXPECTED = 0x1;
    public static final int SEEN_REPLY = 0x2;
    public static final int ASSURED = 0x4;
    public static final int CONFIRMED = 0x8;
    public static final int SRC_NAT = 0x10;
    public static final int DST_NAT = 0x20;
    public static final int DYING = 0x200;

    public static final int TCP_NONE = 0;
    public static final int TCP_ESTABLISHED = 3;
    private static final String[] TCP_STATES = {"NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT",
        "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2"};

    public Conntrack {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(reply, "reply");
        if (original.protocol() != reply.protocol() || original.ipv4() != reply.ipv4()) {
            throw new IllegalArgumentException("original and reply tuples differ in protocol or family");
        }
    }

    /** Whether replies go to another address or port than the original source: source NAT. */
    public boolean sourceTranslated() {
        return !reply.destination().equals(original.source()) || reply.destinationPort() != original.sourcePort();
    }

    /** conntrack's name of a TCP state ("ESTABLISHED"), or the number. */
    public static String tcpStateName(int state) {
        return state >= 0 && state < TCP_STATES.length ? TCP_STATES[state] : Integer.toString(state);
    }

    /** Much as {@code conntrack -L} prints it. */
    @Override
    public String toString() {
        String proto = switch (original.protocol()) {
            case ConntrackTuple.TCP -> "tcp";
            case ConntrackTuple.UDP -> "udp";
            case ConntrackTuple.SCTP -> "sctp";
            default -> "proto " + original.protocol();
        };
        return proto + " " + timeoutSeconds + (tcpState >= 0 ? " " + tcpStateName(tcpState) : "") + " " + original
                + ((status & SEEN_REPLY) == 0 ? " [UNREPLIED]" : "") + " " + reply
                + ((status & ASSURED) != 0 ? " [ASSURED]" : "") + " mark=" + Integer.toUnsignedString(mark)
                + (zone != 0 ? " zone=" + zone : "");
    }
}
