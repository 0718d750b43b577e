package io.lvsj.syncd.wire;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One connection record, decoded: what {@code ipvsadm -Lnc} would show of it and everything
 * else the kernel sends. The relay itself works on the bytes ({@link SyncEntry}); this is for
 * people (status, logs) and for tests that build records.
 *
 * @param protocol  IP protocol number (6 TCP, 17 UDP, 132 SCTP; 0 for a fwmark template)
 * @param flags     {@code IP_VS_CONN_F_*} ({@link ConnectionFlags})
 * @param state     the protocol's state number (TCP: 1 ESTABLISHED, ...)
 * @param fwmark    the service's firewall mark (unsigned), 0 for an address service
 * @param timeout   seconds until the connection expires, as the master saw it (unsigned)
 * @param sequence  the TCP sequence adjustments of a NAT connection an application helper rewrote
 * @param peData    the persistence engine's data (a SIP Call-ID), empty if none
 * @param peName    the persistence engine's name ("sip"), empty if none
 */
public record SyncConnection(int protocol, int flags, int state,
                             InetAddress clientAddress, int clientPort,
                             InetAddress virtualAddress, int virtualPort,
                             InetAddress destinationAddress, int destinationPort,
                             long fwmark, long timeout,
                             Optional<Sequence> sequence, Optional<byte[]> peData, Optional<String> peName) {

    /** {@code struct ip_vs_seq}, twice: {@code in_seq} then {@code out_seq}. */
    public record Sequence(int inInitial, int inDelta, int inPreviousDelta,
                           int outInitial, int outDelta, int outPreviousDelta) {
    }

    public SyncConnection {
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(virtualAddress, "virtualAddress");
        Objects.requireNonNull(destinationAddress, "destinationAddress");
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(peData, "peData");
        Objects.requireNonNull(peName, "peName");
        boolean v6 = clientAddress instanceof Inet6Address;
        if (virtualAddress instanceof Inet6Address != v6 || destinationAddress instanceof Inet6Address != v6) {
            throw new IllegalArgumentException("a sync record's three addresses are of one family");
        }
        peData = peData.map(byte[]::clone);
    }

    /** A plain connection with no options. */
    public static SyncConnection of(int protocol, int flags, int state, InetAddress client, int clientPort,
                                    InetAddress virtual, int virtualPort, InetAddress destination,
                                    int destinationPort, long fwmark, long timeout) {
        return new SyncConnection(protocol, flags, state, client, clientPort, virtual, virtualPort, destination,
                destinationPort, fwmark, timeout, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean template() {
        return (flags & ConnectionFlags.TEMPLATE) != 0;
    }

    /** The record's bytes, unpadded, as {@link SyncEntry} handles them. */
    public byte[] encode() {
        int a = clientAddress instanceof Inet6Address ? 16 : 4;
        int fixed = a == 16 ? SyncEntry.V6_LENGTH : SyncEntry.V4_LENGTH;
        int length = fixed + sequence.map(s -> 2 + SyncEntry.SEQ_LENGTH).orElse(0)
                + peData.map(d -> 2 + d.length).orElse(0)
                + peName.map(n -> 2 + n.length()).orElse(0);
        byte[] e = new byte[length];
        e[SyncEntry.TYPE] = (byte) (a == 16 ? SyncEntry.TYPE_INET6 : 0);
        e[SyncEntry.PROTOCOL] = (byte) protocol;
        SyncEntry.writeShort(e, SyncEntry.VER_SIZE, length);
        SyncEntry.writeInt(e, SyncEntry.FLAGS, flags);
        SyncEntry.writeShort(e, SyncEntry.STATE, state);
        SyncEntry.writeShort(e, SyncEntry.CPORT, clientPort);
        SyncEntry.writeShort(e, SyncEntry.VPORT, virtualPort);
        SyncEntry.writeShort(e, SyncEntry.DPORT, destinationPort);
        SyncEntry.writeInt(e, SyncEntry.FWMARK, (int) fwmark);
        SyncEntry.writeInt(e, SyncEntry.TIMEOUT, (int) timeout);
        System.arraycopy(clientAddress.getAddress(), 0, e, SyncEntry.ADDRESSES, a);
        System.arraycopy(virtualAddress.getAddress(), 0, e, SyncEntry.ADDRESSES + a, a);
        System.arraycopy(destinationAddress.getAddress(), 0, e, SyncEntry.ADDRESSES + 2 * a, a);
        int p = fixed;
        if (sequence.isPresent()) {
            Sequence s = sequence.get();
            e[p] = SyncEntry.OPT_SEQ;
            e[p + 1] = SyncEntry.SEQ_LENGTH;
            int[] words = {s.inInitial, s.inDelta, s.inPreviousDelta, s.outInitial, s.outDelta, s.outPreviousDelta};
            for (int i = 0; i < words.length; i++) {
                SyncEntry.writeInt(e, p + 2 + 4 * i, words[i]);
            }
            p += 2 + SyncEntry.SEQ_LENGTH;
        }
        if (peData.isPresent()) {
            p = option(e, p, SyncEntry.OPT_PE_DATA, peData.get());
        }
        if (peName.isPresent()) {
            option(e, p, SyncEntry.OPT_PE_NAME, peName.get().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return e;
    }

    private static int option(byte[] e, int p, int type, byte[] data) {
        e[p] = (byte) type;
        e[p + 1] = (byte) data.length;
        System.arraycopy(data, 0, e, p + 2, data.length);
        return p + 2 + data.length;
    }

    /** Decodes a record that {@link SyncEntry#check} accepted. */
    public static SyncConnection decode(byte[] e) {
        int a = SyncEntry.addressLength(e);
        int fixed = a == 16 ? SyncEntry.V6_LENGTH : SyncEntry.V4_LENGTH;
        Optional<Sequence> sequence = Optional.empty();
        Optional<byte[]> peData = Optional.empty();
        Optional<String> peName = Optional.empty();
        for (int p = fixed; p + 2 <= e.length; p += 2 + (e[p + 1] & 0xff)) {
            int length = e[p + 1] & 0xff;
            switch ((e[p] & 0xff) & ~SyncEntry.OPT_SKIPPABLE) {
                case SyncEntry.OPT_SEQ -> sequence = Optional.of(new Sequence(
                        SyncEntry.readInt(e, p + 2), SyncEntry.readInt(e, p + 6), SyncEntry.readInt(e, p + 10),
                        SyncEntry.readInt(e, p + 14), SyncEntry.readInt(e, p + 18), SyncEntry.readInt(e, p + 22)));
                case SyncEntry.OPT_PE_DATA -> peData = Optional.of(Arrays.copyOfRange(e, p + 2, p + 2 + length));
                case SyncEntry.OPT_PE_NAME -> peName = Optional.of(
                        new String(e, p + 2, length, java.nio.charset.StandardCharsets.ISO_8859_1));
                default -> { }
            }
        }
        return new SyncConnection(e[SyncEntry.PROTOCOL] & 0xff, SyncEntry.flags(e),
                SyncEntry.readShort(e, SyncEntry.STATE),
                address(e, SyncEntry.ADDRESSES, a), SyncEntry.readShort(e, SyncEntry.CPORT),
                address(e, SyncEntry.ADDRESSES + a, a), SyncEntry.readShort(e, SyncEntry.VPORT),
                address(e, SyncEntry.ADDRESSES + 2 * a, a), SyncEntry.readShort(e, SyncEntry.DPORT),
                SyncEntry.readInt(e, SyncEntry.FWMARK) & 0xffffffffL, SyncEntry.timeoutSeconds(e),
                sequence, peData, peName);
    }

    private static InetAddress address(byte[] e, int at, int length) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(e, at, at + length));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncConnection c && Arrays.equals(encode(), c.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        String proto = switch (protocol) {
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 132 -> "SCTP";
            case 0 -> "IP";
            default -> Integer.toString(protocol);
        };
        StringBuilder s = new StringBuilder(proto).append(' ')
                .append(endpoint(clientAddress, clientPort)).append(" -> ")
                .append(endpoint(virtualAddress, virtualPort)).append(" -> ")
                .append(endpoint(destinationAddress, destinationPort))
                .append(" state ").append(state).append(" flags 0x").append(Integer.toHexString(flags))
                .append(' ').append(ConnectionFlags.forwarding(flags))
                .append(" timeout ").append(timeout).append('s');
        if (template()) {
            s.append(" template");
        }
        if (fwmark != 0) {
            s.append(" fwmark ").append(fwmark);
        }
        sequence.ifPresent(q -> s.append(" seq ").append(q));
        peName.ifPresent(n -> s.append(" pe ").append(n));
        peData.ifPresent(d -> s.append(" pe-data ").append(HexFormat.of().formatHex(d)));
        return s.toString();
    }

    private static String endpoint(InetAddress address, int port) {
        String text = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + text + "]:" + port : text + ":" + port;
    }
}
