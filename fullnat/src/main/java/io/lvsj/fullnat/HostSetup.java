package io.lvsj.fullnat;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.rtnl.InterfaceAddress;
import io.lvsj.rtnl.Link;
import io.lvsj.rtnl.RtnlClient;
import io.lvsj.rtnl.Scope;
import io.lvsj.sys.NetNamespace;
import io.lvsj.sys.Sysctl;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What FullNAT needs from the host besides rules: {@code net.ipv4.vs.conntrack=1} (without it
 * IPVS bypasses conntrack and no NAT rule sees its packets), forwarding for each family in use,
 * and the local addresses on the interface facing the real servers. Each change made is
 * recorded (to undo exactly it later) and remembered for this call (to undo it at once if a
 * later step fails).
 */
final class HostSetup {
    static final String CONNTRACK = "net.ipv4.vs.conntrack";

    private final Sysctl sysctl;
    private final NetNamespace namespace;
    private final Deque<Runnable> undo = new ArrayDeque<>();

    HostSetup(NetNamespace namespace) {
        this.namespace = namespace;
        this.sysctl = new Sysctl(namespace);
    }

    /** The sysctls and values FullNAT needs for services of these families. */
    static Map<String, String> needed(Set<AddressFamily> families) {
        Map<String, String> out = new LinkedHashMap<>();
        if (families.isEmpty()) {
            return out;
        }
        out.put(CONNTRACK, "1");
        if (families.contains(AddressFamily.INET)) {
            out.put("net.ipv4.ip_forward", "1");
        }
        if (families.contains(AddressFamily.INET6)) {
            out.put("net.ipv6.conf.all.forwarding", "1");
        }
        return out;
    }

    /** Sets what is needed and not set yet; returns the records, old and new. */
    List<FullNatState.ChangedSysctl> setSysctls(List<FullNatState.ChangedSysctl> recorded, Map<String, String> needed) {
        List<FullNatState.ChangedSysctl> out = new ArrayList<>(recorded);
        for (Map.Entry<String, String> e : needed.entrySet()) {
            String name = e.getKey();
            if (name.equals(CONNTRACK) && !sysctl.exists(name)) {
                throw new FullNatException("sysctl " + name + " is missing: IPVS is not loaded (add a service first)");
            }
            String before = read(name);
            if (before.equals(e.getValue())) {
                continue;
            }
            write(name, e.getValue());
            undo.push(() -> write(name, before));
            if (out.stream().noneMatch(c -> c.name().equals(name))) {
                out.add(new FullNatState.ChangedSysctl(name, before, e.getValue()));
            }
        }
        return out;
    }

    /** Puts back the recorded sysctls that are no longer needed, unless someone changed them since. */
    List<FullNatState.ChangedSysctl> restoreSysctls(List<FullNatState.ChangedSysctl> recorded, Map<String, String> needed) {
        List<FullNatState.ChangedSysctl> kept = new ArrayList<>();
        for (FullNatState.ChangedSysctl c : recorded) {
            if (needed.containsKey(c.name())) {
                kept.add(c);
            } else if (sysctl.exists(c.name()) && read(c.name()).equals(c.after())) {
                write(c.name(), c.before());
            }
        }
        return kept;
    }

