package io.lvsj.rtnl;

/**
 * A change the kernel announces on an rtnetlink multicast group (see {@link RtnlMonitor}).
 * {@link Overrun} means notifications were lost (the socket buffer filled): re-read the state.
 */
public sealed interface RtnlEvent {
    record LinkChanged(Link link) implements RtnlEvent {
    }

    record LinkRemoved(Link link) implements RtnlEvent {
    }

    record AddressAdded(InterfaceAddress address) implements RtnlEvent {
    }

    record AddressRemoved(InterfaceAddress address) implements RtnlEvent {
    }

    record RouteAdded(Route route) implements RtnlEvent {
    }

    record RouteRemoved(Route route) implements RtnlEvent {
    }

    record NeighbourChanged(Neighbour neighbour) implements RtnlEvent {
    }

    record NeighbourRemoved(Neighbour neighbour) implements RtnlEvent {
    }

    record Overrun() implements RtnlEvent {
    }
}
