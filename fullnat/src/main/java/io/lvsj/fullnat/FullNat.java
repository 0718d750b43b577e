package io.lvsj.fullnat;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.sys.NetNamespace;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * FullNAT on a stock kernel for one network namespace: an IPVS NAT service, plus
 * {@code net.ipv4.vs.conntrack=1}, plus source NAT of its connections to a pool of local
 * addresses. This class keeps the table users asked for (ipvsadm-j, keepalived-j), makes the
 * host match it (rules, sysctls, addresses) and undoes exactly what it did when services go.
 * IPVS itself is the caller's: it programs the NAT destinations.
 *
 * <p>Reading the table ({@link #table()}) costs one file lookup; nothing runs and nothing is
 * read from the firewall unless FullNAT is in use, so a host that never uses it sees no change.
 */
public final class FullNat {
    public static final Path DEFAULT_RUN_DIRECTORY = io.lvsj.sys.StateFile.DEFAULT_RUN_DIRECTORY;
    private static final String HEADER = "LVS-J FullNAT state: what ipvsadm-j and keepalived-j set up in this network"
            + " namespace, so that removing it undoes exactly that. Written by LVS-J; do not edit.";

    private final NetNamespace namespace;
    private final StateStore store;
    private final String configuredFirewall;
    private final CommandRunner runner;

    /**
     * @param namespace          the network namespace, or {@code null} for this process's own
     * @param runDirectory       where state files live ({@link #DEFAULT_RUN_DIRECTORY})
     * @param configuredFirewall a back end the user named ({@code LVSJ_FIREWALL}), or {@code null} to detect it
     */
    public FullNat(NetNamespace namespace, Path runDirectory, String configuredFirewall) {
        this.namespace = namespace;
        this.store = new StateStore(runDirectory, namespace);
        this.configuredFirewall = configuredFirewall;
        this.runner = new CommandRunner(namespace);
    }

    /** FullNAT of {@code namespace} with the defaults: {@code /run/lvsj}, and {@code LVSJ_FIREWALL} if set. */
    public static FullNat of(NetNamespace namespace) {
        return new FullNat(namespace, io.lvsj.sys.StateFile.runDirectory(), System.getenv("LVSJ_FIREWALL"));
    }

    /** The FullNAT table as last applied (empty when FullNAT is not in use). */
    public FullNatTable table() {
        return store.load().table();
    }

    public FullNatState state() {
        return store.load();
    }

    /**
     * Changes the table and makes the host match: under the namespace's lock, so concurrent
     * commands do not lose each other's changes. Returns warnings for the user (a service with
     * FullNAT servers and no local address). On failure nothing is left changed.
     */
    public List<String> update(UnaryOperator<FullNatTable> edit) {
        return update(edit, Set.of());
    }

    private List<String> update(UnaryOperator<FullNatTable> edit, Set<InetAddress> ownedElsewhere) {
        try (AutoCloseable ignored = store.lock()) {
            FullNatState before = store.load();
            FullNatTable desired = edit.apply(before.table());
            store.save(make(before, desired, ownedElsewhere), HEADER);
            return warnings(desired);
        } catch (FullNatException e) {
            throw e;
        } catch (Exception e) {
            throw new FullNatException("FullNAT state: " + e.getMessage(), e);
        }
    }

    /** Replaces the whole table (keepalived-j's reload; empty at stop). */
    public List<String> apply(FullNatTable desired) {
        return apply(desired, Set.of());
    }

    /**
     * Replaces the whole table; the local addresses in {@code ownedElsewhere} are never added
     * or removed here: something else keeps them (keepalived-j's VRRP, when a local address is
     * also a VRRP VIP and so follows the master).
     */
    public List<String> apply(FullNatTable desired, Set<InetAddress> ownedElsewhere) {
        return update(t -> desired, Set.copyOf(ownedElsewhere));
    }

    /** LVS-J's rules as the firewall holds them now, with their counters, per family in use. */
    public Map<AddressFamily, FirewallView> views() {
        FullNatState s = store.load();
        Map<AddressFamily, FirewallView> out = new EnumMap<>(AddressFamily.class);
        if (s.backend() == null) {
            return out;
        }
        Firewall firewall = new Firewall(s.backend(), runner);
        for (AddressFamily f : families(s.table())) {
            out.put(f, firewall.read(f));
        }
        return out;
    }

    /**
     * Connections the kernel dropped because their translated tuple clashed with one in use
     * (conntrack's {@code insert_failed}, all CPUs): what running out of source ports per local
     * address and real server looks like. The kernel does not say which local address it was.
     */
    public long natClashes() {
        try {
            String text = namespace == null ? Files.readString(Path.of("/proc/net/stat/nf_conntrack"))
                    : namespace.call(() -> Files.readString(Path.of("/proc/net/stat/nf_conntrack")));
            return ConntrackStats.sum(text, "insert_failed");
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException | RuntimeException e) {
            throw new FullNatException("cannot read /proc/net/stat/nf_conntrack: " + e.getMessage(), e);
        }
    }

    /** Makes the host match {@code desired}; returns the new state to record. */
    private FullNatState make(FullNatState before, FullNatTable desired, Set<InetAddress> ownedElsewhere) {
        if (before.isEmpty() && desired.isEmpty()) {
            return before;
        }
        FirewallBackend backend = before.backend() != null ? before.backend()
                : FirewallDetector.detect(runner, null, configuredFirewall);
        Firewall firewall = new Firewall(backend, runner);
        HostSetup host = new HostSetup(namespace);
        Set<AddressFamily> families = families(desired);
        List<AddressFamily> applied = new ArrayList<>();
        try {
            var needed = HostSetup.needed(families);
            var sysctls = host.setSysctls(before.sysctls(), needed);
            var addresses = host.addAddresses(before.addresses(), desired, ownedElsewhere);
            Set<AddressFamily> touched = families(before.table());
            touched.addAll(families);
            for (AddressFamily f : touched) {
                FirewallView current = firewall.read(f);
                firewall.apply(RulePlan.between(current, desired.only(f), firewall.naming()), f);
                applied.add(f);
            }
            addresses = host.removeAddresses(addresses, desired, ownedElsewhere);
            sysctls = host.restoreSysctls(sysctls, needed);
            return new FullNatState(desired.isEmpty() && addresses.isEmpty() && sysctls.isEmpty() ? null : backend,
                    desired, addresses, sysctls);
        } catch (RuntimeException e) {
            for (AddressFamily f : applied) {
                try {
                    firewall.apply(RulePlan.between(firewall.read(f), before.table().only(f), firewall.naming()), f);
                } catch (RuntimeException ignored) {
                    // best effort: the first failure is the one to report
                }
            }
            host.rollBack();
            throw e;
        }
    }

    private static Set<AddressFamily> families(FullNatTable table) {
        Set<AddressFamily> out = EnumSet.noneOf(AddressFamily.class);
        table.services().keySet().forEach(k -> out.add(k.family()));
        return out;
    }

    private static List<String> warnings(FullNatTable table) {
        List<String> out = new ArrayList<>();
        for (FullNatService s : table.services().values()) {
            if (s.localAddresses().isEmpty() && !s.realServers().isEmpty()) {
                out.add("service " + FullNatService.describe(s.key()) + " has no local address yet: its FullNAT real"
                        + " servers see the client's address, as with NAT, until it has one");
            }
        }
        return out;
    }
}
