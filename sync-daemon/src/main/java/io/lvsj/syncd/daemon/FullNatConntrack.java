package io.lvsj.syncd.daemon;

import io.lvsj.ctnl.Conntrack;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which conntrack entries lvs-syncd relays: those of FullNAT services, whose original
 * destination is one of the {@code services} and whose replies go to one of the
 * {@code localAddresses} (the LIPs source NAT uses). Empty: conntrack relay is off.
 */
public record FullNatConntrack(List<Service> services, List<InetAddress> localAddresses) {

    /** A virtual service: protocol number, address and port. */
    public record Service(int protocol, InetAddress address, int port) {
        public Service {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            String p = switch (protocol) {
                case 6 -> "tcp";
                case 17 -> "udp";
                default -> "sctp";
            };
            return p + " " + (address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress())
                    + ":" + port;
        }
    }

    public static final FullNatConntrack NONE = new FullNatConntrack(List.of(), List.of());

    public FullNatConntrack {
        services = List.copyOf(services);
        localAddresses = List.copyOf(localAddresses);
    }

    public boolean enabled() {
        return !services.isEmpty();
    }

    /** The filter over entries, with sets for the look-ups every event costs. */
    public Filter filter() {
        return new Filter(Set.copyOf(services), Set.copyOf(localAddresses));
    }

    /** Whether an entry is one of a FullNAT service's, by its tuples. */
    public record Filter(Set<Service> services, Set<InetAddress> localAddresses) {
        public boolean matches(Conntrack c) {
            return localAddresses.contains(c.reply().destination())
                    && services.contains(new Service(c.original().protocol(), c.original().destination(),
                    c.original().destinationPort()));
        }
    }

    /** For logs: "2 services, 3 local addresses". */
    public String describe() {
        return services.size() + (services.size() == 1 ? " service, " : " services, ") + localAddresses.size()
                + (localAddresses.size() == 1 ? " local address" : " local addresses");
    }
}