    /** Adds the local addresses the host lacks, except those kept by someone else; returns the records, old and new. */
    List<FullNatState.AddedAddress> addAddresses(List<FullNatState.AddedAddress> recorded, FullNatTable table,
                                                 Set<InetAddress> ownedElsewhere) {
        List<FullNatState.AddedAddress> out = new ArrayList<>(recorded);
        try (RtnlClient rtnl = RtnlClient.open(namespace)) {
            List<InterfaceAddress> present = rtnl.addresses();
            List<Link> links = rtnl.links();
            for (FullNatService s : table.services().values()) {
                for (InetAddress lip : s.localAddresses()) {
                    if (LocalAddressPlacement.present(lip, present) || ownedElsewhere.contains(lip)) {
                        continue;
                    }
                    OptionalInt index = LocalAddressPlacement.interfaceFor(lip, present, rtnl.routes(),
                            s.realServers().stream().map(RealServer::address).toList());
                    if (index.isEmpty()) {
                        throw new FullNatException("no interface for local address " + AddressText.of(lip)
                                + ": no subnet holds it and no route leads to a real server of "
                                + FullNatService.describe(s.key()) + "; add it to the interface facing the real servers"
                                + " (ip addr add " + AddressText.of(lip) + "/" + AddressText.hostPrefix(lip) + " dev IF)");
                    }
                    InterfaceAddress a = hostAddress(index.getAsInt(), lip);
                    rtnl.addAddress(a);
                    present = new ArrayList<>(present);
                    present.add(a);
                    undo.push(() -> deleteQuietly(a));
                    String name = links.stream().filter(l -> l.index() == a.interfaceIndex()).map(Link::name)
                            .findFirst().orElse("#" + a.interfaceIndex());
                    if (out.stream().noneMatch(r -> r.address().equals(lip))) { // added again after someone removed it
                        out.add(new FullNatState.AddedAddress(name, lip, a.prefixLength()));
                    }
                }
            }
        } catch (NetlinkException e) {
            throw new FullNatException("cannot add a local address: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Removes the addresses LVS-J added that no service uses any more; returns the records
     * kept. One now kept by someone else is no longer ours: forgotten, not removed.
     */
    List<FullNatState.AddedAddress> removeAddresses(List<FullNatState.AddedAddress> recorded, FullNatTable table,
                                                    Set<InetAddress> ownedElsewhere) {
        List<FullNatState.AddedAddress> kept = new ArrayList<>();
        try (RtnlClient rtnl = RtnlClient.open(namespace)) {
            List<InterfaceAddress> present = rtnl.addresses();
            for (FullNatState.AddedAddress added : recorded) {
                if (ownedElsewhere.contains(added.address())) {
                    continue;
                }
                boolean used = table.services().values().stream().anyMatch(s -> s.localAddresses().contains(added.address()));
                if (used) {
                    kept.add(added);
                    continue;
                }
                for (InterfaceAddress a : present) {
                    if (a.address().equals(added.address()) && a.prefixLength() == added.prefixLength()) {
                        deleteIfThere(rtnl, a);
                    }
                }
            }
        } catch (NetlinkException e) {
            throw new FullNatException("cannot remove a local address: " + e.getMessage(), e);
        }
        return kept;
    }

    /** Deletes an address; one that is gone already (removed by hand meanwhile) is no error. */
    private static void deleteIfThere(RtnlClient rtnl, InterfaceAddress a) {
        try {
            rtnl.deleteAddress(a);
        } catch (NetlinkException e) {
            if (e.errno() != io.lvsj.sys.Errno.EADDRNOTAVAIL.number()) {
                throw e;
            }
        }
    }

    /** Undoes what this call changed, newest first, as far as it can. */
    void rollBack() {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                // best effort: the original failure is what the caller reports
            }
        }
    }

    /** A /32 or /128 (IPv6 without duplicate address detection, so it works at once). */
    private static InterfaceAddress hostAddress(int index, InetAddress lip) {
        int flags = lip instanceof Inet6Address ? InterfaceAddress.FLAG_NODAD : 0;
        return new InterfaceAddress(index, lip, AddressText.hostPrefix(lip), Scope.GLOBAL, "", null, flags);
    }

    private void deleteQuietly(InterfaceAddress a) {
        try (RtnlClient rtnl = RtnlClient.open(namespace)) {
            rtnl.deleteAddress(a);
        }
    }

    private String read(String name) {
        try {
            return sysctl.read(name);
        } catch (Sysctl.SysctlException e) {
            throw new FullNatException(e.getMessage(), e);
        }
    }

    private void write(String name, String value) {
        try {
            sysctl.write(name, value);
        } catch (Sysctl.SysctlException e) {
            throw new FullNatException(e.getMessage(), e);
        }
    }
}
