package io.lvsj.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What identifies a virtual service in the kernel: protocol, address and port, or a
 * firewall mark and address family.
 */
public sealed interface ServiceKey {

    AddressFamily family();

    static ServiceKey tcp(InetAddress address, int port) {
        return new Inet(IpProtocol.TCP, address, port);
    }

    static ServiceKey udp(InetAddress address, int port) {
        return new Inet(IpProtocol.UDP, address, port);
    }

    static ServiceKey sctp(InetAddress address, int port) {
        return new Inet(IpProtocol.SCTP, address, port);
    }

    static ServiceKey fwmark(int mark, AddressFamily family) {
        return new Fwmark(mark, family);
    }

    /** A service reached at {@code address:port} over {@code protocol}. */
    record Inet(IpProtocol protocol, InetAddress address, int port) implements ServiceKey {
        public Inet {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
            if (port < 0 || port > 0xffff) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        @Override
        public AddressFamily family() {
            return AddressFamily.of(address);
        }

        @Override
        public String toString() {
            return protocol + " " + Endpoints.format(address, port);
        }
    }

    /**
     * A service selected by firewall mark. The mark is an unsigned 32-bit number held in an
     * int: use {@link Integer#toUnsignedString(int)} to show it.
     */
    record Fwmark(int mark, AddressFamily family) implements ServiceKey {
        public Fwmark {
            Objects.requireNonNull(family, "family");
            if (mark == 0) {
                throw new IllegalArgumentException("fwmark 0 selects no service");
            }
        }

        @Override
        public String toString() {
            return "FWM " + Integer.toUnsignedString(mark) + (family == AddressFamily.INET6 ? " IPv6" : "");
        }
    }
}
