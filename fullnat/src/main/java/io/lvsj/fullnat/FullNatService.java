package io.lvsj.fullnat;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.ServiceKey;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One virtual service's FullNAT settings: the pool of local addresses (LIPs) its connections
 * leave from, in rule order, and the real servers it reaches by FullNAT (the
 * kernel sees them as NAT destinations). Either list may be empty while the other is not: a
 * pool can be set up before its servers, and a FullNAT server without a pool is answered
 * like NAT until the service gets one.
 *
 * @param key            the service (TCP, UDP or SCTP; a fwmark service has no address to match)
 * @param localAddresses the local addresses, no duplicates, same family as the service
 * @param realServers    the FullNAT real servers, no duplicates, same family as the service
 */
public record FullNatService(ServiceKey.Inet key, List<InetAddress> localAddresses, List<RealServer> realServers) {

    public FullNatService {
        Objects.requireNonNull(key, "key");
        localAddresses = List.copyOf(localAddresses);
        realServers = List.copyOf(realServers);
        if (localAddresses.stream().distinct().count() != localAddresses.size()) {
            throw new IllegalArgumentException("duplicate local address in " + localAddresses);
        }
        if (realServers.stream().distinct().count() != realServers.size()) {
            throw new IllegalArgumentException("duplicate real server in " + realServers);
        }
        for (InetAddress a : localAddresses) {
            requireFamily(key, a, "local address");
        }
        for (RealServer r : realServers) {
            requireFamily(key, r.address(), "real server");
        }
    }

    /** A service with neither local addresses nor real servers. */
    public static FullNatService empty(ServiceKey.Inet key) {
        return new FullNatService(key, List.of(), List.of());
    }

    public boolean isEmpty() {
        return localAddresses.isEmpty() && realServers.isEmpty();
    }

    public AddressFamily family() {
        return key.family();
    }

    public FullNatService withLocalAddress(InetAddress address) {
        if (localAddresses.contains(address)) {
            throw new FullNatException("local address " + AddressText.of(address) + " already exists on service "
                    + describe(key));
        }
        requireFamily(key, address, "local address");
        List<InetAddress> more = new ArrayList<>(localAddresses);
        more.add(address);
        return new FullNatService(key, more, realServers);
    }

    public FullNatService withoutLocalAddress(InetAddress address) {
        if (!localAddresses.contains(address)) {
            throw new FullNatException("no local address " + AddressText.of(address) + " on service " + describe(key));
        }
        List<InetAddress> fewer = new ArrayList<>(localAddresses);
        fewer.remove(address);
        return new FullNatService(key, fewer, realServers);
    }

    /** With {@code server} as a FullNAT real server (the same service if it is one already). */
    public FullNatService withRealServer(RealServer server) {
        if (realServers.contains(server)) {
            return this;
        }
        requireFamily(key, server.address(), "real server");
        List<RealServer> more = new ArrayList<>(realServers);
        more.add(server);
        return new FullNatService(key, localAddresses, more);
    }

    /** Without {@code server} (the same service if it was not a FullNAT server). */
    public FullNatService withoutRealServer(RealServer server) {
        if (!realServers.contains(server)) {
            return this;
        }
        List<RealServer> fewer = new ArrayList<>(realServers);
        fewer.remove(server);
        return new FullNatService(key, localAddresses, fewer);
    }

    /** "TCP 203.0.113.10:80", as ipvsadm names services. */
    public static String describe(ServiceKey.Inet key) {
        return key.protocol() + " " + AddressText.endpoint(key.address(), key.port());
    }

    private static void requireFamily(ServiceKey.Inet key, InetAddress address, String what) {
        if (AddressFamily.of(address) != key.family()) {
            throw new FullNatException(what + " " + AddressText.of(address) + " is not of the address family of service "
                    + describe(key));
        }
    }
}
