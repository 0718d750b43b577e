package io.lvsj.ctnl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One direction of a tracked connection: protocol, addresses and ports as conntrack keys it.
 * Protocols without ports (ICMP and others) have ports 0.
 *
 * @param protocol the IP protocol number (6 TCP, 17 UDP, 132 SCTP, ...)
 */
public record ConntrackTuple(int protocol, InetAddress source, int sourcePort, InetAddress destination,
                             int destinationPort) {
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int SCTP = 132;

    public ConntrackTuple {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        if (source instanceof Inet4Address != destination instanceof Inet4Address) {
            throw new IllegalArgumentException("a tuple's addresses are of one family: " + source + " " + destination);
        }
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("protocol number out of range: " + protocol);
        }
        if (sourcePort < 0 || sourcePort > 0xffff || destinationPort < 0 || destinationPort > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + sourcePort + " " + destinationPort);
        }
    }

    public boolean ipv4() {
        return source instanceof Inet4Address;
    }

    /** Whether conntrack keys this protocol by ports (and we can write them back). */
    public boolean hasPorts() {
        return protocol == TCP || protocol == UDP || protocol == SCTP || protocol == 33 || protocol == 136;
    }

    /** The same connection seen from the other end. */
    public ConntrackTuple inverse() {
        return new ConntrackTuple(protocol, destination, destinationPort, source, sourcePort);
    }

    /** As conntrack prints it: {@code src=A dst=B sport=P dport=Q}. */
    @Override
    public String toString() {
        return "src=" + source.getHostAddress() + " dst=" + destination.getHostAddress()
                + (hasPorts() ? " sport=" + sourcePort + " dport=" + destinationPort : "");
    }
}
