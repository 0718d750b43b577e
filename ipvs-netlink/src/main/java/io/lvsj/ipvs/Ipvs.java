package io.lvsj.ipvs;

import java.util.List;
import java.util.Optional;

/**
 * The kernel's IPVS state: read it, change it one command at a time, or change it in bulk.
 * {@link IpvsClient} is the real thing; tests of the layers above may use a fake.
 *
 * <p>Failures are {@link io.lvsj.netlink.NetlinkException}s naming the object and the errno.
 */
public interface Ipvs extends AutoCloseable {

    /** IPVS version and connection table size. */
    IpvsInfo info();

    /** Every service, in the kernel's (hash) order. */
    List<ServiceEntry> services();

    /** One service, or empty when the kernel has none with this key. */
    Optional<ServiceEntry> service(ServiceKey key);

    /** The destinations of a service, newest first as the kernel keeps them; empty when the service does not exist. */
    List<DestinationEntry> destinations(ServiceKey key);

    /** Every service with its destinations. */
    default List<ServiceListing> table() {
        return services().stream()
                .map(s -> new ServiceListing(s, destinations(s.key())))
                .toList();
    }

    /** The global TCP, TCP FIN and UDP timeouts. */
    Timeouts timeouts();

    /** The running sync daemons, master first. */
    List<SyncDaemon> daemons();

    /** Carries out one command. */
    void execute(IpvsCommand command);

    /**
     * Carries out many commands in order, pipelined, and returns those the kernel refused
     * (with their index in {@code commands}). The others took effect.
     */
    List<CommandFailure> executeAll(List<? extends IpvsCommand> commands);

    default void addService(Service service) {
        execute(new IpvsCommand.AddService(service));
    }

    default void editService(Service service) {
        execute(new IpvsCommand.EditService(service));
    }

    default void deleteService(ServiceKey key) {
        execute(new IpvsCommand.DeleteService(key));
    }

    default void addDestination(ServiceKey service, Destination destination) {
        execute(new IpvsCommand.AddDestination(service, destination));
    }

    default void editDestination(ServiceKey service, Destination destination) {
        execute(new IpvsCommand.EditDestination(service, destination));
    }

    default void deleteDestination(ServiceKey service, java.net.InetAddress address, int port) {
        execute(new IpvsCommand.DeleteDestination(service, address, port));
    }

    default void flush() {
        execute(new IpvsCommand.Flush());
    }

    @Override
    void close();
}
